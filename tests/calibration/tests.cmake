# The calibration module: statistics, each fit on synthetic data from known parameters and on
# paper 003's own numbers, and the command's inputs, fragment and report.
stz_add_unit_test(NAME test_distributions SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/test_distributions.cpp)
stz_add_unit_test(NAME test_calibration SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/test_sample_stats.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_linear_fit.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_aebs_windows.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_softening_fit.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_processing_map.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_stz_geometry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_mode_count.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_calibrate.cpp)
