stz_add_unit_test(NAME test_elasticity SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/test_isotropic.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_eigen_basis.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_fft_solver.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_matrix_convolution.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_influence_kernels.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_mixed_bc.cpp)
# The resolved-inclusion checks solve 512^2 and 128^3 grids (a few seconds): their own test.
stz_add_unit_test(NAME test_eshelby_inclusion SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/test_eshelby_inclusion.cpp)
