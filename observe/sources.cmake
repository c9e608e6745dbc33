# Observables: scalar strain measures, field localization metrics, clusters, histograms,
# stress-strain curve summary. Pure functions, no I/O.
target_sources(stzkmc PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/strain_measures.cpp
  ${CMAKE_CURRENT_LIST_DIR}/field_metrics.cpp
  ${CMAKE_CURRENT_LIST_DIR}/clusters.cpp
  ${CMAKE_CURRENT_LIST_DIR}/histogram.cpp
  ${CMAKE_CURRENT_LIST_DIR}/curve_summary.cpp
)
