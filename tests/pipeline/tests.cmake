# scripts/pipeline.sh --tiny end to end (docs/pipeline.md): quench 250 atoms, AQS, ART on
# the unstrained and the strained sample, merge, calibrate (with its documented fallback),
# kMC, figures. The script stops with a non-zero status when a stage fails or an expected
# output is missing, so its exit status is the test. It runs the program of this build
# (STZKMC) and the plotting Python of this configuration; a minute or two on two cores.
set(_pipeline_dir ${CMAKE_CURRENT_BINARY_DIR}/pipeline_tiny)
file(MAKE_DIRECTORY ${_pipeline_dir})
if(stz_plot_python_rc EQUAL 0)
  add_test(NAME pipeline_tiny
           COMMAND ${CMAKE_COMMAND} -E env STZKMC=$<TARGET_FILE:stzkmc_cli> PYTHON=${STZ_PLOT_PYTHON}
                   bash ${PROJECT_SOURCE_DIR}/scripts/pipeline.sh --tiny --threads 2
                   --out ${_pipeline_dir}/out
           WORKING_DIRECTORY ${_pipeline_dir})
  set_tests_properties(pipeline_tiny PROPERTIES LABELS integration TIMEOUT 600 PROCESSORS 2)
else()
  message(STATUS "${STZ_PLOT_PYTHON} cannot import numpy and matplotlib: test pipeline_tiny not added")
endif()
