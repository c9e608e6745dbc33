target_sources(stzkmc PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/isotropic.cpp
  ${CMAKE_CURRENT_LIST_DIR}/eigen_basis.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tensor_field.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fft_solver.cpp
  ${CMAKE_CURRENT_LIST_DIR}/matrix_convolution.cpp
  ${CMAKE_CURRENT_LIST_DIR}/influence_kernels.cpp
  ${CMAKE_CURRENT_LIST_DIR}/mixed_bc.cpp
  ${CMAKE_CURRENT_LIST_DIR}/eshelby_analytic.cpp
  ${CMAKE_CURRENT_LIST_DIR}/eshelby_job.cpp
)
