# Sources of src/config: the parameter loader (YAML -> validated Config structs).
target_sources(stzkmc PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/catalog_section.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cross_checks.cpp
  ${CMAKE_CURRENT_LIST_DIR}/enum_names.cpp
  ${CMAKE_CURRENT_LIST_DIR}/includes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/kinetics_sections.cpp
  ${CMAKE_CURRENT_LIST_DIR}/load_config.cpp
  ${CMAKE_CURRENT_LIST_DIR}/overrides.cpp
  ${CMAKE_CURRENT_LIST_DIR}/processing_section.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run_sections.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sections.cpp
  ${CMAKE_CURRENT_LIST_DIR}/to_yaml.cpp
  ${CMAKE_CURRENT_LIST_DIR}/yaml_reader.cpp)
