# Library sources under src/: shared infrastructure (configuration, I/O, logging).
# Each subfolder lists its own files so that areas can grow independently.
include(${CMAKE_CURRENT_LIST_DIR}/core/sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/config/sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/io/sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/bench/sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/sweep/sources.cmake)
