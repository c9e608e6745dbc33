# Tests of src/io: unit tests of the writers, and the plot script on synthetic data.
stz_add_unit_test(NAME test_io SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/test_atomic_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_csv.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_csv_journal.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_csv_table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_npy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_state_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_vti.cpp)
target_compile_definitions(test_io PRIVATE STZ_PYTHON="${STZ_PLOT_PYTHON}")

stz_add_plot_test(NAME plot_eshelby_synthetic
                  DRIVER ${CMAKE_CURRENT_LIST_DIR}/plot_eshelby_synthetic.py
                  SCRIPT scripts/plot_eshelby.py)
