# shellcheck shell=bash
# Shared helpers for scripts/*.sh. Source it; it defines functions and STZ_ROOT only.
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Repository root, from this file's location (works from any current directory).
STZ_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

stz_log() { printf '[stzkmc] %s\n' "$*" >&2; }
stz_die() { printf '[stzkmc] error: %s\n' "$*" >&2; exit 1; }

# Print an absolute form of a path; a relative path is taken from the caller's directory.
stz_abspath() {
    case "$1" in
        /*) printf '%s\n' "$1" ;;
        *) printf '%s\n' "$PWD/$1" ;;
    esac
}

# The build directory: $BUILD_DIR if set (relative to the caller's directory), else <repo>/build.
stz_build_dir() {
    if [[ -n "${BUILD_DIR:-}" ]]; then
        stz_abspath "$BUILD_DIR"
    else
        printf '%s\n' "$STZ_ROOT/build"
    fi
}

# Print the first Python that imports numpy and matplotlib: $PYTHON if set, then Debian's
# /usr/bin/python3, then python3 on PATH. Returns 1 (printing nothing) when none does.
stz_find_python() {
    local py
    for py in ${PYTHON:+"$PYTHON"} /usr/bin/python3 python3; do
        if command -v "$py" >/dev/null 2>&1 \
            && "$py" -c 'import numpy, matplotlib' >/dev/null 2>&1; then
            command -v "$py"
            return 0
        fi
    done
    return 1
}

# Set up and build (scripts/setup.sh) into $(stz_build_dir), export BUILD_DIR, and set
# STZ_EXE to the built stzkmc program (dies if it is missing). Leaves the caller in STZ_ROOT.
stz_build_program() {
    local build_dir
    build_dir="$(stz_build_dir)"
    export BUILD_DIR="$build_dir"
    "$STZ_ROOT/scripts/setup.sh"
    cd "$STZ_ROOT"
    STZ_EXE="$build_dir/bin/stzkmc"
    [[ -x "$STZ_EXE" ]] || stz_die "$STZ_EXE was not built"
}
