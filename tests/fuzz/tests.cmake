# Regression tests for reader findings of the fuzz targets (fuzz/) and the bad-input sweep
# (fuzz/bad_inputs.sh); docs/reliability.md lists them.
stz_add_unit_test(NAME test_fuzz_regressions SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/test_fuzz_regressions.cpp)
