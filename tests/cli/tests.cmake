# Integration tests: the stzkmc program on tiny inputs, checking what it writes and says.
set(_cli_out ${CMAKE_CURRENT_BINARY_DIR}/cli)
add_test(NAME cli_eshelby_small
         COMMAND stzkmc_cli eshelby ${CMAKE_CURRENT_LIST_DIR}/data/small_eshelby.yaml
                 --out ${_cli_out}/eshelby)
set_tests_properties(cli_eshelby_small PROPERTIES LABELS integration FIXTURES_SETUP cli_eshelby)
add_test(NAME cli_eshelby_outputs
         COMMAND ${CMAKE_COMMAND} -DDIR=${_cli_out}/eshelby
                 -P ${CMAKE_CURRENT_LIST_DIR}/check_eshelby_outputs.cmake)
set_tests_properties(cli_eshelby_outputs PROPERTIES LABELS integration FIXTURES_REQUIRED cli_eshelby)

# Bad input: non-zero exit, and the message names file, line, key, expected and found.
add_test(NAME cli_bad_parameter
         COMMAND stzkmc_cli eshelby ${CMAKE_CURRENT_LIST_DIR}/data/bad_poisson.yaml
                 --out ${_cli_out}/bad)
set_tests_properties(cli_bad_parameter PROPERTIES LABELS integration WILL_FAIL TRUE)
add_test(NAME cli_bad_parameter_message
         COMMAND stzkmc_cli eshelby ${CMAKE_CURRENT_LIST_DIR}/data/bad_poisson.yaml
                 --out ${_cli_out}/bad)
set_tests_properties(cli_bad_parameter_message PROPERTIES LABELS integration
  PASS_REGULAR_EXPRESSION "bad_poisson.yaml:4: material.poisson_ratio: expected .*got 0.5")
add_test(NAME cli_override_error
         COMMAND stzkmc_cli eshelby ${CMAKE_CURRENT_LIST_DIR}/data/small_eshelby.yaml
                 --set grid.nxx=3 --out ${_cli_out}/bad)
set_tests_properties(cli_override_error PROPERTIES LABELS integration
  PASS_REGULAR_EXPRESSION "grid.nxx.*unknown key")
add_test(NAME cli_bench_elasticity_tiny
         COMMAND stzkmc_cli bench elasticity --grid 32 --grid 8x8x8 --min-seconds 0.01)
set_tests_properties(cli_bench_elasticity_tiny PROPERTIES LABELS integration
  PASS_REGULAR_EXPRESSION "\\| 32x32 \\|.*\\| 8x8x8 \\|")
