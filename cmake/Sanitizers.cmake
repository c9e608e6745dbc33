# Sanitizer builds (scripts/sanitize.sh, docs/reliability.md).
#
#   -DSTZ_SANITIZE=address,undefined   every target (library, program, tests) instrumented;
#                                       any UB report aborts (-fno-sanitize-recover=all)
#   -DSTZ_BUILD_FUZZERS=ON             the libFuzzer targets under fuzz/ (clang only)
#
# The flags are set for the whole directory tree before any target exists, and the library
# carries the link flags in its interface, so an installed sanitized stzkmc links into a
# consumer project (tests/find-package) without further flags.
set(STZ_SANITIZE "" CACHE STRING
    "Comma-separated -fsanitize= list for every target (e.g. address,undefined); empty: none")
option(STZ_BUILD_FUZZERS "Build the libFuzzer targets under fuzz/ (needs clang)" OFF)

if(STZ_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "STZ_SANITIZE needs gcc or clang, got ${CMAKE_CXX_COMPILER_ID}")
  endif()
  set(STZ_SANITIZE_FLAGS -fsanitize=${STZ_SANITIZE} -fno-sanitize-recover=all
                         -fno-omit-frame-pointer)
  add_compile_options(${STZ_SANITIZE_FLAGS})
  add_link_options(-fsanitize=${STZ_SANITIZE})
  message(STATUS "stzkmc: sanitizers: ${STZ_SANITIZE}")
endif()

if(STZ_BUILD_FUZZERS AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "STZ_BUILD_FUZZERS needs clang (libFuzzer), got ${CMAKE_CXX_COMPILER_ID}; "
                      "configure with -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang")
endif()

# stz_sanitize_interface(target): the sanitizer runtimes in `target`'s link interface.
function(stz_sanitize_interface target)
  if(STZ_SANITIZE)
    target_link_options(${target} INTERFACE -fsanitize=${STZ_SANITIZE})
  endif()
endfunction()
