#!/usr/bin/env bash
# Reproduce the four studies of paper 003 (Figs. 4-7, MODEL.md section 6): set up and
# build (scripts/setup.sh), run the sweeps of params/sweeps/, plot each, and write the
# tables of docs/reproduction.md.
#
#   scripts/reproduce.sh              # paper settings: 512^2, 5 seeds (13 h or more on 2 cores; docs/benchmarks.md)
#   scripts/reproduce.sh --reduced    # the same studies at 64^2 (about 2 min on 2 cores)
#   OUT=/scratch/repro scripts/reproduce.sh
#   STUDIES="softening strain_rate" scripts/reproduce.sh --reduced
#
# Interrupted? Run the same command again: finished cases are kept (docs/sweeps.md).
# With MPI: MPIRUN="mpirun -np 16" scripts/reproduce.sh
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sweeps_dir=params/sweeps
out_default="$STZ_ROOT/results/reproduction"
if [[ "${1:-}" == "--reduced" ]]; then
    sweeps_dir=params/sweeps/reduced
    out_default="$STZ_ROOT/results/reproduction_64"
    shift
fi
(($# == 0)) || stz_die "unknown argument '$1' (expected nothing or --reduced)"
out="$(stz_abspath "${OUT:-$out_default}")"
# shellcheck disable=SC2206
studies=(${STUDIES:-barrier_mean softening cooling_rate strain_rate})

stz_build_program
exe="$STZ_EXE"
py="$(stz_find_python)" || stz_die "no Python with numpy and matplotlib (apt-get install python3-numpy python3-matplotlib)"

# shellcheck disable=SC2206
mpirun=(${MPIRUN:-})
dirs=()
# The studies share their reference case (Q = 2 eV, eta_max = -ln 0.6, 1e-4 /s): a later
# study copies it, seed by seed, from an earlier one instead of running it again (--reuse).
reuse=()
for s in "${studies[@]}"; do
    file="$sweeps_dir/$s.yaml"
    [[ -f "$file" ]] || stz_die "no sweep file $file"
    stz_log "study $s: ${mpirun[*]} $exe sweep $file --out $out/$s ${reuse[*]}"
    "${mpirun[@]}" "$exe" sweep "$file" --out "$out/$s" "${reuse[@]}"
    reuse+=(--reuse "$out/$s")
    MPLBACKEND=Agg "$py" scripts/plot_sweep.py "$out/$s" > "$out/$s/plots.txt"
    "$py" scripts/snapshot_report.py "$out/$s" --out "$out/$s/snapshots.md"
    dirs+=("$out/$s")
done
"$py" scripts/sweep_report.py "${dirs[@]}" --out "$out/report.md"

echo
echo "Results: $out"
for d in "${dirs[@]}"; do echo "  $d/aggregate.csv, $d/plots/summary.png, $d/snapshots.md"; done
echo "Tables:  $out/report.md"
