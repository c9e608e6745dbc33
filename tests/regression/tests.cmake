# Regression tests (label `regression`): the four studies of paper 003 (MODEL.md §6), each a
# sweep (tests/regression/<study>.yaml: barrier mean and strain rate at 48^2 with 5 seeds,
# softening at 64^2 with 8 seeds, cooling rate at 64^2 with 16) and a check of its trends
# (check_trends.py: the criteria and bounds are stated there). About 10 minutes in all on
# two cores; the same studies at 64^2 and 512^2 are params/sweeps/reduced/ and params/sweeps/.
set(_reg_out ${CMAKE_CURRENT_BINARY_DIR}/regression)
foreach(study barrier_mean softening cooling_rate strain_rate)
  # Fresh tables each time: a sweep skips finished cases, and cases of an earlier build
  # must not stand in for this build's.
  add_test(NAME regression_${study}_sweep
           COMMAND ${CMAKE_COMMAND} -DSTZKMC=$<TARGET_FILE:stzkmc_cli>
                   -DSWEEP=${CMAKE_CURRENT_LIST_DIR}/${study}.yaml -DOUT=${_reg_out}/${study}
                   -P ${CMAKE_CURRENT_LIST_DIR}/run_fresh_sweep.cmake)
  set_tests_properties(regression_${study}_sweep PROPERTIES LABELS regression TIMEOUT 900
                       PROCESSORS 2 FIXTURES_SETUP regression_${study})
  add_test(NAME regression_${study}_trends
           COMMAND ${STZ_PLOT_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/check_trends.py ${study}
                   ${_reg_out}/${study})
  set_tests_properties(regression_${study}_trends PROPERTIES LABELS regression
                       FIXTURES_REQUIRED regression_${study})
endforeach()
