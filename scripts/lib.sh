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

# Packages among the arguments that dpkg does not report as installed ("ii"), one a line.
stz_missing_packages() {
    local pkg status
    for pkg in "$@"; do
        status="$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)"
        [[ "$status" == ii* ]] || printf '%s\n' "$pkg"
    done
}

# stz_apt_install PURPOSE PACKAGE...: installs those of the Debian packages that are
# missing. As root: apt-get update, then apt-get install (non-interactive, no recommends).
# Otherwise: names them with the command to run and exits 1. PURPOSE completes the message
# ("missing Debian packages PURPOSE: ..."); it may be empty. A no-op when none is missing.
stz_apt_install() {
    local purpose="${1:+ $1}" missing
    shift
    mapfile -t missing < <(stz_missing_packages "$@")
    ((${#missing[@]} == 0)) && return 0
    stz_log "missing Debian packages${purpose}: ${missing[*]}"
    if [[ "$(id -u)" -ne 0 ]]; then
        stz_log "not root; install them with:"
        printf '  sudo apt-get install -y %s\n' "${missing[*]}" >&2
        exit 1
    fi
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

# Set up and build (scripts/setup.sh) into $(stz_build_dir), export BUILD_DIR, and set
# STZ_EXE to the built stzkmc program (dies if it is missing). Leaves the caller in STZ_ROOT.
stz_build_program() {
    local build_dir
    build_dir="$(stz_build_dir)"
    export BUILD_DIR="$build_dir"
    "$STZ_ROOT/scripts/setup.sh"
    cd "$STZ_ROOT" || stz_die "cannot enter $STZ_ROOT"
    STZ_EXE="$build_dir/bin/stzkmc"
    [[ -x "$STZ_EXE" ]] || stz_die "$STZ_EXE was not built"
}
