# Integration tests: the stzkmc program on tiny inputs, checking what it writes and says.
set(_cli_out ${CMAKE_CURRENT_BINARY_DIR}/cli)
add_test(NAME cli_eshelby_small
         COMMAND stzkmc_cli eshelby ${CMAKE_CURRENT_LIST_DIR}/data/small_eshelby.yaml
                 --out ${_cli_out}/eshelby)
set_tests_properties(cli_eshelby_small PROPERTIES LABELS integration FIXTURES_SETUP cli_eshelby)
add_test(NAME cli_eshelby_outputs
         COMMAND ${CMAKE_COMMAND} -DDIR=${_cli_out}/eshelby
                 -P ${CMAKE_CURRENT_LIST_DIR}/check_eshelby_outputs.cmake)
set_tests_properties(cli_eshelby_outputs PROPERTIES LABELS integration FIXTURES_REQUIRED cli_eshelby)

# Bad input: non-zero exit, and the message names file, line, key, expected and found.
add_test(NAME cli_bad_parameter
         COMMAND stzkmc_cli eshelby ${CMAKE_CURRENT_LIST_DIR}/data/bad_poisson.yaml
                 --out ${_cli_out}/bad)
set_tests_properties(cli_bad_parameter PROPERTIES LABELS integration WILL_FAIL TRUE)
add_test(NAME cli_bad_parameter_message
         COMMAND stzkmc_cli eshelby ${CMAKE_CURRENT_LIST_DIR}/data/bad_poisson.yaml
                 --out ${_cli_out}/bad)
set_tests_properties(cli_bad_parameter_message PROPERTIES LABELS integration
  PASS_REGULAR_EXPRESSION "bad_poisson.yaml:4: material.poisson_ratio: expected .*got 0.5")
add_test(NAME cli_override_error
         COMMAND stzkmc_cli eshelby ${CMAKE_CURRENT_LIST_DIR}/data/small_eshelby.yaml
                 --set grid.nxx=3 --out ${_cli_out}/bad)
set_tests_properties(cli_override_error PROPERTIES LABELS integration
  PASS_REGULAR_EXPRESSION "grid.nxx.*unknown key")
# A run whose events never let the simulated time advance is refused, not left spinning.
add_test(NAME cli_run_runaway_thermal
         COMMAND stzkmc_cli --threads 1 run ${CMAKE_CURRENT_LIST_DIR}/data/runaway_thermal.yaml --out ${_cli_out}/runaway)
set_tests_properties(cli_run_runaway_thermal PROPERTIES LABELS integration TIMEOUT 120
  PASS_REGULAR_EXPRESSION "in one loading interval of 0.2.* s, reaching only .*stz_volume")
add_test(NAME cli_bench_elasticity_tiny
         COMMAND stzkmc_cli bench elasticity --grid 32 --grid 8x8x8 --min-seconds 0.01)
set_tests_properties(cli_bench_elasticity_tiny PROPERTIES LABELS integration
  PASS_REGULAR_EXPRESSION "\\| 32x32 \\|.*\\| 8x8x8 \\|")

# ------------------------------------------------------------------ stzkmc run
# Tiny runs (well under a second each with one thread) whose folders the checks below read.
# cli_run_clean empties the scratch folder first, so that no file of an earlier build's run
# can satisfy a check. Runs use --threads 1 (faster on tiny grids) except where the thread
# count is the point.
set(_run_out ${_cli_out}/run)
set(_run_data ${CMAKE_CURRENT_LIST_DIR}/data)
add_test(NAME cli_run_clean COMMAND ${CMAKE_COMMAND} -E rm -rf ${_run_out})
set_tests_properties(cli_run_clean PROPERTIES LABELS integration FIXTURES_SETUP cli_run_clean)

# stzkmc_run(NAME FIXTURE ARGS...): a run test that sets up fixture FIXTURE.
function(stzkmc_run name fixture)
  add_test(NAME ${name} COMMAND stzkmc_cli ${ARGN})
  set_tests_properties(${name} PROPERTIES LABELS integration TIMEOUT 60
                       FIXTURES_REQUIRED cli_run_clean FIXTURES_SETUP ${fixture})
endfunction()

# The run folder holds every documented file (docs/run-output.md), and nothing else.
stzkmc_run(cli_run_small cli_run_small
           --threads 1 run ${_run_data}/small_run.yaml --out ${_run_out}/small)
add_test(NAME cli_run_small_outputs
         COMMAND ${CMAKE_COMMAND} -DDIR=${_run_out}/small -DSEED=1 "-DSHAPE=(24, 24)"
                 -DFINAL_STRAIN=0.05 -DSNAPSHOTS=0.005,0.01
                 -P ${CMAKE_CURRENT_LIST_DIR}/check_run_outputs.cmake)
set_tests_properties(cli_run_small_outputs PROPERTIES LABELS integration
                     FIXTURES_REQUIRED cli_run_small)

# Same parameters and seed: byte-identical files; another seed: another curve.
stzkmc_run(cli_run_same_seed cli_run_same_seed
           --threads 1 run ${_run_data}/small_run.yaml --out ${_run_out}/same_seed)
stzkmc_run(cli_run_other_seed cli_run_other_seed
           --threads 1 run ${_run_data}/small_run.yaml --seed 2 --out ${_run_out}/other_seed)
add_test(NAME cli_run_same_seed_identical
         COMMAND ${CMAKE_COMMAND} -DREF=${_run_out}/small -DSAME=${_run_out}/same_seed
                 -DDIFFERENT=${_run_out}/other_seed
                 -P ${CMAKE_CURRENT_LIST_DIR}/compare_runs.cmake)
set_tests_properties(cli_run_same_seed_identical PROPERTIES LABELS integration
  FIXTURES_REQUIRED "cli_run_small;cli_run_same_seed;cli_run_other_seed")

# The thread count changes nothing but run_info.yaml.
stzkmc_run(cli_run_threads_1 cli_run_threads_1
           --threads 1 run ${_run_data}/small_run.yaml --out ${_run_out}/threads_1)
stzkmc_run(cli_run_threads_2 cli_run_threads_2
           run ${_run_data}/small_run.yaml --out ${_run_out}/threads_2 --threads 2)
add_test(NAME cli_run_threads_identical
         COMMAND ${CMAKE_COMMAND} -DREF=${_run_out}/threads_1 -DSAME=${_run_out}/threads_2
                 -P ${CMAKE_CURRENT_LIST_DIR}/compare_runs.cmake)
set_tests_properties(cli_run_threads_identical PROPERTIES LABELS integration
  FIXTURES_REQUIRED "cli_run_threads_1;cli_run_threads_2")

# 3D: 8^3 voxels, yields and writes its snapshot (6 stress components, (nz, ny, nx) arrays).
stzkmc_run(cli_run_3d cli_run_3d
           --threads 1 run ${_run_data}/small_run_3d.yaml --out ${_run_out}/small_3d)
add_test(NAME cli_run_3d_outputs
         COMMAND ${CMAKE_COMMAND} -DDIR=${_run_out}/small_3d -DSEED=1 "-DSHAPE=(8, 8, 8)"
                 -DFINAL_STRAIN=0.06 -DSNAPSHOTS=0.005
                 -P ${CMAKE_CURRENT_LIST_DIR}/check_run_outputs.cmake)
set_tests_properties(cli_run_3d_outputs PROPERTIES LABELS integration FIXTURES_REQUIRED cli_run_3d)

# Bad run input: the message names file:line (or the option), key path, expected and found.
# Each bad_*.yaml is small_run.yaml with one value or key changed.
function(stzkmc_run_error name regex)
  add_test(NAME ${name} COMMAND stzkmc_cli ${ARGN} --out ${_run_out}/${name})
  set_tests_properties(${name} PROPERTIES LABELS integration PASS_REGULAR_EXPRESSION "${regex}"
                       FIXTURES_REQUIRED cli_run_clean)
endfunction()
stzkmc_run_error(cli_run_bad_temperature
  "bad_temperature\\.yaml:12: kinetics\\.temperature_K: expected a positive number, got -3"
  run ${_run_data}/bad_temperature.yaml)
stzkmc_run_error(cli_run_bad_kinetics_key
  "bad_kinetics_key\\.yaml:12: kinetics\\.temperature: unknown key; expected one of temperature_K.*did you mean temperature_K"
  run ${_run_data}/bad_kinetics_key.yaml)
stzkmc_run_error(cli_run_bad_eta_max
  "bad_eta_max\\.yaml:13: softening\\.eta_max: expected a number >= 0 or the text \"-ln X\".*got the text \"ln 0\\.6\""
  run ${_run_data}/bad_eta_max.yaml)
stzkmc_run_error(cli_run_bad_snapshots
  "bad_snapshots\\.yaml:15: output\\.snapshot_plastic_strains\\[1\\]: expected a number > 0\\.01 \\(the list must increase strictly\\), got 0\\.005"
  run ${_run_data}/bad_snapshots.yaml)
stzkmc_run_error(cli_run_bad_override
  "small_run\\.yaml: --set loading\\.mode=shear: loading\\.mode: expected one of uniaxial_tension.*got the text \"shear\""
  run ${_run_data}/small_run.yaml --set loading.mode=shear)
# A negative seed is refused on the command line (CLI11), not wrapped to 2^64 - 1.
stzkmc_run_error(cli_run_bad_seed "--seed: .*-1|run\\.seed: expected an integer.*got -1"
  --threads 1 run ${_run_data}/small_run.yaml --seed -1)
stzkmc_run_error(cli_run_missing_file "no_such_file\\.yaml: cannot read parameter file"
  run ${_run_data}/no_such_file.yaml)
# ...and every one of them exits non-zero without creating its run folder.
add_test(NAME cli_run_bad_input_exit_status
         COMMAND ${CMAKE_COMMAND} -DSTZKMC=$<TARGET_FILE:stzkmc_cli> -DDATA=${_run_data}
                 -DOUT=${_run_out}/bad_exit -P ${CMAKE_CURRENT_LIST_DIR}/check_bad_runs.cmake)
set_tests_properties(cli_run_bad_input_exit_status PROPERTIES LABELS integration TIMEOUT 60
                     FIXTURES_REQUIRED cli_run_clean)

# ------------------------------------------------------------------ stzkmc calibrate
# The example data (examples/calibration, synthetic from known parameters): fragment, report,
# and a run that includes the fragment. Bad calibration input: the message names file, line, key.
set(_cal_out ${_cli_out}/calibration)
add_test(NAME cli_calibrate_example
         COMMAND stzkmc_cli calibrate ${PROJECT_SOURCE_DIR}/examples/calibration/calibrate.yaml
                 --out ${_cal_out}/fragment.yaml)
set_tests_properties(cli_calibrate_example PROPERTIES LABELS integration
                     FIXTURES_SETUP cli_calibrate)
add_test(NAME cli_calibrate_outputs
         COMMAND ${CMAKE_COMMAND} -DSTZKMC=$<TARGET_FILE:stzkmc_cli> -DDIR=${_cal_out}
                 -DDATA=${CMAKE_CURRENT_LIST_DIR}/data
                 -P ${CMAKE_CURRENT_LIST_DIR}/check_calibration.cmake)
set_tests_properties(cli_calibrate_outputs PROPERTIES LABELS integration TIMEOUT 60
                     FIXTURES_REQUIRED cli_calibrate)
add_test(NAME cli_calibrate_bad_input
         COMMAND stzkmc_cli calibrate ${CMAKE_CURRENT_LIST_DIR}/data/bad_calibration.yaml
                 --out ${_cal_out}/bad.yaml)
set_tests_properties(cli_calibrate_bad_input PROPERTIES LABELS integration
  PASS_REGULAR_EXPRESSION "bad_calibration.yaml:6: aebs.strain_windows.1.: expected a number > 0.1 .the list must increase strictly")

# ------------------------------------------------------------------ output failures
# Crash-safe outputs (docs/reliability.md, "Output failures"): run, calibrate and sweep into
# folders nothing can be written to, and a run under a file size limit that stops writes
# mid-file (as a full disk does): non-zero exit, an error naming the folder or file and the
# OS reason, and no truncated file under a final name (tests/cli/output_failures.py).
if(EXISTS ${STZ_PLOT_PYTHON})
  add_test(NAME cli_output_unwritable
           COMMAND ${STZ_PLOT_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/output_failures.py unwritable
                   $<TARGET_FILE:stzkmc_cli> ${PROJECT_SOURCE_DIR} ${_cli_out}/unwritable)
  set_tests_properties(cli_output_unwritable PROPERTIES LABELS integration TIMEOUT 300)
  add_test(NAME cli_output_full_disk
           COMMAND ${STZ_PLOT_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/output_failures.py full_disk
                   $<TARGET_FILE:stzkmc_cli> ${PROJECT_SOURCE_DIR} ${_cli_out}/full_disk)
  set_tests_properties(cli_output_full_disk PROPERTIES LABELS integration TIMEOUT 300)
endif()
if(stz_plot_python_rc EQUAL 0)  # the plot scripts' writer (scripts/atomic_write.py), figures included
  add_test(NAME scripts_atomic_write
           COMMAND ${STZ_PLOT_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/output_failures.py scripts_helper -
                   ${PROJECT_SOURCE_DIR} ${_cli_out}/scripts_atomic_write)
  set_tests_properties(scripts_atomic_write PROPERTIES LABELS integration TIMEOUT 300)
endif()

# ------------------------------------------------------------------ numerical guards
# A stress that overflows (gamma* = 1e200: the first event's stress makes the work c p
# infinite) stops the run with the voxel and the applied strain, exit non-zero
# (docs/reliability.md, "Numerical guards").
add_test(NAME cli_run_nonfinite_stress
         COMMAND stzkmc_cli --threads 1 run ${_run_data}/small_run.yaml
                 --set catalog.gamma_star=1e200 --out ${_run_out}/nonfinite)
set_tests_properties(cli_run_nonfinite_stress PROPERTIES LABELS integration TIMEOUT 60
  FIXTURES_REQUIRED cli_run_clean
  PASS_REGULAR_EXPRESSION "non-finite .*voxel [0-9]+ \\(x [0-9]+, y [0-9]+, z 0; stress .* at applied strain [0-9.e-]+, t = .* after [0-9]+ events, in loading interval [0-9]+")
add_test(NAME cli_run_nonfinite_stress_exit
         COMMAND stzkmc_cli --threads 1 run ${_run_data}/small_run.yaml
                 --set catalog.gamma_star=1e200 --out ${_run_out}/nonfinite_exit)
set_tests_properties(cli_run_nonfinite_stress_exit PROPERTIES LABELS integration TIMEOUT 60
  FIXTURES_REQUIRED cli_run_clean WILL_FAIL TRUE)
# Degenerate atomistic boxes (too thin for the cutoff, zero volume, absurdly large) through
# `stzkmc atom eval` (tests/cli/degenerate_boxes.py).
if(EXISTS ${STZ_PLOT_PYTHON})
  add_test(NAME cli_atom_degenerate_boxes
           COMMAND ${STZ_PLOT_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/degenerate_boxes.py
                   $<TARGET_FILE:stzkmc_cli> ${PROJECT_SOURCE_DIR} ${_cli_out}/degenerate_boxes)
  set_tests_properties(cli_atom_degenerate_boxes PROPERTIES LABELS integration TIMEOUT 120)
endif()
