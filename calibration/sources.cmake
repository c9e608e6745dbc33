# Sources of calibration/: atomistic data -> STZ parameters (MODEL.md §7, docs/calibration.md).
target_sources(stzkmc PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/distributions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sample_stats.cpp
  ${CMAKE_CURRENT_LIST_DIR}/linear_fit.cpp
  ${CMAKE_CURRENT_LIST_DIR}/aebs_windows.cpp
  ${CMAKE_CURRENT_LIST_DIR}/softening_fit.cpp
  ${CMAKE_CURRENT_LIST_DIR}/processing_map.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stz_geometry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/mode_count.cpp
  ${CMAKE_CURRENT_LIST_DIR}/calibration_inputs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/calibration_spec.cpp
  ${CMAKE_CURRENT_LIST_DIR}/calibrate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fragment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/report.cpp
)
