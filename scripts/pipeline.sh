#!/usr/bin/env bash
# From atoms to a calibrated kMC run in one command (docs/pipeline.md):
#   quench -> AQS to 10 % -> ART on the unstrained and the strained sample -> merge
#   -> calibrate -> kMC (calibrated, and paper 003's values for comparison) -> figures
#
#   scripts/pipeline.sh                      # 2000 atoms; results in <repo>/results/pipeline
#   scripts/pipeline.sh --tiny               # 250 atoms, a minute or two: a smoke test (ctest pipeline_tiny)
#   scripts/pipeline.sh --out DIR --threads 2
#   STZKMC=build-x/bin/stzkmc scripts/pipeline.sh   # use this program, build nothing
#
# Options:
#   --out DIR      output folder (default results/pipeline, --tiny: results/pipeline_tiny);
#                  its stage folders (quench/, aqs/, ..., figures/) are replaced, nothing
#                  else in DIR is touched
#   --tiny         the recipes of examples/pipeline/tiny/ instead of examples/pipeline/
#   --threads N    threads of every stzkmc stage (default: the number of cores)
#   --exe PATH     the stzkmc program (same as STZKMC=PATH)
#   --searches N   ART searches per sample instead of the recipes' `searches:`
#   --from STAGE   start at STAGE (quench, aqs, art, calibrate, kmc, figures), reusing the
#                  earlier stages' folders in DIR (e.g. --from calibrate after editing
#                  examples/pipeline/calibrate.yaml); their rows of stage_times.csv are kept
#
# Without STZKMC/--exe, the program is built as scripts/run.sh does (scripts/setup.sh into
# $BUILD_DIR or <repo>/build, Release). PYTHON picks the plotting Python (numpy, matplotlib).
# Every stage's log is OUT/logs/<stage>.log, its wall and CPU time in OUT/stage_times.csv; a
# stage that fails stops the pipeline with a non-zero exit status, and so does an expected
# output that is missing.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

tiny=0
out=""
threads="$(nproc 2>/dev/null || echo 1)"
exe="${STZKMC:-}"
from=quench
searches=()
while (($# > 0)); do
    case "$1" in
        --out) [[ $# -ge 2 ]] || stz_die "--out needs a folder"; out="$2"; shift 2 ;;
        --tiny) tiny=1; shift ;;
        --threads) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || stz_die "--threads needs a positive integer"
                   threads="$2"; shift 2 ;;
        --exe) [[ $# -ge 2 ]] || stz_die "--exe needs a path"; exe="$2"; shift 2 ;;
        --searches) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || stz_die "--searches needs a positive integer"
                    searches=(--searches "$2"); shift 2 ;;
        --from) [[ $# -ge 2 ]] || stz_die "--from needs a stage"; from="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) stz_die "unknown argument '$1' (try --help)" ;;
    esac
done

if ((tiny)); then
    recipes="$STZ_ROOT/examples/pipeline/tiny"
    out="$(stz_abspath "${out:-$STZ_ROOT/results/pipeline_tiny}")"
else
    recipes="$STZ_ROOT/examples/pipeline"
    out="$(stz_abspath "${out:-$STZ_ROOT/results/pipeline}")"
fi
common="$STZ_ROOT/examples/pipeline"   # calibration files: the same in both modes

# ------------------------------------------------------------------ program and Python
if [[ -n "$exe" ]]; then
    exe="$(stz_abspath "$exe")"
    [[ -x "$exe" ]] || stz_die "STZKMC/--exe: $exe is not an executable program"
else
    stz_build_program
    exe="$STZ_EXE"
fi
"$exe" atom art --help >/dev/null 2>&1 \
    || stz_die "$exe has no 'atom art' command (ART nouveau campaigns); build a newer stzkmc"
py="$(stz_find_python)" \
    || stz_die "no Python with numpy and matplotlib (tried \$PYTHON, /usr/bin/python3, python3);" \
        "install them with: apt-get install python3-numpy python3-matplotlib"
report="$STZ_ROOT/scripts/pipeline_report.py"

# ------------------------------------------------------------------ output folder
# Stages in order, each with the folders it writes and the rows it adds to stage_times.csv.
stage_names=(quench aqs art calibrate kmc figures)
declare -A stage_dirs=([quench]="quench" [aqs]="aqs" [art]="art_unstrained art_strained"
    [calibrate]="calibration" [kmc]="kmc kmc_paper003 kmc_sizes" [figures]="figures")
declare -A stage_rows=([quench]="quench" [aqs]="aqs" [art]="art_unstrained art_strained"
    [calibrate]="merge calibrate" [kmc]="kmc" [figures]="figures")
from_index=-1
for i in "${!stage_names[@]}"; do [[ "${stage_names[$i]}" == "$from" ]] && from_index=$i; done
((from_index >= 0)) || stz_die "--from: unknown stage '$from' (one of: ${stage_names[*]})"
# runs NAME: true when stage NAME is at or after --from.
runs() {
    local i
    for i in "${!stage_names[@]}"; do [[ "${stage_names[$i]}" == "$1" ]] && ((i >= from_index)) && return 0; done
    return 1
}
mkdir -p "$out"
kept_rows=()
for st in "${stage_names[@]}"; do
    if runs "$st"; then
        for d in ${stage_dirs[$st]}; do rm -rf "${out:?}/$d"; done
    else
        [[ -d "$out/${stage_dirs[$st]%% *}" ]] \
            || stz_die "--from $from: no $out/${stage_dirs[$st]%% *} of an earlier run to reuse"
        kept_rows+=(${stage_rows[$st]})
    fi
done
old_times=""
[[ -f "$out/stage_times.csv" ]] && old_times="$(cat "$out/stage_times.csv")"
rm -f "$out/stage_times.csv" "$out/report.md"
((from_index == 0)) && rm -rf "$out/logs" "$out/recipes"
mkdir -p "$out/logs" "$out/recipes"
echo "stage,wall_s,cpu_s" > "$out/stage_times.csv"
for r in "${kept_rows[@]}"; do
    grep "^$r," <<< "$old_times" >> "$out/stage_times.csv" || true
done
stz_log "pipeline ($( ((tiny)) && echo tiny || echo full )): recipes $recipes, output $out," \
    "program $exe, $threads thread(s), from stage $from"

t_start="$(date +%s.%N)"
# Sets cpu_now to the CPU seconds (user + system) of this shell's finished child processes
# (`times` in this shell, not in a $(...) subshell, which has children of its own).
read_cpu() {
    times > "$out/logs/.times"
    cpu_now="$(tail -n 1 "$out/logs/.times" | awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); s += 60 * a[1] + a[2] } printf "%.2f", s }')"
}
# stage_done NAME T0 CPU0: appends NAME's wall and CPU seconds since T0/CPU0 to stage_times.csv.
stage_done() {
    local dt dc
    read_cpu
    dt="$(awk -v a="$2" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
    dc="$(awk -v a="$3" -v b="$cpu_now" 'BEGIN { printf "%.1f", b - a }')"
    echo "$1,$dt,$dc" >> "$out/stage_times.csv"
    stz_log "stage $1 done in $dt s (CPU $dc s)"
}
# run_stage NAME CMD...: runs CMD with its output in logs/NAME.log (and on the terminal),
# records its wall and CPU time; a failure stops the pipeline (the log is on the terminal too).
run_stage() {
    local name="$1" t0 c0 rc=0
    shift
    stz_log "stage $name: $*"
    t0="$(date +%s.%N)"
    read_cpu
    c0="$cpu_now"
    "$@" 2>&1 | tee "$out/logs/$name.log" || rc=$?
    if ((rc != 0)); then
        stz_die "stage $name failed (exit status $rc); its log: $out/logs/$name.log"
    fi
    stage_done "$name" "$t0" "$c0"
}
# need FILE...: every file exists and is not empty, or the pipeline stops.
need() {
    local f
    for f in "$@"; do
        [[ -s "$f" ]] || stz_die "expected output missing or empty: $f"
    done
}
# recipe_with SRC DST KEY=VALUE...: copy recipe SRC to DST with the top-level keys replaced.
recipe_with() {
    local src="$1" dst="$2" kv key val
    shift 2
    cp "$src" "$dst"
    for kv in "$@"; do
        key="${kv%%=*}"
        val="${kv#*=}"
        grep -q "^$key:" "$dst" || stz_die "$src has no top-level key $key:"
        sed -i "s#^$key:.*#$key: $val#" "$dst"
    done
}

# ------------------------------------------------------------------ 1. quench
if runs quench; then
    run_stage quench "$exe" --threads "$threads" atom quench "$recipes/quench.yaml" \
        --out "$out/quench" --no-plot
fi
glass="$out/quench/glass.data"
need "$glass" "$out/quench/cooling_curve.csv" "$out/quench/summary.yaml"

# ------------------------------------------------------------------ 2. AQS
if runs aqs; then
    recipe_with "$recipes/aqs.yaml" "$out/recipes/aqs.yaml" "input=$glass"
    run_stage aqs "$exe" --threads "$threads" atom aqs "$out/recipes/aqs.yaml" --out "$out/aqs"
fi
need "$out/aqs/stress_strain.csv" "$out/aqs/drops.csv" "$out/aqs/stz_clusters.csv"
# The strained ART sample: the minimum after the last stress drop (AQS writes the minima
# bracketing each drop; the last one is the most strained configuration it keeps).
ndrops=$(($(grep -cv '^#' "$out/aqs/drops.csv") - 1))
((ndrops > 0)) || stz_die "AQS found no stress drop: no strained sample and no STZ sizes" \
    "(raise max_strain in $recipes/aqs.yaml)"
strained="$out/aqs/drops/drop_$((ndrops - 1))_after.data"
need "$strained"
strained_strain="$(tail -n 1 "$out/aqs/drops.csv" | cut -d, -f2)"
printf 'file: %s\nstrain: %s\ndrop: %d\n' "$strained" "$strained_strain" "$((ndrops - 1))" \
    > "$out/aqs/strained_sample.yaml"
stz_log "strained sample: $strained (shear strain $strained_strain, after drop $((ndrops - 1)))"

# ------------------------------------------------------------------ 3. ART on both samples
if runs art; then
    recipe_with "$recipes/art_unstrained.yaml" "$out/recipes/art_unstrained.yaml" \
        "input=$glass" "reference=$glass"
    run_stage art_unstrained "$exe" --threads "$threads" atom art \
        "$out/recipes/art_unstrained.yaml" --out "$out/art_unstrained" "${searches[@]}"
    recipe_with "$recipes/art_strained.yaml" "$out/recipes/art_strained.yaml" \
        "input=$strained" "reference=$glass"
    run_stage art_strained "$exe" --threads "$threads" atom art \
        "$out/recipes/art_strained.yaml" --out "$out/art_strained" "${searches[@]}"
fi
need "$out/art_unstrained/art_events.csv" "$out/art_strained/art_events.csv" \
    "$out/art_unstrained/searches.csv" "$out/art_strained/searches.csv"

# ------------------------------------------------------------------ 4. merge
for d in art_unstrained art_strained; do
    n=$(($(grep -cv '^#' "$out/$d/art_events.csv") - 1))
    ((n > 0)) || stz_log "warning: $d found no connected event"
done
cal="$out/calibration"
if runs calibrate; then
    run_stage merge "$py" "$report" merge "$out"
    need "$cal/art_events.csv" "$cal/stz_clusters.csv" "$cal/material.csv"
fi

# ------------------------------------------------------------------ 5. calibrate
# Two fragments. calibration/fragment.yaml from everything calibrate.yaml can use: the ART
# spectrum's width, softening (skipped, with the reason, when the events show none:
# softening.required is false), gamma* and the STZ size. If `stzkmc calibrate` refuses the
# ART events altogether (too few per strain window), fragment.yaml falls back to the STZ size
# alone. calibration/fragment_sizes.yaml always holds the STZ size alone (l0, V), for the
# kMC fallback below. calibration/status.txt says which; refused.txt why.
if runs calibrate; then
    cp "$common/calibrate.yaml" "$common/calibrate_sizes.yaml" "$cal/"
    t0="$(date +%s.%N)"
    read_cpu
    c0="$cpu_now"
    stz_log "stage calibrate: (cd $cal && $exe calibrate calibrate_sizes.yaml --out fragment_sizes.yaml)"
    (cd "$cal" && "$exe" calibrate calibrate_sizes.yaml --out fragment_sizes.yaml) > "$out/logs/calibrate.log" 2>&1 \
        || { cat "$out/logs/calibrate.log"
             stz_die "stage calibrate failed: even the STZ size could not be calibrated; log: $out/logs/calibrate.log"; }
    stz_log "stage calibrate: (cd $cal && $exe calibrate calibrate.yaml --out fragment.yaml)"
    if (cd "$cal" && "$exe" calibrate calibrate.yaml --out fragment.yaml) >> "$out/logs/calibrate.log" 2>&1; then
        cat "$out/logs/calibrate.log"
        fits="STZ size"
        grep -q '^  barrier_std_eV:' "$cal/fragment.yaml" && fits="$fits, AEBS width"
        grep -q '^  gamma_star:' "$cal/fragment.yaml" && fits="$fits, gamma*"
        grep -q '^softening:' "$cal/fragment.yaml" && fits="$fits, softening"
        why="$(grep -o '"softening (kappa_p, kappa_t, Q_sat): .*"' "$cal/fragment.yaml" | tr -d '"' || true)"
        if [[ -n "$why" ]]; then
            echo "$why" > "$cal/refused.txt"
            echo "$fits (softening skipped, see refused.txt)" > "$cal/status.txt"
        else
            echo "$fits" > "$cal/status.txt"
        fi
    else
        cat "$out/logs/calibrate.log"
        grep '\[error\]' "$out/logs/calibrate.log" | tail -n 1 | sed 's/^.*\[error\] *//' \
            > "$cal/refused.txt"
        stz_log "calibration from the ART events refused: $(cat "$cal/refused.txt")"
        stz_log "falling back to the STZ size alone; the barrier spectrum, gamma*," \
            "kappa_p/kappa_t and eta_max stay paper 003's"
        cp "$cal/fragment_sizes.yaml" "$cal/fragment.yaml"
        echo "STZ size only (ART fits refused, see refused.txt)" > "$cal/status.txt"
    fi
    stage_done calibrate "$t0" "$c0"
fi
need "$cal/fragment.yaml" "$cal/fragment_sizes.yaml" "$cal/status.txt"
stz_log "calibration: $(cat "$cal/status.txt")"

# ------------------------------------------------------------------ 6. kMC
# kmc/: kmc_base.yaml with calibration/fragment.yaml (the fragment's keys win), and
# kmc_paper003/: kmc_base.yaml alone, side by side, the threads split between them (logs in
# logs/kmc.log, logs/kmc_paper003.log). `stzkmc run` refuses parameters whose events never
# let simulated time advance (e.g. an AEBS so wide, or an STZ volume so large, that the glass
# flows at 300 K without load): a result about the calibration, recorded in
# kmc/refused.txt and the report. Then kmc_sizes/ runs with the STZ size alone
# (fragment_sizes.yaml), so the chain still ends in a calibrated curve. Any other failure
# stops here.
# kmc_run NAME FRAGMENT THREADS: writes NAME/input.yaml (the base, then FRAGMENT if any) and
# runs it, its output in logs/NAME.log; returns stzkmc's exit status.
kmc_run() {
    local name="$1" fragment="$2" th="$3"
    mkdir -p "$out/$name"
    if [[ -n "$fragment" ]]; then
        printf '# kMC with calibrated parameters: the base, then the fragment (later files win)\ninclude: [%s, %s]\n' \
            "$recipes/kmc_base.yaml" "../calibration/$fragment" > "$out/$name/input.yaml"
    else
        printf '# the same run with paper 003 values only (no fragment), for comparison\ninclude: %s\n' \
            "$recipes/kmc_base.yaml" > "$out/$name/input.yaml"
    fi
    "$exe" --threads "$th" run "$out/$name/input.yaml" --out "$out/$name" > "$out/logs/$name.log" 2>&1
}
# kmc_refusal NAME RC: NAME's refusal message if `stzkmc run` refused a stalled run, else stop.
kmc_refusal() {
    local why
    why="$(sed -n 's/.*\[error\] //p' "$out/logs/$1.log" | head -n 1)"
    [[ "$why" == events\ at\ applied\ strain* ]] \
        || stz_die "stage kmc: the $1 run failed (exit status $2); its log: $out/logs/$1.log"
    echo "$why" > "$out/$1/refused.txt"
    stz_log "the $1 run was refused: $why"
}
if runs kmc; then
    kmc_threads=$(( threads > 1 ? threads / 2 : 1 ))
    stz_log "stage kmc: kmc/ (calibrated) and kmc_paper003/ side by side, $kmc_threads thread(s) each"
    t0="$(date +%s.%N)"
    read_cpu
    c0="$cpu_now"
    kmc_run kmc fragment.yaml "$kmc_threads" &
    pid_cal=$!
    kmc_run kmc_paper003 "" "$kmc_threads" &
    pid_ref=$!
    rc_cal=0; rc_ref=0; rc_siz=0; pid_siz=""
    wait "$pid_cal" || rc_cal=$?
    tail -n 2 "$out/logs/kmc.log"
    if ((rc_cal != 0)); then
        kmc_refusal kmc "$rc_cal"
        stz_log "stage kmc: kmc_sizes/ (the STZ size alone), $kmc_threads thread(s)"
        kmc_run kmc_sizes fragment_sizes.yaml "$kmc_threads" &
        pid_siz=$!
    fi
    wait "$pid_ref" || rc_ref=$?
    tail -n 2 "$out/logs/kmc_paper003.log"
    ((rc_ref == 0)) || stz_die "stage kmc: the paper 003 run failed (exit status $rc_ref); its log: $out/logs/kmc_paper003.log"
    if [[ -n "$pid_siz" ]]; then
        wait "$pid_siz" || rc_siz=$?
        tail -n 2 "$out/logs/kmc_sizes.log"
        ((rc_siz == 0)) || kmc_refusal kmc_sizes "$rc_siz"
    fi
    stage_done kmc "$t0" "$c0"
fi
calibrated_curve=""
for d in kmc kmc_sizes; do
    if [[ -d "$out/$d" && ! -f "$out/$d/refused.txt" ]]; then
        need "$out/$d/stress_strain.csv" "$out/$d/summary.yaml"
        calibrated_curve="$out/$d/stress_strain.csv"
        break
    fi
done
need "$out/kmc_paper003/stress_strain.csv"

# ------------------------------------------------------------------ 7. figures
run_stage figures "$py" "$report" figures "$out"
figs=(pipeline_quench pipeline_aqs pipeline_art pipeline_stz_size pipeline_kmc)
for f in "${figs[@]}"; do need "$out/figures/$f.png"; done
need "$out/report.md"

elapsed="$(awk -v a="$t_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
total="$(awk -F, 'NR > 1 { s += $2 } END { printf "%.1f", s }' "$out/stage_times.csv")"
total_cpu="$(awk -F, 'NR > 1 { s += $3 } END { printf "%.1f", s }' "$out/stage_times.csv")"
echo "total,$total,$total_cpu" >> "$out/stage_times.csv"
echo
echo "Pipeline finished in $elapsed s (stages from $from; all stages: $total s)."
echo "Results: $out"
echo "Report:  $out/report.md"
echo "Figures:"
printf '  %s\n' "${figs[@]/#/$out/figures/}" | sed 's/$/.png/'
echo "Stage times (s):          wall      CPU"
tail -n +2 "$out/stage_times.csv" | awk -F, '{ printf "  %-16s %10s %8s\n", $1, $2, $3 }'
echo "Calibration: $(cat "$cal/status.txt")"
[[ -f "$out/kmc/refused.txt" ]] && echo "Calibrated kMC run (full fragment): refused: $(cat "$out/kmc/refused.txt")"
if [[ -n "$calibrated_curve" ]]; then
    echo "Calibrated kMC curve: $calibrated_curve"
else
    echo "No calibrated kMC curve: both calibrated runs were refused (see $out/report.md)"
fi
