# Tests of tests/config: the parameter loader and its documentation (one executable).
stz_add_unit_test(NAME test_config SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/test_load_config.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_includes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_kmc_sections.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_parameter_docs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_processing.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_numeric_bounds.cpp)
