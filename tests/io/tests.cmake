# Tests of src/io: unit tests of the writers, and the plot script on synthetic data.
stz_add_unit_test(NAME test_io SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/test_atomic_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_csv.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_npy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_vti.cpp)

# The analysis scripts use the system Python (Debian's numpy and matplotlib), not
# whatever interpreter happens to be first on PATH.
set(STZ_PLOT_PYTHON /usr/bin/python3 CACHE FILEPATH "Python with numpy and matplotlib for scripts/")
target_compile_definitions(test_io PRIVATE STZ_PYTHON="${STZ_PLOT_PYTHON}")

execute_process(COMMAND ${STZ_PLOT_PYTHON} -c "import numpy, matplotlib"
                RESULT_VARIABLE stz_plot_python_rc OUTPUT_QUIET ERROR_QUIET)
if(stz_plot_python_rc EQUAL 0)
  add_test(NAME plot_eshelby_synthetic
           COMMAND ${STZ_PLOT_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/plot_eshelby_synthetic.py
                   ${PROJECT_SOURCE_DIR}/scripts/plot_eshelby.py
                   ${CMAKE_CURRENT_BINARY_DIR}/plot_eshelby_synthetic)
  set_tests_properties(plot_eshelby_synthetic PROPERTIES LABELS integration)
else()
  message(STATUS "${STZ_PLOT_PYTHON} cannot import numpy and matplotlib: "
                 "test plot_eshelby_synthetic not added")
endif()
