target_sources(stzkmc PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/build_info.cpp
  ${CMAKE_CURRENT_LIST_DIR}/duration_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/interrupt.cpp
  ${CMAKE_CURRENT_LIST_DIR}/recent_pace.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sha256.cpp
)
