# Runs a sweep from scratch (the output folder is emptied first), on all cores with one
# thread per run. Run as
#   cmake -DSTZKMC=<program> -DSWEEP=<sweep file> -DOUT=<folder> -P run_fresh_sweep.cmake
cmake_minimum_required(VERSION 3.20)
foreach(v STZKMC SWEEP OUT)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "run_fresh_sweep.cmake: -D${v}=... is required")
  endif()
endforeach()
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND "${STZKMC}" -q --threads 1 sweep "${SWEEP}" --out "${OUT}"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "stzkmc sweep ${SWEEP} exited ${rc}")
endif()
file(READ "${OUT}/sweep_run_info.yaml" info)
message(STATUS "${SWEEP}:\n${info}")
