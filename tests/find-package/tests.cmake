# find_package(stzkmc) from the consumer project in this folder, against the *installed*
# tree, as a chain of ctest fixtures (label integration; each step needs the previous one):
#   find_package_clean      remove the scratch prefix and consumer build (no stale headers)
#   find_package_install    cmake --install <build> --prefix <prefix>
#   find_package_configure  configure the consumer with -DCMAKE_PREFIX_PATH=<prefix>
#   find_package_build      build it
#   find_package_run        run it (checks version and von Mises stress)
# The install step installs what is already built: run ctest after building the project.
if(NOT STZ_INSTALL)
  message(STATUS "STZ_INSTALL is OFF: no find_package tests")
  return()
endif()

set(STZ_FP_SOURCE ${CMAKE_CURRENT_LIST_DIR})
set(STZ_FP_PREFIX ${CMAKE_CURRENT_BINARY_DIR}/find-package/prefix)
set(STZ_FP_BUILD ${CMAKE_CURRENT_BINARY_DIR}/find-package/build)

add_test(NAME find_package_clean
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${STZ_FP_PREFIX} ${STZ_FP_BUILD})
add_test(NAME find_package_install
  COMMAND ${CMAKE_COMMAND} --install ${PROJECT_BINARY_DIR} --prefix ${STZ_FP_PREFIX}
          --config $<CONFIG>)
add_test(NAME find_package_configure
  COMMAND ${CMAKE_COMMAND} -S ${STZ_FP_SOURCE} -B ${STZ_FP_BUILD}
          -G ${CMAKE_GENERATOR}
          -DCMAKE_MAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}
          -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
          -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
          -DCMAKE_PREFIX_PATH=${STZ_FP_PREFIX})
add_test(NAME find_package_build
  COMMAND ${CMAKE_COMMAND} --build ${STZ_FP_BUILD} --config $<CONFIG>)
add_test(NAME find_package_run
  COMMAND ${STZ_FP_BUILD}/stzkmc_consumer)

set_tests_properties(find_package_clean PROPERTIES
  FIXTURES_SETUP stz_fp_clean)
set_tests_properties(find_package_install PROPERTIES
  FIXTURES_REQUIRED stz_fp_clean FIXTURES_SETUP stz_fp_installed)
set_tests_properties(find_package_configure PROPERTIES
  FIXTURES_REQUIRED "stz_fp_clean;stz_fp_installed" FIXTURES_SETUP stz_fp_configured)
set_tests_properties(find_package_build PROPERTIES
  FIXTURES_REQUIRED "stz_fp_clean;stz_fp_installed;stz_fp_configured"
  FIXTURES_SETUP stz_fp_built)
set_tests_properties(find_package_run PROPERTIES
  FIXTURES_REQUIRED "stz_fp_clean;stz_fp_installed;stz_fp_configured;stz_fp_built"
  ENVIRONMENT "OMP_NUM_THREADS=2")
set_tests_properties(find_package_clean find_package_install find_package_configure
                     find_package_build find_package_run PROPERTIES
  LABELS integration
  TIMEOUT 300)
