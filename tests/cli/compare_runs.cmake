# Compares `stzkmc run` folders byte by byte. Run as
#   cmake -DREF=<run folder> [-DSAME="dir;dir"] [-DDIFFERENT="dir;dir"] -P compare_runs.cmake
# Each folder in SAME must hold exactly the files of REF, every one identical except
# run_info.yaml (wall time and thread count: the only file that is not reproducible).
# Each folder in DIFFERENT must have a stress_strain.csv that differs from REF's.
cmake_minimum_required(VERSION 3.20)
if(NOT DEFINED REF)
  message(FATAL_ERROR "compare_runs.cmake: -DREF=<run folder> is required")
endif()

function(files_of dir out)
  file(GLOB_RECURSE files RELATIVE "${dir}" "${dir}/*")
  list(SORT files)
  if(NOT files)
    message(FATAL_ERROR "${dir}: no run output")
  endif()
  set(${out} ${files} PARENT_SCOPE)
endfunction()

# 0 if the files are identical, 1 if they differ.
function(differs a b out)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${a}" "${b}"
                  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  set(${out} ${rc} PARENT_SCOPE)
endfunction()

files_of("${REF}" ref_files)
foreach(dir IN LISTS SAME)
  files_of("${dir}" files)
  if(NOT files STREQUAL ref_files)
    message(FATAL_ERROR "${dir} and ${REF} hold different files:\n  ${files}\n  ${ref_files}")
  endif()
  set(compared 0)
  foreach(f IN LISTS files)
    if(f STREQUAL "run_info.yaml")
      continue()
    endif()
    differs("${REF}/${f}" "${dir}/${f}" rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "${f} differs between ${REF} and ${dir}")
    endif()
    math(EXPR compared "${compared} + 1")
  endforeach()
  # The thread counts, for the record (an OpenMP-off build always runs one thread).
  file(STRINGS "${REF}/run_info.yaml" ref_threads REGEX "^threads:")
  file(STRINGS "${dir}/run_info.yaml" threads REGEX "^threads:")
  message(STATUS "${dir}: ${compared} files identical to ${REF} (run_info.yaml not compared; "
                 "${threads} vs ${ref_threads})")
endforeach()

foreach(dir IN LISTS DIFFERENT)
  if(NOT EXISTS "${dir}/stress_strain.csv")
    message(FATAL_ERROR "${dir}/stress_strain.csv is missing")
  endif()
  differs("${REF}/stress_strain.csv" "${dir}/stress_strain.csv" rc)
  if(rc EQUAL 0)
    message(FATAL_ERROR "${dir}/stress_strain.csv is identical to ${REF}'s")
  endif()
  message(STATUS "${dir}: stress_strain.csv differs from ${REF}'s, as it should")
endforeach()
