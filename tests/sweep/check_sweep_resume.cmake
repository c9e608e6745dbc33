# A killed sweep resumes: the cases whose case.yaml is gone (killed mid-run) or whose folder
# is gone run again, the others are skipped, and the tables come out the same. Run as
#   cmake -DSTZKMC=<program> -DSWEEP=<sweep file> -DREF=<finished sweep folder>
#         -DOUT=<scratch folder> -P check_sweep_resume.cmake
cmake_minimum_required(VERSION 3.20)
foreach(v STZKMC SWEEP REF OUT)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "check_sweep_resume.cmake: -D${v}=... is required")
  endif()
endforeach()
file(REMOVE_RECURSE "${OUT}")
file(COPY "${REF}/" DESTINATION "${OUT}")
file(REMOVE "${OUT}/aggregate.csv" "${OUT}/cases.csv")
file(GLOB markers "${OUT}/cases/*/seed_*/case.yaml")
list(LENGTH markers total)
list(GET markers 0 first)
file(REMOVE "${first}")                      # killed while running
get_filename_component(gone "${markers}" DIRECTORY)
list(GET markers -1 last)
get_filename_component(gone "${last}" DIRECTORY)
file(REMOVE_RECURSE "${gone}")               # never started
execute_process(COMMAND "${STZKMC}" --threads 1 sweep "${SWEEP}" --out "${OUT}" -j 1
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "resumed sweep exited ${rc}:\n${out}${err}")
endif()
math(EXPR kept "${total} - 2")
if(NOT "${out}${err}" MATCHES "${kept} finished earlier, 2 to run")
  message(FATAL_ERROR "expected '${kept} finished earlier, 2 to run' in:\n${out}${err}")
endif()
foreach(f aggregate.csv cases.csv)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${REF}/${f}" "${OUT}/${f}"
                  RESULT_VARIABLE same)
  if(NOT same EQUAL 0)
    message(FATAL_ERROR "${f} of the resumed sweep differs from the uninterrupted one")
  endif()
endforeach()
# A third invocation has nothing left to run.
execute_process(COMMAND "${STZKMC}" --threads 1 sweep "${SWEEP}" --out "${OUT}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT "${out}${err}" MATCHES "${total} finished earlier, 0 to run")
  message(FATAL_ERROR "expected nothing left to run:\n${out}${err}")
endif()
message(STATUS "resumed: ${kept} cases skipped, 2 rerun, tables identical")
