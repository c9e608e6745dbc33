# `stzkmc run` on bad input must exit non-zero before it writes anything. Run as
#   cmake -DSTZKMC=<program> -DDATA=<tests/cli/data> -DOUT=<scratch folder> -P check_bad_runs.cmake
# (The messages themselves are checked by the cli_run_bad_* tests in tests.cmake.)
cmake_minimum_required(VERSION 3.20)
foreach(v STZKMC DATA OUT)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "check_bad_runs.cmake: -D${v}=... is required")
  endif()
endforeach()

# name|arguments..., separated by |
set(cases
    "temperature|run|${DATA}/bad_temperature.yaml"
    "kinetics_key|run|${DATA}/bad_kinetics_key.yaml"
    "eta_max|run|${DATA}/bad_eta_max.yaml"
    "snapshots|run|${DATA}/bad_snapshots.yaml"
    "seed|run|${DATA}/small_run.yaml|--seed|-1"
    "override|run|${DATA}/small_run.yaml|--set|loading.mode=shear"
    "missing_file|run|${DATA}/no_such_file.yaml")
file(REMOVE_RECURSE "${OUT}")
foreach(c IN LISTS cases)
  string(REPLACE "|" ";" parts "${c}")
  list(POP_FRONT parts name)
  set(dir "${OUT}/${name}")
  list(JOIN parts " " text)
  execute_process(COMMAND "${STZKMC}" --threads 1 ${parts} --out "${dir}" RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0)
    message(FATAL_ERROR "stzkmc ${text} exited 0:\n${out}${err}")
  endif()
  if(EXISTS "${dir}")
    message(FATAL_ERROR "stzkmc ${text} failed (${rc}) but wrote ${dir}")
  endif()
  message(STATUS "${name}: exit ${rc}")
endforeach()
