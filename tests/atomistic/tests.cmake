# The atomistic front end (MODEL.md §8). Golden files from LAMMPS itself sit in data/ and
# formats/ with the inputs and scripts that made them. Tests that need Mendelev's
# CuZr_mm.eam.fs (Debian lammps-data) skip with a message when it is absent.
#   test_eam        potentials and forces vs LAMMPS, -dE/dx, virial, neighbour lists, files
#   test_structure  starting structures, Monte Carlo type swaps
#   test_dynamics   NVE drift, NVT/NPT targets, LAMMPS trajectories (docs/atomistic_dynamics.md)
#   test_minimize   CG/FIRE, box relaxation, fcc Cu / hcp Zr vs LAMMPS (docs/atomistic_minimization.md)
#   test_atomic_strain  OVITO atomic strain and D2min vs a brute-force reference, clusters
#   test_aqs        AQS shear: work theorem, C44, drops and their bracketing minima, recipes
#   test_voronoi    Voronoi indices (fcc, bcc, icosahedron), volumes, icosahedral clusters
#   test_art        ART nouveau saddle search: Lanczos, Müller–Brown and double-well saddles
#   test_art_atoms  ART on atoms: Cu vacancy migration (CuZr_mm), local kick, search_event
#   test_art_local  ART with local force evaluation (exact vs the whole sample), campaigns
#   test_shear_md   constant-strain-rate shear MD: kinematics, C44 at low T, recipes
#   test_checkpoint MD state saved and continued bitwise, quench stopped and resumed, refusals
stz_add_unit_test(NAME test_eam SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_eam.cpp)
stz_add_unit_test(NAME test_structure SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_structure.cpp)
stz_add_unit_test(NAME test_dynamics SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_dynamics.cpp)
stz_add_unit_test(NAME test_minimize SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_minimize.cpp)
stz_add_unit_test(NAME test_atomic_strain SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_atomic_strain.cpp)
stz_add_unit_test(NAME test_aqs SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_aqs.cpp)
stz_add_unit_test(NAME test_voronoi SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_voronoi.cpp)
stz_add_unit_test(NAME test_art SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_art.cpp)
target_link_libraries(test_art PRIVATE Eigen3::Eigen)  # reference eigenpairs in the test only
stz_add_unit_test(NAME test_art_atoms SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_art_atoms.cpp)
stz_add_unit_test(NAME test_art_local SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_art_local.cpp)
stz_add_unit_test(NAME test_shear_md SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_shear_md.cpp)
stz_add_unit_test(NAME test_checkpoint SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_checkpoint.cpp)

# ------------------------------------------------------------------ stzkmc atom (CLI)
set(_atom_out ${CMAKE_CURRENT_BINARY_DIR}/atom)
set(_cuzr /usr/share/lammps/potentials/CuZr_mm.eam.fs)
if(EXISTS ${_cuzr} AND stz_plot_python_rc EQUAL 0)
  # atom eval on the LAMMPS glass golden file: energy, stress and forces.
  add_test(NAME cli_atom_eval_golden
           COMMAND ${STZ_PLOT_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/check_eval.py golden $<TARGET_FILE:stzkmc_cli>
                   ${CMAKE_CURRENT_LIST_DIR}/data/glass_tri.data ${_cuzr}
                   ${CMAKE_CURRENT_LIST_DIR}/data/glass_tri.ref ${CMAKE_CURRENT_LIST_DIR}/data/glass_tri.forces
                   ${_atom_out}/eval_golden)
  set_tests_properties(cli_atom_eval_golden PROPERTIES LABELS integration)
  # Live: a new random configuration through LAMMPS itself and through stzkmc (skipped
  # without lmp; scripts/test.sh installs Debian's lammps).
  add_test(NAME atom_eval_live_lammps
           COMMAND ${STZ_PLOT_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/check_eval.py live $<TARGET_FILE:stzkmc_cli> lmp
                   ${CMAKE_CURRENT_LIST_DIR}/data/eval.in ${_cuzr} ${_atom_out}/eval_live 20261121)
  set_tests_properties(atom_eval_live_lammps PROPERTIES LABELS integration SKIP_RETURN_CODE 77)

  # atom quench: a seconds-long recipe with swaps and a dump; every output file is written.
  add_test(NAME cli_atom_quench_tiny
           COMMAND stzkmc_cli --threads 1 atom quench ${CMAKE_CURRENT_LIST_DIR}/quench_tiny.yaml
                   --out ${_atom_out}/quench_tiny)
  set_tests_properties(cli_atom_quench_tiny PROPERTIES LABELS integration TIMEOUT 120
                       FIXTURES_SETUP atom_quench_tiny
                       PASS_REGULAR_EXPRESSION "glass: -[0-9.]+ eV/atom")
  add_test(NAME cli_atom_quench_outputs
           COMMAND ${CMAKE_COMMAND} -DDIR=${_atom_out}/quench_tiny
                   -P ${CMAKE_CURRENT_LIST_DIR}/check_quench_outputs.cmake)
  set_tests_properties(cli_atom_quench_outputs PROPERTIES LABELS integration FIXTURES_REQUIRED atom_quench_tiny)
  add_test(NAME cli_atom_quench_bad_recipe
           COMMAND stzkmc_cli atom quench ${CMAKE_CURRENT_LIST_DIR}/quench_bad.yaml --out ${_atom_out}/bad)
  set_tests_properties(cli_atom_quench_bad_recipe PROPERTIES LABELS integration
    PASS_REGULAR_EXPRESSION "quench_bad.yaml:9: melt.temperature_K: expected a positive number, got -5")
  add_test(NAME cli_atom_eval_bad_data
           COMMAND stzkmc_cli atom eval ${CMAKE_CURRENT_LIST_DIR}/quench_bad.yaml --potential ${_cuzr})
  set_tests_properties(cli_atom_eval_bad_data PROPERTIES LABELS integration
    PASS_REGULAR_EXPRESSION "quench_bad.yaml:2: unrecognised header line")

  # atom aqs: the 500-atom glass sheared to 8 %: curve, drops, bracketing minima, STZ clusters.
  add_test(NAME cli_atom_aqs_small
           COMMAND stzkmc_cli atom aqs ${CMAKE_CURRENT_LIST_DIR}/aqs_small.yaml --out ${_atom_out}/aqs_small)
  set_tests_properties(cli_atom_aqs_small PROPERTIES LABELS integration TIMEOUT 300 FIXTURES_SETUP atom_aqs_small
                       PASS_REGULAR_EXPRESSION "AQS: 41 points, [1-9][0-9]* stress drops, [1-9][0-9]* STZ clusters")
  add_test(NAME cli_atom_aqs_outputs
           COMMAND ${CMAKE_COMMAND} -DDIR=${_atom_out}/aqs_small -P ${CMAKE_CURRENT_LIST_DIR}/check_aqs_outputs.cmake)
  set_tests_properties(cli_atom_aqs_outputs PROPERTIES LABELS integration FIXTURES_REQUIRED atom_aqs_small)
  # atom strain between the minima of the first drop: dump columns and cluster CSV.
  add_test(NAME cli_atom_strain_drop
           COMMAND stzkmc_cli atom strain ${_atom_out}/aqs_small/drops/drop_0_before.data
                   ${_atom_out}/aqs_small/drops/drop_0_after.data --cutoff 3.8 --d2min-threshold 0.18
                   --dump ${_atom_out}/strain_drop0.dump --clusters ${_atom_out}/strain_drop0_clusters.csv)
  set_tests_properties(cli_atom_strain_drop PROPERTIES LABELS integration FIXTURES_REQUIRED atom_aqs_small
                       PASS_REGULAR_EXPRESSION "invalid_atoms: 0.*shear_transformed_atoms: [1-9]")

  # atom shear: constant-rate shear MD, curve and snapshots.
  add_test(NAME cli_atom_shear_small
           COMMAND stzkmc_cli --threads 1 atom shear ${CMAKE_CURRENT_LIST_DIR}/shear_small.yaml
                   --out ${_atom_out}/shear_small)
  set_tests_properties(cli_atom_shear_small PROPERTIES LABELS integration TIMEOUT 300)
  # atom voronoi on the LAMMPS glass: every cell closed (volumes sum to the box), icosahedra.
  add_test(NAME cli_atom_voronoi_glass
           COMMAND stzkmc_cli atom voronoi ${CMAKE_CURRENT_LIST_DIR}/data/glass_tri.data --cutoff 7
                   --dump ${_atom_out}/voronoi_glass.dump)
  set_tests_properties(cli_atom_voronoi_glass PROPERTIES LABELS integration
                       PASS_REGULAR_EXPRESSION "full_icosahedra: [1-9][0-9]*.*<0,0,12,0>")

  # atom art: six searches with 2 threads, 1 thread and (MPI builds) 2 ranks: identical
  # search tables; events in the calibration format.
  set(_art_dirs "")
  set(_art_fixtures "")
  foreach(t 2 1)
    add_test(NAME cli_atom_art_threads${t}
             COMMAND stzkmc_cli --threads ${t} atom art ${CMAKE_CURRENT_LIST_DIR}/art_small.yaml
                     --out ${_atom_out}/art_threads${t})
    set_tests_properties(cli_atom_art_threads${t} PROPERTIES LABELS integration TIMEOUT 600
                         FIXTURES_SETUP atom_art_t${t}
                         PASS_REGULAR_EXPRESSION "ART: 6 searches, [0-9]+ distinct connected events")
    list(APPEND _art_fixtures atom_art_t${t})
  endforeach()
  list(APPEND _art_dirs ${_atom_out}/art_threads1)
  if(STZ_MPI_ENABLED AND MPIEXEC_EXECUTABLE)
    add_test(NAME cli_atom_art_mpi2
             COMMAND ${MPIEXEC_EXECUTABLE} ${MPIEXEC_NUMPROC_FLAG} 2 ${MPIEXEC_PREFLAGS}
                     $<TARGET_FILE:stzkmc_cli> --threads 1 atom art ${CMAKE_CURRENT_LIST_DIR}/art_small.yaml
                     --out ${_atom_out}/art_mpi2)
    set_tests_properties(cli_atom_art_mpi2 PROPERTIES LABELS integration TIMEOUT 600 FIXTURES_SETUP atom_art_mpi2
      ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1;OMPI_MCA_rmaps_base_oversubscribe=1"
      PASS_REGULAR_EXPRESSION "\\[rank 1\\]")
    list(APPEND _art_dirs ${_atom_out}/art_mpi2)
    list(APPEND _art_fixtures atom_art_mpi2)
    # Stopped under mpirun, resumed with 2 ranks and with 1: the 2-rank run's tables.
    add_test(NAME cli_atom_art_mpi_resume
             COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/check_art_mpi_resume.py ${MPIEXEC_EXECUTABLE}
                     $<TARGET_FILE:stzkmc_cli> ${CMAKE_CURRENT_LIST_DIR}/art_small.yaml ${_atom_out}/art_mpi2
                     ${_atom_out}/art_mpi_resume)
    set_tests_properties(cli_atom_art_mpi_resume PROPERTIES LABELS "integration;asan_slow" TIMEOUT 600
      FIXTURES_REQUIRED atom_art_mpi2
      ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1;OMPI_MCA_rmaps_base_oversubscribe=1"
      PASS_REGULAR_EXPRESSION "ok  resumed with 1 process")
  endif()
  add_test(NAME cli_atom_art_outputs
           COMMAND ${STZ_PLOT_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/check_art_outputs.py ${_atom_out}/art_threads2 ${_art_dirs})
  set_tests_properties(cli_atom_art_outputs PROPERTIES LABELS integration FIXTURES_REQUIRED "${_art_fixtures}"
                       PASS_REGULAR_EXPRESSION "^ok: 6 searches")
  add_test(NAME cli_atom_art_bad_recipe
           COMMAND stzkmc_cli atom art ${CMAKE_CURRENT_LIST_DIR}/art_bad.yaml)
  set_tests_properties(cli_atom_art_bad_recipe PROPERTIES LABELS integration
                       PASS_REGULAR_EXPRESSION "art_bad.yaml:7: art: kick_radius_A \\(9 Å\\) must be smaller than active_radius_A")

  # Checkpoints (docs/checkpoints.md): each job killed at random moments and resumed must end
  # with the files of an uninterrupted run (wall times masked: kill_resume_atom.py).
  set(_kr /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/kill_resume_atom.py
          --driver ${PROJECT_SOURCE_DIR}/tests/checkpoint/kill_resume.py)
  set(_bin $<TARGET_FILE:stzkmc_cli>)
  set(_q "${_bin} --threads 1 atom quench ${CMAKE_CURRENT_LIST_DIR}/quench_ckpt.yaml --no-plot --checkpoint-every 0.2")
  set(_qr "${_bin} --threads 1 atom quench --no-plot --checkpoint-every 0.2 --resume {out}")
  add_test(NAME cli_atom_quench_kill_resume
           COMMAND ${_kr} --masked summary.yaml -- --work ${_atom_out}/kr_quench_kill
                   --fresh "${_q} --out {out}" --resume "${_qr}" --kills 3 --seed 5 --signal KILL)
  add_test(NAME cli_atom_quench_sigint_resume
           COMMAND ${_kr} --masked summary.yaml -- --work ${_atom_out}/kr_quench_int
                   --fresh "${_q} --out {out}" --resume "${_qr}" --kills 2 --seed 2 --signal INT)
  add_test(NAME cli_atom_aqs_kill_resume
           COMMAND ${_kr} -- --work ${_atom_out}/kr_aqs
                   --fresh "${_bin} --threads 1 atom aqs ${CMAKE_CURRENT_LIST_DIR}/aqs_ckpt.yaml --checkpoint-every 0.2 --out {out}"
                   --resume "${_bin} --threads 1 atom aqs --checkpoint-every 0.2 --resume {out}" --kills 2 --seed 1 --signal KILL)
  add_test(NAME cli_atom_art_kill_resume
           COMMAND ${_kr} --masked summary.yaml --masked searches.csv -- --work ${_atom_out}/kr_art
                   --fresh "${_bin} --threads 1 atom art ${CMAKE_CURRENT_LIST_DIR}/art_small.yaml --searches 3 --checkpoint-every 0.2 --out {out}"
                   --resume "${_bin} --threads 1 atom art --checkpoint-every 0.2 --resume {out}" --kills 2 --seed 1 --signal KILL)
  add_test(NAME cli_atom_shear_sigterm_resume
           COMMAND ${_kr} -- --work ${_atom_out}/kr_shear
                   --fresh "${_bin} --threads 1 atom shear ${CMAKE_CURRENT_LIST_DIR}/shear_ckpt.yaml --checkpoint-every 0.2 --out {out}"
                   --resume "${_bin} --threads 1 atom shear --checkpoint-every 0.2 --resume {out}" --kills 2 --seed 1 --signal TERM)
  set_tests_properties(cli_atom_quench_kill_resume cli_atom_quench_sigint_resume cli_atom_aqs_kill_resume
                       cli_atom_art_kill_resume cli_atom_shear_sigterm_resume
                       PROPERTIES LABELS integration TIMEOUT 300 PASS_REGULAR_EXPRESSION "OK: [0-9]+ files byte-identical")
  # 13-18 s each here, minutes under ASan: the quench and shear tests cover the same code there.
  set_tests_properties(cli_atom_aqs_kill_resume cli_atom_art_kill_resume
                       PROPERTIES LABELS "integration;asan_slow")
  add_test(NAME cli_atom_resume_without_checkpoint
           COMMAND stzkmc_cli atom quench --resume ${CMAKE_CURRENT_LIST_DIR})
  set_tests_properties(cli_atom_resume_without_checkpoint PROPERTIES LABELS integration
                       PASS_REGULAR_EXPRESSION "no checkpoint.bin there, nothing to continue")

  # bench art on the 500-atom glass itself (whole sample evaluated, ~80 atoms moving): the table.
  add_test(NAME cli_bench_art_tiny
           COMMAND stzkmc_cli bench art --data ${CMAKE_CURRENT_LIST_DIR}/data/glass_tri.data
                   --replications 1x1x1 --searches 1)
  set_tests_properties(cli_bench_art_tiny PROPERTIES LABELS integration TIMEOUT 300
                       PASS_REGULAR_EXPRESSION "\\| 500 \\| whole \\(box too small\\) \\| [1-9][0-9] \\| 500 \\|")

  # Regression: the LAMMPS melt-quench protocol (data/quench_protocol.in) with stzkmc, three
  # seeds, against LAMMPS's five (data/quench_reference.ref); bound in the script.
  set(_q_dirs "")
  foreach(seed 11 12 13)
    add_test(NAME regression_atom_quench_seed${seed}
             COMMAND stzkmc_cli --threads 1 atom quench ${CMAKE_CURRENT_LIST_DIR}/quench_lammps_protocol.yaml
                     --seed ${seed} --no-plot --out ${_atom_out}/quench_lammps_${seed})
    set_tests_properties(regression_atom_quench_seed${seed} PROPERTIES LABELS regression TIMEOUT 900
                         FIXTURES_SETUP atom_quench_lammps)
    list(APPEND _q_dirs ${_atom_out}/quench_lammps_${seed})
  endforeach()
  add_test(NAME regression_atom_quench_vs_lammps
           COMMAND ${STZ_PLOT_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/check_quench_vs_lammps.py
                   ${CMAKE_CURRENT_LIST_DIR}/data/quench_reference.ref ${_q_dirs})
  set_tests_properties(regression_atom_quench_vs_lammps PROPERTIES LABELS regression
                       FIXTURES_REQUIRED atom_quench_lammps)
else()
  message(STATUS "${_cuzr} (Debian lammps-data) or a Python with numpy missing: stzkmc atom CLI tests not added")
endif()
