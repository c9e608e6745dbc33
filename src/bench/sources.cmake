target_sources(stzkmc PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/elasticity_bench.cpp
  ${CMAKE_CURRENT_LIST_DIR}/kmc_bench.cpp
  ${CMAKE_CURRENT_LIST_DIR}/md_bench.cpp
  ${CMAKE_CURRENT_LIST_DIR}/art_bench.cpp
  ${CMAKE_CURRENT_LIST_DIR}/resume_bench.cpp
)
