# Tests of tests/config: the parameter loader.
stz_add_unit_test(NAME test_config SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/test_load_config.cpp)
