stz_add_unit_test(NAME test_core SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/test_sym_tensor.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_error.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_interrupt.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_random.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_sha256.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_recent_pace.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_duration_text.cpp)
