stz_add_unit_test(NAME test_kmc SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/test_sum_tree.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_catalog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_simulation.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_thinning.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_numerical_guards.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_run_forecast.cpp)
# Statistics over seeds (fast vs direct path, waiting times): a few seconds.
stz_add_unit_test(NAME test_kmc_statistics SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/test_kmc_statistics.cpp)
