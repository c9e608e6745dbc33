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
