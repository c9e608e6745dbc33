# --reuse: a sweep sharing cases with a finished one copies them instead of running them, and
# its tables equal those of the same sweep run in full. Run as
#   cmake -DSTZKMC=<program> -DSWEEP=<sweep file> -DREF=<finished sweep folder it overlaps>
#         -DOUT=<scratch folder> -P check_sweep_reuse.cmake
cmake_minimum_required(VERSION 3.20)
foreach(v STZKMC SWEEP REF OUT)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "check_sweep_reuse.cmake: -D${v}=... is required")
  endif()
endforeach()
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND "${STZKMC}" --threads 1 sweep "${SWEEP}" --out "${OUT}/reused" -j 1 --reuse "${REF}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "sweep with --reuse exited ${rc}:\n${out}${err}")
endif()
foreach(want "2 cases copied from finished runs" "2 finished earlier, 2 to run")
  if(NOT "${out}${err}" MATCHES "${want}")
    message(FATAL_ERROR "expected '${want}' in:\n${out}${err}")
  endif()
endforeach()
execute_process(COMMAND "${STZKMC}" --threads 1 sweep "${SWEEP}" --out "${OUT}/full" -j 1
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT "${out}${err}" MATCHES "0 finished earlier, 4 to run")
  message(FATAL_ERROR "the full sweep should run all 4 cases:\n${out}${err}")
endif()
foreach(f aggregate.csv cases.csv)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${OUT}/full/${f}" "${OUT}/reused/${f}"
                  RESULT_VARIABLE same)
  if(NOT same EQUAL 0)
    message(FATAL_ERROR "${f} with copied cases differs from the sweep run in full")
  endif()
endforeach()
# A rerun with the copies in place has nothing to run and copies nothing.
execute_process(COMMAND "${STZKMC}" --threads 1 sweep "${SWEEP}" --out "${OUT}/reused" --reuse "${REF}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT "${out}${err}" MATCHES "0 cases copied" OR NOT "${out}${err}" MATCHES "4 finished earlier, 0 to run")
  message(FATAL_ERROR "expected nothing copied and nothing left to run:\n${out}${err}")
endif()
message(STATUS "reuse: 2 cases copied, 2 run, tables equal to the full sweep's")
