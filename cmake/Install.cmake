# Install the library, its headers and a relocatable CMake package so that
#   find_package(stzkmc) ; target_link_libraries(app PRIVATE stzkmc::stzkmc)
# works against the installed tree (tests/find-package/ proves it).
include(CMakePackageConfigHelpers)

install(TARGETS stzkmc EXPORT stzkmcTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS stzkmc_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/stz DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/generated/include/stz/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/stz)

set(STZ_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/stzkmc)
install(EXPORT stzkmcTargets NAMESPACE stzkmc:: DESTINATION ${STZ_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/stzkmcConfig.cmake.in
  ${PROJECT_BINARY_DIR}/stzkmcConfig.cmake
  INSTALL_DESTINATION ${STZ_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/stzkmcConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/stzkmcConfig.cmake
              ${PROJECT_BINARY_DIR}/stzkmcConfigVersion.cmake
        DESTINATION ${STZ_CMAKE_DIR})
install(FILES ${PROJECT_SOURCE_DIR}/params/table1.yaml ${PROJECT_SOURCE_DIR}/params/eshelby.yaml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/stzkmc/params OPTIONAL)
