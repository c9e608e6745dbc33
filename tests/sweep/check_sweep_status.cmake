# --status: the state of every case of a sweep folder, what a rerun would do with it, read
# without running or writing anything. From a finished copy of the tiny sweep (2 groups x
# 2 seeds) the cases are made into each state by hand:
#   case 0  finished          kept; its events must equal summary.yaml's thermal + athermal
#   case 1  checkpoint        case.yaml and summary gone, a checkpoint.bin and an avalanche
#                             part file whose last complete row is known (a torn row after it)
#   case 2  started           case.yaml gone, no checkpoint, a part file with the header only
#   case 3  other parameters  a line appended to params.yaml; then removed: not started
# Run as
#   cmake -DSTZKMC=<program> -DSWEEP=<tiny_sweep.yaml> -DREF=<its finished folder>
#         -DOUT=<scratch folder> -P check_sweep_status.cmake
cmake_minimum_required(VERSION 3.20)
foreach(v STZKMC SWEEP REF OUT)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "check_sweep_status.cmake: -D${v}=... is required")
  endif()
endforeach()
file(REMOVE_RECURSE "${OUT}")
file(COPY "${REF}/" DESTINATION "${OUT}")
set(c0 "${OUT}/cases/g00_1.9/seed_1")
set(c1 "${OUT}/cases/g00_1.9/seed_2")
set(c2 "${OUT}/cases/g01_2.1/seed_1")
set(c3 "${OUT}/cases/g01_2.1/seed_2")
set(header "index,applied_strain,time_s,events,voxels,stress_before_GPa,stress_after_GPa,plastic_strain_after\n")
file(REMOVE "${c1}/case.yaml" "${c1}/summary.yaml" "${c1}/avalanches.csv")
file(WRITE "${c1}/checkpoint.bin" "not read by --status")
file(WRITE "${c1}/avalanches.csv.part" "${header}6,0.011,1.1,2,2,1.5,1.4,0.001\n7,0.0123456,1.2,3,2,1.5,1.4,0.00234567\n8,0.01")
file(REMOVE "${c2}/case.yaml" "${c2}/summary.yaml" "${c2}/avalanches.csv")
file(WRITE "${c2}/avalanches.csv.part" "${header}")
file(APPEND "${c3}/params.yaml" "# edited\n")

function(status expect_rc out_var)
  execute_process(COMMAND "${STZKMC}" sweep "${SWEEP}" --out "${OUT}" --status ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL expect_rc)
    message(FATAL_ERROR "--status ${ARGN} exited ${rc}, expected ${expect_rc}:\n${out}${err}")
  endif()
  set(${out_var} "${out}${err}" PARENT_SCOPE)
endfunction()
function(expect text pattern)
  if(NOT text MATCHES "${pattern}")
    message(FATAL_ERROR "expected /${pattern}/ in:\n${text}")
  endif()
endfunction()

file(GLOB_RECURSE before LIST_DIRECTORIES true "${OUT}/*")
status(0 out)
file(GLOB_RECURSE after LIST_DIRECTORIES true "${OUT}/*")
if(NOT before STREQUAL after)
  message(FATAL_ERROR "--status changed the folder")
endif()
expect("${out}" "4 cases: 1 finished, 1 with a checkpoint, 1 started without one, 1 with other parameters, 0 not started")
file(STRINGS "${c0}/summary.yaml" th REGEX "^thermal_events: ")
file(STRINGS "${c0}/summary.yaml" at REGEX "^athermal_events: ")
string(REGEX REPLACE "^thermal_events: " "" th "${th}")
string(REGEX REPLACE "^athermal_events: " "" at "${at}")
math(EXPR events "${th} + ${at}")
expect("${out}" "\n0 +cases/g00_1\\.9/seed_1 +finished +0\\.[0-9]+ +0\\.01[0-9]+ +${events} +ep_0\\.0050,ep_0\\.0100 +[0-9.hms]+ ago\n")
expect("${out}" "\n1 +cases/g00_1\\.9/seed_2 +checkpoint +0\\.01235 +0\\.00235 +- +ep_0\\.0050,ep_0\\.0100 +[0-9.hms]+ ago\n")
expect("${out}" "\n2 +cases/g01_2\\.1/seed_1 +started +- +- +- +ep_0\\.0050,ep_0\\.0100 +[0-9.hms]+ ago\n")
expect("${out}" "\n3 +cases/g01_2\\.1/seed_2 +other parameters +- +- +- +ep_0\\.0050,ep_0\\.0100 +[0-9.hms]+ ago\n")

file(REMOVE_RECURSE "${c3}")
status(0 out)
expect("${out}" "4 cases: 1 finished, 1 with a checkpoint, 1 started without one, 0 with other parameters, 1 not started")
expect("${out}" "\n3 +cases/g01_2\\.1/seed_2 +not started +- +- +- +- +-\n")

# A torn summary is reported, not fatal.
file(WRITE "${c0}/summary.yaml" "final_applied_strain: [")
status(0 out)
expect("${out}" "\n0 +cases/g00_1\\.9/seed_1 +finished +- +- +- .*\\(summary\\.yaml unreadable: ")

execute_process(COMMAND "${STZKMC}" sweep "${SWEEP}" --out "${OUT}" --status --shard 0/2
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "--status with --shard was accepted")
endif()
expect("${out}${err}" "excludes")
message(STATUS "sweep --status: the five states, strains, events, snapshots; nothing written")
