# Tests of the analysis scripts in scripts/, on synthetic input written by the tests.
# The scripts use the system Python (Debian's numpy and matplotlib); STZ_PLOT_PYTHON is the
# cache variable tests/io/tests.cmake defines, defaulted here too so this file stands alone.
set(STZ_PLOT_PYTHON /usr/bin/python3 CACHE FILEPATH "Python with numpy and matplotlib for scripts/")

execute_process(COMMAND ${STZ_PLOT_PYTHON} -c "import numpy, matplotlib"
                RESULT_VARIABLE stz_plot_run_python_rc OUTPUT_QUIET ERROR_QUIET)
if(stz_plot_run_python_rc EQUAL 0)
  add_test(NAME plot_run_synthetic
           COMMAND ${STZ_PLOT_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/plot_run_synthetic.py
                   ${PROJECT_SOURCE_DIR}/scripts/plot_run.py
                   ${CMAKE_CURRENT_BINARY_DIR}/plot_run_synthetic)
  set_tests_properties(plot_run_synthetic PROPERTIES LABELS integration)
else()
  message(STATUS "${STZ_PLOT_PYTHON} cannot import numpy and matplotlib: "
                 "test plot_run_synthetic not added")
endif()
