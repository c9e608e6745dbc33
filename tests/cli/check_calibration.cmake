# Checks `stzkmc calibrate` on examples/calibration and uses its fragment in a run. Run as
#   cmake -DSTZKMC=<program> -DDIR=<calibration out folder> -DDATA=<tests/cli/data> -P check_calibration.cmake
# 1. fragment.yaml holds the calibrated keys and the provenance; fragment_report/ every table.
# 2. A run file that includes small_run.yaml and the fragment runs, and its params.yaml shows
#    the fragment's values: the voxel size, M, and Q and eta_max derived from the map at the
#    target cooling rate (10^5.75 K/s, where the example's map gives about 2.0 eV), plus the
#    provenance.
cmake_minimum_required(VERSION 3.20)
foreach(v STZKMC DIR DATA)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "check_calibration.cmake: -D${v}=... is required")
  endif()
endforeach()

file(READ "${DIR}/fragment.yaml" frag)
foreach(key "voxel_size_nm:" "modes:" "barrier_std_eV:" "gamma_star:" "stz_volume_nm3:"
            "kappa_p:" "kappa_t:" "barrier_intercept_eV:" "barrier_slope_eV_per_decade:"
            "saturated_barrier_eV:" "cooling_rate_K_per_s: 562300" "sha256:" "skipped: []")
  string(FIND "${frag}" "${key}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${DIR}/fragment.yaml lacks '${key}':\n${frag}")
  endif()
endforeach()
foreach(f aebs_windows aebs_histograms softening_points softening_curve processing_map_points
          processing_map_band processing_map_targets stz_sizes displacement_arrhenius)
  if(NOT EXISTS "${DIR}/fragment_report/${f}.csv")
    message(FATAL_ERROR "${DIR}/fragment_report/${f}.csv is missing")
  endif()
endforeach()

file(WRITE "${DIR}/run.yaml"
     "include: [${DATA}/small_run.yaml, fragment.yaml]\nloading: {final_strain: 0.003}\n")
execute_process(COMMAND "${STZKMC}" -q --threads 1 run "${DIR}/run.yaml" --out "${DIR}/run"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the run with the fragment failed (${rc}):\n${out}${err}")
endif()
file(READ "${DIR}/run/params.yaml" params)
foreach(pattern "voxel_size_nm: 0\\.698" "modes: 16" "cooling_rate_K_per_s: 562300"
                "barrier_mean_eV: 2\\.0" "eta_max: 0\\.51" "provenance:" "tool: .*calibrate")
  if(NOT params MATCHES "${pattern}")
    message(FATAL_ERROR "${DIR}/run/params.yaml does not match '${pattern}':\n${params}")
  endif()
endforeach()
message(STATUS "calibration fragment and its use in a run: ok")
