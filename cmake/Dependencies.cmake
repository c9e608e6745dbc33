# Every dependency comes from a Debian package; nothing is downloaded.
# Debian package names are listed in scripts/setup.sh.
find_package(PkgConfig REQUIRED)
pkg_check_modules(FFTW3 REQUIRED IMPORTED_TARGET fftw3)   # libfftw3-dev
find_package(yaml-cpp REQUIRED)                            # libyaml-cpp-dev
find_package(spdlog REQUIRED)                              # libspdlog-dev
find_package(Eigen3 3.3 REQUIRED NO_MODULE)                # libeigen3-dev
find_package(CLI11 REQUIRED)                               # libcli11-dev
if(STZ_WITH_OPENMP)
  find_package(OpenMP REQUIRED COMPONENTS CXX)
endif()

# MPI (libopenmpi-dev) only for `mpirun stzkmc sweep`; the library never uses it.
# STZ_WITH_MPI: AUTO (default: use MPI if found), ON (required) or OFF.
set(STZ_WITH_MPI AUTO CACHE STRING "Build the stzkmc program with MPI for sweeps: AUTO, ON or OFF")
set_property(CACHE STZ_WITH_MPI PROPERTY STRINGS AUTO ON OFF)
set(STZ_MPI_ENABLED OFF)
if(STZ_WITH_MPI STREQUAL "ON")
  find_package(MPI REQUIRED COMPONENTS CXX)
  set(STZ_MPI_ENABLED ON)
elseif(STZ_WITH_MPI STREQUAL "AUTO")
  find_package(MPI QUIET COMPONENTS CXX)
  if(MPI_CXX_FOUND)
    set(STZ_MPI_ENABLED ON)
  endif()
elseif(NOT STZ_WITH_MPI STREQUAL "OFF")
  message(FATAL_ERROR "STZ_WITH_MPI must be AUTO, ON or OFF, got '${STZ_WITH_MPI}'")
endif()
message(STATUS "stzkmc: MPI for sweeps: ${STZ_MPI_ENABLED}")
