# Tests of the analysis scripts in scripts/, on synthetic input written by the tests.
stz_add_plot_test(NAME plot_run_synthetic
                  DRIVER ${CMAKE_CURRENT_LIST_DIR}/plot_run_synthetic.py
                  SCRIPT scripts/plot_run.py)
stz_add_plot_test(NAME plot_sweep_synthetic
                  DRIVER ${CMAKE_CURRENT_LIST_DIR}/plot_sweep_synthetic.py
                  SCRIPT scripts/plot_sweep.py)
stz_add_plot_test(NAME plot_calibration_synthetic
                  DRIVER ${CMAKE_CURRENT_LIST_DIR}/plot_calibration_synthetic.py
                  SCRIPT scripts/plot_calibration.py)
stz_add_plot_test(NAME snapshot_report_synthetic
                  DRIVER ${CMAKE_CURRENT_LIST_DIR}/snapshot_report_synthetic.py
                  SCRIPT scripts/snapshot_report.py)
stz_add_plot_test(NAME forecast_check_synthetic
                  DRIVER ${CMAKE_CURRENT_LIST_DIR}/forecast_check_synthetic.py
                  SCRIPT scripts/forecast_check.py)
