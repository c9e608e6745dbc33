# Checkpoints and restarts (docs/checkpoints.md): the engine's state round trip, and
# `stzkmc run` killed at random moments and resumed.
stz_add_unit_test(NAME test_kmc_checkpoint SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/test_simulation_state.cpp)

# `stzkmc run` killed at random moments (SIGKILL: no chance to save; SIGTERM/SIGINT: clean
# stop) and resumed each time, with other thread counts: the finished folder must equal an
# uninterrupted run's byte for byte (run_info.yaml, the timing record, apart). The run takes
# ~3 s alone; checkpoints every 0.1 s so that most kills land between two of them.
if(EXISTS /usr/bin/python3)
  set(_ckpt_py /usr/bin/python3)
  set(_ckpt_out ${CMAKE_CURRENT_BINARY_DIR}/checkpoint)
  set(_ckpt_run ${CMAKE_CURRENT_LIST_DIR}/data/resume_run.yaml)
  add_test(NAME cli_run_kill_resume
           COMMAND ${_ckpt_py} ${CMAKE_CURRENT_LIST_DIR}/kill_resume.py
                   --work ${_ckpt_out}/kill --kills 5 --seed 3 --ignore run_info.yaml
                   --fresh "$<TARGET_FILE:stzkmc_cli> --threads 1 run ${_ckpt_run} --out {out} --checkpoint-every 0.1"
                   --resume "$<TARGET_FILE:stzkmc_cli> --threads 2 run --resume {out} --checkpoint-every 0.1")
  add_test(NAME cli_run_sigterm_resume
           COMMAND ${_ckpt_py} ${CMAKE_CURRENT_LIST_DIR}/kill_resume.py
                   --work ${_ckpt_out}/term --kills 3 --seed 4 --signal TERM --ignore run_info.yaml
                   --fresh "$<TARGET_FILE:stzkmc_cli> --threads 2 run ${_ckpt_run} --out {out} --checkpoint-every 0"
                   --resume "$<TARGET_FILE:stzkmc_cli> --threads 1 run ${_ckpt_run} --resume {out} --checkpoint-every 0")
  # Loading intervals of 5e-3 strain (hundreds of events each): checkpoints and stops fall
  # inside intervals, paused between two events (Simulation::set_pause_check).
  set(_ckpt_long "$<TARGET_FILE:stzkmc_cli> --threads 1 run ${_ckpt_run} --set loading.strain_step=5e-3")
  add_test(NAME cli_run_kill_resume_mid_interval
           COMMAND ${_ckpt_py} ${CMAKE_CURRENT_LIST_DIR}/kill_resume.py
                   --work ${_ckpt_out}/kill_mid --kills 5 --seed 11 --ignore run_info.yaml
                   --fresh "${_ckpt_long} --out {out} --checkpoint-every 0.05"
                   --resume "${_ckpt_long} --resume {out} --checkpoint-every 0.05")
  add_test(NAME cli_run_sigterm_resume_mid_interval
           COMMAND ${_ckpt_py} ${CMAKE_CURRENT_LIST_DIR}/kill_resume.py
                   --work ${_ckpt_out}/term_mid --kills 4 --seed 12 --signal TERM --ignore run_info.yaml
                   --fresh "${_ckpt_long} --out {out} --checkpoint-every 0"
                   --resume "${_ckpt_long} --resume {out} --checkpoint-every 0")
  set_tests_properties(cli_run_kill_resume_mid_interval cli_run_sigterm_resume_mid_interval
                       PROPERTIES LABELS integration TIMEOUT 300)
  add_test(NAME cli_run_resume_refusals
           COMMAND ${_ckpt_py} ${CMAKE_CURRENT_LIST_DIR}/check_run_refusals.py
                   $<TARGET_FILE:stzkmc_cli> ${_ckpt_run} ${_ckpt_out}/refusals)
  # `stzkmc bench resume` from a stopped run: deterministic (repetitions, thread counts), the
  # folder only read, missing files named.
  add_test(NAME cli_bench_resume
           COMMAND ${_ckpt_py} ${CMAKE_CURRENT_LIST_DIR}/check_bench_resume.py
                   $<TARGET_FILE:stzkmc_cli> ${_ckpt_run} ${_ckpt_out}/bench_resume)
  set_tests_properties(cli_run_kill_resume cli_run_sigterm_resume cli_run_resume_refusals cli_bench_resume
                       PROPERTIES LABELS integration TIMEOUT 300)
endif()

# A sweep (two jobs at once) stopped by SIGINT while cases run: the running cases save their
# checkpoints, the sweep exits 130, and rerunning the same command continues them; the
# finished folder (tables included) equals an uninterrupted sweep's. ~10 s uninterrupted.
if(EXISTS /usr/bin/python3)
  set(_ckpt_sweep "$<TARGET_FILE:stzkmc_cli> --threads 1 sweep ${CMAKE_CURRENT_LIST_DIR}/data/resume_sweep.yaml -j 2 --out {out} --checkpoint-every 0.1")
  add_test(NAME cli_sweep_interrupt_resume
           COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/kill_resume.py
                   --work ${CMAKE_CURRENT_BINARY_DIR}/checkpoint/sweep --kills 2 --seed 5
                   --signal INT --checkpoint sweep.yaml
                   --ignore run_info.yaml --ignore sweep_run_info.yaml
                   --fresh "${_ckpt_sweep}" --resume "${_ckpt_sweep}")
  # ~25 s here, several minutes under ASan (cli_run_kill_resume covers the same code there).
  set_tests_properties(cli_sweep_interrupt_resume PROPERTIES LABELS "integration;asan_slow" TIMEOUT 300)
endif()
