stz_add_unit_test(NAME test_observe SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/test_strain_measures.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_field_metrics.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_clusters.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_histogram.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_curve_summary.cpp)
