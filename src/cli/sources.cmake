target_sources(stzkmc_cli PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/main.cpp
)
