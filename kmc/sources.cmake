target_sources(stzkmc PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/sum_tree.cpp
  ${CMAKE_CURRENT_LIST_DIR}/catalog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/block_layout.cpp
  ${CMAKE_CURRENT_LIST_DIR}/work_bounds.cpp
  ${CMAKE_CURRENT_LIST_DIR}/simulation.cpp
  ${CMAKE_CURRENT_LIST_DIR}/simulation_state.cpp
  ${CMAKE_CURRENT_LIST_DIR}/thinning.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run_forecast.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run_job.cpp
)
