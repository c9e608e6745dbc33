# The atomistic front end (MODEL.md §8). Golden files from LAMMPS itself sit in data/ and
# formats/ with the inputs and scripts that made them. Tests that need Mendelev's
# CuZr_mm.eam.fs (Debian lammps-data) skip with a message when it is absent.
#   test_eam        potentials and forces vs LAMMPS, -dE/dx, virial, neighbour lists, files
#   test_structure  starting structures, Monte Carlo type swaps
#   test_dynamics   NVE drift, NVT/NPT targets, LAMMPS trajectories (docs/atomistic_dynamics.md)
#   test_minimize   CG/FIRE, box relaxation, fcc Cu / hcp Zr vs LAMMPS (docs/atomistic_minimization.md)
stz_add_unit_test(NAME test_eam SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_eam.cpp)
stz_add_unit_test(NAME test_structure SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_structure.cpp)
stz_add_unit_test(NAME test_dynamics SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_dynamics.cpp)
stz_add_unit_test(NAME test_minimize SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_minimize.cpp)
