#!/usr/bin/env bash
# make_reference.sh -- regenerate the LAMMPS golden data in this directory.
#
# usage: tests/atomistic/data/make_reference.sh [STAGE...]
#   stages (default: configs glass crystal eval quench check)
#     configs    random_ortho.data random_tri.data small_tri.data (make_configs.py)
#     glass      glass_tri.data (glass_tri.in, ~1 min)
#     crystal    crystal.ref cu_fcc.data zr_hcp.data (crystal.in)
#     eval       <name>.ref <name>.forces for every configuration (eval.in)
#     quench     quench_reference.csv quench_reference.ref (quench_protocol.in,
#                seeds 1..5, ~30 s each)
#     check      check_eam.py: independent numpy EAM vs. the LAMMPS numbers
#     bench      bench_md.in, 1 process, with and without -sf opt (not default)
# environment: LMP (default: lmp from PATH), PYTHON (default: a python3 with
#   numpy), POT (default /usr/share/lammps/potentials/CuZr_mm.eam.fs),
#   KEEP_WORK=1 keeps the scratch directory with the LAMMPS logs.
# Runs from any directory; LAMMPS runs on one process, no suffix.
set -euo pipefail

DATA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LMP="${LMP:-lmp}"
POT="${POT:-/usr/share/lammps/potentials/CuZr_mm.eam.fs}"
if [[ -z "${PYTHON:-}" ]]; then
  for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import numpy' 2>/dev/null; then
      PYTHON="$p"; break
    fi
  done
fi
: "${PYTHON:?no python3 with numpy found; set PYTHON}"
command -v "$LMP" >/dev/null 2>&1 || { echo "LAMMPS executable '$LMP' not found; set LMP" >&2; exit 1; }
[[ -r "$POT" ]] || { echo "potential file $POT not readable; set POT" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/stz_lammps_ref.XXXXXX")"
cleanup() {
  if [[ "${KEEP_WORK:-0}" == 1 ]]; then echo "scratch kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

lmp_run() {  # lmp_run LOG ARGS... (runs in the current directory)
  local log="$1"; shift
  if ! "$LMP" -log "$log" -screen none "$@"; then
    echo "LAMMPS failed; last lines of $log:" >&2
    tail -n 20 "$log" >&2 || true
    exit 1
  fi
}

EVAL_NAMES=(random_ortho random_tri small_tri glass_tri cu_fcc zr_hcp)

stage_configs() {
  "$PYTHON" "$DATA/make_configs.py" random "$DATA"
}

stage_glass() {
  (cd "$WORK" && lmp_run glass_tri.log -in "$DATA/glass_tri.in" -var pot "$POT")
  "$PYTHON" "$DATA/make_configs.py" canonical "$WORK/glass_tri.raw.data" "$DATA/glass_tri.data" \
    "glass_tri.data: 250 Cu + 250 Zr melt-quenched glass (glass_tri.in), sheared triclinic, displaced 0.05 A"
}

stage_crystal() {
  (cd "$WORK" && lmp_run crystal.log -in "$DATA/crystal.in" -var pot "$POT")
  cp "$WORK/crystal.ref" "$DATA/crystal.ref"
  "$PYTHON" "$DATA/make_configs.py" canonical "$WORK/cu_fcc.raw.data" "$DATA/cu_fcc.data" \
    "cu_fcc.data: fcc Cu a = 3.6 A, 4x4x4 cubic cells, unrelaxed start of crystal.in"
  "$PYTHON" "$DATA/make_configs.py" canonical "$WORK/zr_hcp.raw.data" "$DATA/zr_hcp.data" \
    "zr_hcp.data: hcp Zr a = 3.23 A c = 5.168 A, orthogonal 6x4x4 cells, unrelaxed start of crystal.in"
  cat "$DATA/crystal.ref"
}

stage_eval() {
  cd "$DATA"
  for n in "${EVAL_NAMES[@]}"; do
    lmp_run "$WORK/eval_$n.log" -in eval.in -var data "$n.data" -var out "$n" -var pot "$POT"
  done
  cd - >/dev/null
}

stage_quench() {
  for seed in 1 2 3 4 5; do
    echo "quench seed $seed"
    (cd "$WORK" && lmp_run "quench_$seed.log" -in "$DATA/quench_protocol.in" -var seed "$seed" -var pot "$POT")
  done
  "$PYTHON" "$DATA/make_configs.py" quench-summary "$WORK"
}

stage_check() {
  (cd "$DATA" && "$PYTHON" check_eam.py "$POT" "${EVAL_NAMES[@]}")
}

stage_bench() {
  cd "$WORK"
  for sf in "" opt; do
    if [[ -n "$sf" ]]; then args=(-sf "$sf"); else args=(); fi
    lmp_run "bench${sf:+_$sf}.log" -in "$DATA/bench_md.in" -var pot "$POT" "${args[@]}"
    loop=$(awk '/^Loop time/ {print $4}' "bench${sf:+_$sf}.log")
    "$PYTHON" -c "import sys; t=float(sys.argv[1]); print('bench %-4s loop time %.3f s  %.4f us/atom-step' % (sys.argv[2], t, t/(500*16384)*1e6))" "$loop" "${sf:-none}"
  done
  cd - >/dev/null
}

stages=("$@")
if [[ ${#stages[@]} -eq 0 ]]; then
  stages=(configs glass crystal eval quench check)
fi
"$LMP" -h | sed -n '2,3p' | sed '/^$/d'
for s in "${stages[@]}"; do
  case "$s" in
    configs|glass|crystal|eval|quench|check|bench) echo "== $s"; "stage_$s" ;;
    *) echo "unknown stage '$s'" >&2; exit 2 ;;
  esac
done
