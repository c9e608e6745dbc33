# Checkpoints and restarts (docs/checkpoints.md): the engine's state round trip, and
# `stzkmc run` killed at random moments and resumed.
stz_add_unit_test(NAME test_kmc_checkpoint SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/test_simulation_state.cpp)
