# Sources of src/sweep: parametric sweeps (sweep files, cases, runner, tables).
target_sources(stzkmc PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/sweep_spec.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sweep_cases.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sweep_runner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sweep_status.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sweep_tables.cpp)
