#!/usr/bin/env bash
# Set up and build (scripts/setup.sh), then run the test suite with ctest.
#
#   scripts/test.sh                      # every test
#   scripts/test.sh -L unit              # extra arguments go to ctest
#   BUILD_DIR=/tmp/b scripts/test.sh     # another build directory
#
# Exits with ctest's status; CTEST_JOBS sets ctest's parallelism (default 2).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

build_dir="$(stz_build_dir)"
export BUILD_DIR="$build_dir"

# The test suite compares the atomistic engine with LAMMPS run live on the same input.
STZ_WITH_LAMMPS=1 "$STZ_ROOT/scripts/setup.sh"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

status=0
ctest --test-dir "$build_dir" --output-on-failure --no-tests=error -j"${CTEST_JOBS:-2}" "$@" \
    2>&1 | tee "$log" || status=${PIPESTATUS[0]}

summary="$(grep -E 'tests passed|No tests were found' "$log" | tail -n 1 || true)"
echo
echo "ctest (${build_dir}): ${summary:-no summary line; see the output above} [exit $status]"
exit "$status"
