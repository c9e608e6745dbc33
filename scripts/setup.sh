#!/usr/bin/env bash
# Install the Debian packages stzkmc needs (if any are missing), then configure and build.
#
#   scripts/setup.sh                     # build into <repo>/build, Release
#   BUILD_DIR=/tmp/b scripts/setup.sh    # another build directory
#   BUILD_TYPE=Debug scripts/setup.sh    # another CMAKE_BUILD_TYPE
#   STZ_WITH_LAMMPS=1 scripts/setup.sh   # also install Debian's lammps (reference runs)
#
# Quiet and idempotent when everything is installed: it then only runs CMake.
set -euo pipefail

# Every dependency comes from a Debian (bookworm) package; add new ones here.
DEBIAN_PACKAGES=(
    build-essential cmake pkg-config git
    libfftw3-dev libeigen3-dev libyaml-cpp-dev libspdlog-dev libfmt-dev
    doctest-dev libcli11-dev libbenchmark-dev
    python3 python3-numpy python3-matplotlib
    lammps-data   # Mendelev's CuZr_mm.eam.fs, the atomistic front end's reference potential
)

# Optional: installed along with the others when we can (as root), otherwise only
# reported; without them `stzkmc sweep` runs on the local cores but not over MPI ranks.
OPTIONAL_PACKAGES=(libopenmpi-dev openmpi-bin)
# STZ_WITH_LAMMPS=1 (set by scripts/test.sh) also installs LAMMPS itself, optionally: the
# live comparison tests and `stzkmc bench md` run it on the same inputs as stzkmc, and skip
# it where it is absent.
if [[ "${STZ_WITH_LAMMPS:-0}" == 1 ]]; then
    OPTIONAL_PACKAGES+=(lammps)
fi

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        stz_log "dpkg-query not found (not Debian?); skipping the package check."
        stz_log "needed (Debian names): ${DEBIAN_PACKAGES[*]}"
        return 0
    fi
    local optional
    mapfile -t optional < <(stz_missing_packages "${OPTIONAL_PACKAGES[@]}")
    if [[ "$(id -u)" -ne 0 ]] && ((${#optional[@]} > 0)); then
        stz_log "optional Debian packages not installed (MPI sweeps, live LAMMPS comparisons disabled): ${optional[*]}"
        optional=()
    fi
    stz_apt_install "" "${DEBIAN_PACKAGES[@]}" "${optional[@]}"
}

configure_and_build() {
    local build_dir
    build_dir="$(stz_build_dir)"
    cmake -S "$STZ_ROOT" -B "$build_dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}"
    cmake --build "$build_dir" -j"$(nproc)"
}

ensure_packages
configure_and_build
