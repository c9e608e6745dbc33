#!/usr/bin/env bash
# Set up and build (scripts/setup.sh), run the default job, plot it, and say where the
# results are.
#
#   scripts/run.sh                       # results in <repo>/results/<job>
#   OUT=/tmp/esh scripts/run.sh          # another output folder
#   scripts/run.sh --some-flag value     # extra arguments go to stzkmc
#
# BUILD_DIR and BUILD_TYPE are passed on to setup.sh; PYTHON picks the plotting Python.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# ------------------------------------------------------------------ the default job
# What `scripts/run.sh` runs: stzkmc arguments (paths relative to the repository root),
# the default output folder, and the plotting script that reads that folder.
JOB_ARGS=(run params/quick.yaml)
JOB_OUT_DEFAULT="$STZ_ROOT/results/quick"
JOB_PLOT=scripts/plot_run.py

out="$(stz_abspath "${OUT:-$JOB_OUT_DEFAULT}")"
stz_build_program
exe="$STZ_EXE"

mkdir -p "$out"
stz_log "running: $exe ${JOB_ARGS[*]} --out $out $*"
"$exe" "${JOB_ARGS[@]}" --out "$out" "$@"

# ------------------------------------------------------------------ plot
if [[ ! -f "$JOB_PLOT" ]]; then
    stz_log "no $JOB_PLOT; skipping the plot"
elif py="$(stz_find_python)"; then
    stz_log "plotting: $py $JOB_PLOT $out"
    MPLBACKEND=Agg "$py" "$JOB_PLOT" "$out"
else
    stz_log "no Python with numpy and matplotlib found (tried \$PYTHON, /usr/bin/python3," \
        "python3); skipping the plot. Install them with: apt-get install python3-numpy" \
        "python3-matplotlib"
fi

# ------------------------------------------------------------------ summary
mapfile -t pngs < <(find "$out" -maxdepth 1 -name '*.png' | sort)
echo
echo "Results: $out"
if ((${#pngs[@]} > 0)); then
    printf 'Plot:    %s\n' "${pngs[@]}"
else
    echo "Plot:    (none)"
fi
echo "Files:"
(cd "$out" && find . -maxdepth 1 -type f -printf '  %-28P %10s bytes\n' | sort)
