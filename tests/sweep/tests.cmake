stz_add_unit_test(NAME test_sweep SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/test_sweep_spec.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_sweep_cases.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_sweep_processing.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_sweep_tables.cpp)

# ------------------------------------------------------------------ stzkmc sweep
# A tiny sweep (2 groups x 2 seeds at 24^2) run several ways; the tables must not depend
# on how the cases were shared out (jobs, shards, MPI ranks) or on an interruption.
set(_sweep_out ${CMAKE_CURRENT_BINARY_DIR}/sweep)
set(_sweep_file ${CMAKE_CURRENT_LIST_DIR}/data/tiny_sweep.yaml)
add_test(NAME cli_sweep_clean COMMAND ${CMAKE_COMMAND} -E rm -rf ${_sweep_out})
set_tests_properties(cli_sweep_clean PROPERTIES LABELS integration FIXTURES_SETUP cli_sweep_clean)

# stzkmc_sweep(NAME FIXTURE ARGS...): a sweep invocation that sets up fixture FIXTURE.
function(stzkmc_sweep name fixture)
  add_test(NAME ${name} COMMAND ${ARGN})
  set_tests_properties(${name} PROPERTIES LABELS integration TIMEOUT 120
                       FIXTURES_REQUIRED cli_sweep_clean FIXTURES_SETUP ${fixture})
endfunction()
stzkmc_sweep(cli_sweep_jobs1 cli_sweep_jobs1
             $<TARGET_FILE:stzkmc_cli> --threads 1 sweep ${_sweep_file} --out ${_sweep_out}/jobs1 -j 1)
stzkmc_sweep(cli_sweep_jobs2 cli_sweep_jobs2
             $<TARGET_FILE:stzkmc_cli> --threads 1 sweep ${_sweep_file} --out ${_sweep_out}/jobs2 -j 2)
stzkmc_sweep(cli_sweep_shard0 cli_sweep_shard0
             $<TARGET_FILE:stzkmc_cli> --threads 1 sweep ${_sweep_file} --out ${_sweep_out}/shards --shard 0/2)
stzkmc_sweep(cli_sweep_shard1 cli_sweep_shard1
             $<TARGET_FILE:stzkmc_cli> --threads 1 sweep ${_sweep_file} --out ${_sweep_out}/shards --shard 1/2)
set_tests_properties(cli_sweep_shard1 PROPERTIES DEPENDS cli_sweep_shard0)
# After the shards, a plain invocation runs nothing and writes the tables.
stzkmc_sweep(cli_sweep_after_shards cli_sweep_after_shards
             $<TARGET_FILE:stzkmc_cli> sweep ${_sweep_file} --out ${_sweep_out}/shards)
set_tests_properties(cli_sweep_after_shards PROPERTIES
  FIXTURES_REQUIRED "cli_sweep_clean;cli_sweep_shard0;cli_sweep_shard1"
  PASS_REGULAR_EXPRESSION "4 finished earlier, 0 to run")
set(_sweep_same ${_sweep_out}/jobs2 ${_sweep_out}/shards)
set(_sweep_fixtures cli_sweep_jobs1 cli_sweep_jobs2 cli_sweep_after_shards)

# MPI: 1 and 2 ranks (Open MPI refuses root and more ranks than cores unless told).
if(STZ_MPI_ENABLED AND MPIEXEC_EXECUTABLE)
  foreach(np 1 2)
    stzkmc_sweep(cli_sweep_mpi${np} cli_sweep_mpi${np}
                 ${MPIEXEC_EXECUTABLE} ${MPIEXEC_NUMPROC_FLAG} ${np} ${MPIEXEC_PREFLAGS}
                 $<TARGET_FILE:stzkmc_cli> --threads 1 sweep ${_sweep_file} --out ${_sweep_out}/mpi${np})
    set_tests_properties(cli_sweep_mpi${np} PROPERTIES ENVIRONMENT
      "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1;OMPI_MCA_rmaps_base_oversubscribe=1")
    list(APPEND _sweep_same ${_sweep_out}/mpi${np})
    list(APPEND _sweep_fixtures cli_sweep_mpi${np})
  endforeach()
  set_tests_properties(cli_sweep_mpi2 PROPERTIES PASS_REGULAR_EXPRESSION "\\[rank 1\\]")
else()
  message(STATUS "stzkmc built without MPI: the 1- and 2-rank sweep tests are not added")
endif()

add_test(NAME cli_sweep_tables_identical
         COMMAND ${CMAKE_COMMAND} -DREF=${_sweep_out}/jobs1 "-DSAME=${_sweep_same}" -DCASES=4
                 -P ${CMAKE_CURRENT_LIST_DIR}/check_sweep_tables.cmake)
set_tests_properties(cli_sweep_tables_identical PROPERTIES LABELS integration
                     FIXTURES_REQUIRED "${_sweep_fixtures}")

# sweep_check(NAME SCRIPT SWEEP OUT_SUBDIR): cmake -P SCRIPT with the program, a sweep file,
# the finished folder of cli_sweep_jobs1 (REF) and a scratch folder (OUT).
function(sweep_check name script sweep out)
  add_test(NAME ${name}
           COMMAND ${CMAKE_COMMAND} -DSTZKMC=$<TARGET_FILE:stzkmc_cli> -DSWEEP=${sweep}
                   -DREF=${_sweep_out}/jobs1 -DOUT=${_sweep_out}/${out}
                   -P ${CMAKE_CURRENT_LIST_DIR}/${script})
  set_tests_properties(${name} PROPERTIES LABELS integration TIMEOUT 120
                       FIXTURES_REQUIRED cli_sweep_jobs1)
endfunction()
sweep_check(cli_sweep_resume check_sweep_resume.cmake ${_sweep_file} resume)

# A sweep sharing a group with the tiny one copies those cases from it (--reuse).
sweep_check(cli_sweep_reuse check_sweep_reuse.cmake ${CMAKE_CURRENT_LIST_DIR}/data/tiny_overlap.yaml reuse)

# --tables-only: the tables of the cases finished so far, nothing run.
add_test(NAME cli_sweep_tables_only
         COMMAND ${CMAKE_COMMAND} -DSTZKMC=$<TARGET_FILE:stzkmc_cli> -DSWEEP=${_sweep_file}
                 -DOUT=${_sweep_out}/tables_only
                 -P ${CMAKE_CURRENT_LIST_DIR}/check_sweep_tables_only.cmake)
set_tests_properties(cli_sweep_tables_only PROPERTIES LABELS integration TIMEOUT 120
                     FIXTURES_REQUIRED cli_sweep_clean)

# Bad sweep files: the message names the file, line and key; nothing runs.
add_test(NAME cli_sweep_bad_axis
         COMMAND stzkmc_cli sweep ${CMAKE_CURRENT_LIST_DIR}/data/bad_axis.yaml --out ${_sweep_out}/bad)
set_tests_properties(cli_sweep_bad_axis PROPERTIES LABELS integration
  PASS_REGULAR_EXPRESSION "bad_axis\\.yaml:9: axes\\[1\\]\\.values\\[0\\]: expected a list of 3 values")
add_test(NAME cli_sweep_bad_value
         COMMAND stzkmc_cli sweep ${CMAKE_CURRENT_LIST_DIR}/data/bad_value.yaml --out ${_sweep_out}/bad)
set_tests_properties(cli_sweep_bad_value PROPERTIES LABELS integration
  PASS_REGULAR_EXPRESSION "bad_value\\.yaml: case g01_0\\.7 seed 1: .*material\\.poisson_ratio: expected")
add_test(NAME cli_sweep_list
         COMMAND stzkmc_cli sweep ${_sweep_file} --list)
set_tests_properties(cli_sweep_list PROPERTIES LABELS integration
  PASS_REGULAR_EXPRESSION "3  cases/g01_2\\.1/seed_2  .*catalog\\.barrier_mean_eV=2\\.1 run\\.seed=2")

# --status: each case's state (what a rerun would do), read without writing anything.
sweep_check(cli_sweep_status check_sweep_status.cmake ${_sweep_file} status)
