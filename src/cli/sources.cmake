target_sources(stzkmc_cli PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/main.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cmd_run.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cmd_calibrate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cmd_eshelby.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cmd_atom.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cmd_atom_art.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cmd_bench.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cmd_sweep.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sweep_world.cpp
)
