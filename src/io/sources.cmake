# Sources of src/io: crash-safe output files and the formats built on them.
target_sources(stzkmc PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/atomic_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/csv.cpp
  ${CMAKE_CURRENT_LIST_DIR}/csv_journal.cpp
  ${CMAKE_CURRENT_LIST_DIR}/csv_table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/npy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/state_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/vti.cpp
)
