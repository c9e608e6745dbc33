#!/usr/bin/env bash
# Feeds stzkmc one bad input after another and prints, for each, a Markdown table row:
# | input | command | exit status and the error message |. The table "Bad inputs and what
# each gets" in docs/reliability.md is this script's output.
#
#   fuzz/bad_inputs.sh build-asan/bin/stzkmc > /tmp/rows.md
#
# Every case must exit non-zero with an error line (no crash, no sanitizer report, no
# hang): a case that does not is printed with FAIL and the script exits 1.
set -uo pipefail

exe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

pot="$root/fuzz/corpus/fuzz_eam_potential/CuZr_small.eam.fs"
data="$root/tests/atomistic/formats/small_tri12.data"
run_yaml="$root/tests/cli/data/small_run.yaml"
status=0
# A sanitized program that runs away with memory (an endless read) is stopped at 3 GB.
export ASAN_OPTIONS="${ASAN_OPTIONS:-hard_rss_limit_mb=3000}"

# row DESCRIPTION stzkmc-arguments...: runs it (60 s at most), prints the row.
row() {
    local desc="$1"
    shift
    local out rc msg
    out="$(timeout 60 "$exe" --threads 1 "$@" 2>&1 </dev/null)"
    rc=$?
    # The error line, without spdlog's time stamp and level; paths shown relative to the
    # scratch folder so the table does not depend on where it ran.
    msg="$(printf '%s\n' "$out" | grep -aE '\[error\]|ERROR|Error|runtime error|Sanitizer' | head -n 1 |
        sed -E 's/^\[[0-9:]+\] \[error\] //' | sed "s#$work/##g; s#$root/##g")"
    # CLI11's own refusals (a missing file) have no [error] tag: take their first line.
    [[ -n "$msg" ]] || msg="$(printf '%s\n' "$out" | grep -a . | head -n 1 | sed "s#$work/##g; s#$root/##g")"
    local verdict=""
    # Exit 1: an stz::Error; CLI11 refuses bad arguments (a missing file) with its own
    # status (105) before stzkmc reads anything. 0, a signal, a timeout (124), a sanitizer
    # report or an exception other than stz::Error ("unexpected error") is a failure.
    if [[ $rc -eq 0 || $rc -ge 124 || -z "$msg" || "$msg" == *"unexpected error"* || "$out" == *Sanitizer* ]]; then
        verdict="FAIL (exit $rc) "
        status=1
        [[ -n "$msg" ]] || msg="$(printf '%s\n' "$out" | tail -n 3 | tr '\n' ' ')"
    fi
    local shown="${*//$work\//}"
    shown="${shown//$root\//}"
    msg="$(printf '%s' "$msg" | iconv -f UTF-8 -t UTF-8 -c)"   # invalid bytes echoed from the input
    msg="${msg//|/\\|}"
    printf '| %s | `stzkmc %s` | %s%s (exit %s) |\n' "$desc" "$shown" "$verdict" "$msg" "$rc"
}

# put NAME TEXT: a file holding TEXT (printf %b escapes); sed_run NAME EXPR: small_run.yaml
# edited by a sed expression.
put() { printf '%b' "$2" >"$work/$1"; }
sed_run() { sed -E "$2" "$run_yaml" >"$work/$1"; }

echo '| bad input | command | what stzkmc says |'
echo '|---|---|---|'

# ---------------------------------------------------------------- parameter files (YAML)
put empty.yaml ''
row "empty parameter file" run empty.yaml --out o
put list.yaml '- 1\n- 2\n'
row "a list instead of a mapping" run list.yaml --out o
put syntax.yaml 'grid: {nx: 24, ny: [1, 2\n'
row "YAML syntax error (unclosed bracket)" run syntax.yaml --out o
put two_docs.yaml 'grid: {nx: 24}\n---\ngrid: {nx: 32}\n'
row "two YAML documents" run two_docs.yaml --out o
printf 'grid:\x00\xff\xfe\n' >"$work/binary.yaml"
row "binary bytes (NUL, 0xff)" run binary.yaml --out o
sed_run typo_section.yaml 's/^grid:/grdi:/'
row "misspelt section name" run typo_section.yaml --out o
sed_run neg_nx.yaml 's/nx: 24/nx: -5/'
row "negative grid size" run neg_nx.yaml --out o
sed_run huge_grid.yaml 's/nx: 24, ny: 24/nx: 100000000, ny: 100000000/'
row "10^16 voxels" run huge_grid.yaml --out o
sed_run text_temp.yaml 's/temperature_K: 300/temperature_K: hot/'
row "text where a number belongs" run text_temp.yaml --out o
sed_run nan_temp.yaml 's/temperature_K: 300/temperature_K: .nan/'
row "NaN temperature" run nan_temp.yaml --out o
sed_run inf_rate.yaml 's/strain_rate_per_s: 1.0e-4/strain_rate_per_s: 1e999/'
row "rate beyond the double range (1e999)" run inf_rate.yaml --out o
sed_run modes_frac.yaml 's/modes: 6/modes: 2.5/'
row "fractional mode count" run modes_frac.yaml --out o
sed_run modes_big.yaml 's/modes: 6/modes: 99999999999999999999/'
row "mode count beyond 64-bit" run modes_big.yaml --out o
sed_run loading_mode.yaml 's/mode: uniaxial_tension/mode: twist/'
row "unknown loading mode" run loading_mode.yaml --out o
{ cat "$run_yaml"; echo 'include: no_such_fragment.yaml'; } >"$work/missing_include.yaml"
row "include of a missing file" run missing_include.yaml --out o
put cycle_a.yaml 'include: cycle_b.yaml\n'
put cycle_b.yaml 'include: cycle_a.yaml\n'
row "include cycle (a includes b includes a)" run cycle_a.yaml --out o
{ cat "$run_yaml"; echo 'include: /dev/zero'; } >"$work/zero_include.yaml"
row "include of /dev/zero (endless)" run zero_include.yaml --out o
python3 -c "print('grid: ' + '[' * 100000 + ']' * 100000)" >"$work/deep.yaml"
row "100,000 nested lists" run deep.yaml --out o
row "--set with a bad value" run "$run_yaml" --set grid.nx=abc --out o
row "--set of an unknown key" run "$run_yaml" --set grid.nxx=3 --out o
row "missing parameter file" run no_such.yaml --out o
# Numerical guards (docs/reliability.md, "Numerical guards").
row "temperature 1e-6 K (rates underflow)" run "$run_yaml" --set kinetics.temperature_K=1e-6 --out o
row "attempt frequency 1e25 /s (total rate near overflow)" run "$run_yaml" --set kinetics.attempt_frequency_per_s=1e25 --out o
row "voxel size 1e9 nm" run "$run_yaml" --set grid.voxel_size_nm=1e9 --out o
row "voxel size 0" run "$run_yaml" --set grid.voxel_size_nm=0 --out o
row "gamma* 1e200 (the stress overflows after the first event)" run "$run_yaml" --set catalog.gamma_star=1e200 --out o
# Outputs nothing can be written to (docs/reliability.md, "Output failures").
row "output folder under /proc" run "$run_yaml" --out /proc/stzkmc_no_such_dir/o
put plain_file 'a file, not a folder\n'
row "output folder inside a regular file" run "$run_yaml" --out plain_file/o
row "a directory as parameter file" run . --out o

# ---------------------------------------------------------------- calibration CSVs
cal() {  # cal NAME CSV-TEXT: a calibration file reading NAME.csv as ART events
    put "$1.csv" "$2"
    put "$1.yaml" "inputs:\n  art_events: $1.csv\naebs:\n  cooling_rate_K_per_s: 1.0e10\n"
}
cal art_empty ''
row "empty ART event CSV" calibrate art_empty.yaml --out f.yaml
cal art_header_only 'barrier_eV,local_vm_strain\n'
row "CSV with a header and no rows" calibrate art_header_only.yaml --out f.yaml
cal art_fields 'barrier_eV,local_vm_strain\n1.5,0.01\n1.6\n'
row "CSV row with too few fields" calibrate art_fields.yaml --out f.yaml
cal art_quote 'barrier_eV,local_vm_strain,sample\n1.5,0.01,"glass\n'
row "CSV unterminated quote" calibrate art_quote.yaml --out f.yaml
cal art_na 'barrier_eV,local_vm_strain\n1.5,0.01\nn/a,0.02\n'
row "CSV text in a number column" calibrate art_na.yaml --out f.yaml
cal art_negative 'barrier_eV,local_vm_strain\n1.5,0.01\n-1.2,0.02\n'
row "CSV negative barrier" calibrate art_negative.yaml --out f.yaml
cal art_overflow 'barrier_eV,local_vm_strain\n1.5,0.01\n1e999,0.02\n'
row "CSV number beyond the double range" calibrate art_overflow.yaml --out f.yaml
cal art_dup 'barrier_eV,barrier_eV\n1.5,0.01\n'
row "CSV duplicate column" calibrate art_dup.yaml --out f.yaml
cal art_missing 'barrier_eV,strain\n1.5,0.01\n'
row "CSV missing a required column" calibrate art_missing.yaml --out f.yaml
printf 'barrier_eV,local_vm_strain\n1.5,0.01\n' >"$work/nul.csv"
printf '\x00\x00\n' >>"$work/nul.csv"
put nul.yaml 'inputs:\n  art_events: nul.csv\naebs:\n  cooling_rate_K_per_s: 1.0e10\n'
row "CSV with NUL bytes" calibrate nul.yaml --out f.yaml
put cal_zero.yaml 'inputs:\n  art_events: /dev/zero\naebs:\n  cooling_rate_K_per_s: 1.0e10\n'
row "/dev/zero as the ART event CSV (endless)" calibrate cal_zero.yaml --out f.yaml

# ---------------------------------------------------------------- EAM potential files
eam() {  # eam NAME: EAM file from the seed with sed expression $2
    sed -E "$2" "$pot" >"$work/$1"
}
head -c 400 "$pot" >"$work/truncated.eam.fs"
row "truncated eam/fs file" atom eval "$data" --potential truncated.eam.fs
eam few_points.eam.fs '5s/^8 37.5 8/3 37.5 3/'
row "eam/fs with Nrho = Nr = 3" atom eval "$data" --potential few_points.eam.fs
eam huge_n.eam.fs '5s/^8 37.5 8/1000000000000 37.5 8/'
row "eam/fs claiming 10^12 F(rho) points" atom eval "$data" --potential huge_n.eam.fs
eam zero_el.eam.fs '4s/^2 Cu Zr/0/'
row "eam/fs with 0 elements" atom eval "$data" --potential zero_el.eam.fs
eam word.eam.fs '7s/^0 /zero /'
row "eam/fs with a word in a table" atom eval "$data" --potential word.eam.fs
eam neg_dr.eam.fs '5s/ 0.95 / -0.95 /'
row "eam/fs with a negative dr" atom eval "$data" --potential neg_dr.eam.fs
eam dup_el.eam.fs '4s/^2 Cu Zr/2 Cu Cu/'
row "eam/fs listing an element twice" atom eval "$data" --potential dup_el.eam.fs
{ cat "$pot"; echo "1 2 3"; } >"$work/extra.eam.fs"
row "eam/fs with data after the last table" atom eval "$data" --potential extra.eam.fs
cp "$pot" "$work/noext.eam"
row "potential name without .fs/.alloy" atom eval "$data" --potential noext.eam
row "missing potential file" atom eval "$data" --potential no_such.eam.fs

# ---------------------------------------------------------------- LAMMPS data files
lmp() {  # lmp NAME SED: data file from small_tri12.data with sed expression
    sed -E "$2" "$data" >"$work/$1"
}
put empty.data ''
row "empty data file" atom eval empty.data --potential "$pot"
lmp huge_atoms.data 's/^12 atoms/1000000000000000000 atoms/'
row "data file claiming 10^18 atoms" atom eval huge_atoms.data --potential "$pot"
lmp huge_types.data 's/^2 atom types/100000000000 atom types/'
row "data file claiming 10^11 atom types" atom eval huge_types.data --potential "$pot"
lmp neg_atoms.data 's/^12 atoms/-5 atoms/'
row "negative atom count" atom eval neg_atoms.data --potential "$pot"
lmp bad_box.data 's/^0 6.5 xlo xhi/6.5 0 xlo xhi/'
row "xhi < xlo" atom eval bad_box.data --potential "$pot"
lmp nan_x.data 's/^1 2 5.9862629717654325/1 2 nan/'
row "NaN coordinate" atom eval nan_x.data --potential "$pot"
lmp bad_type.data 's/^1 2 5.98/1 7 5.98/'
row "atom type beyond the header's count" atom eval bad_type.data --potential "$pot"
lmp dup_id.data 's/^2 1 2.912/1 1 2.912/'
row "atom id twice" atom eval dup_id.data --potential "$pot"
lmp six_fields.data 's/^1 2 (.*)$/1 2 \1 0/'
row "Atoms line with 6 fields" atom eval six_fields.data --potential "$pot"
lmp bonds.data 's/^2 atom types/2 atom types\n3 bonds/'
row "data file with bonds" atom eval bonds.data --potential "$pot"
lmp no_mass.data '/^2 91.224/d'
row "Masses section missing a type" atom eval no_mass.data --potential "$pot"
lmp short.data '$d'
row "fewer Atoms lines than the header says" atom eval short.data --potential "$pot"
lmp charge.data 's/^Atoms # atomic/Atoms # charge/'
row "Atoms section of another atom_style" atom eval charge.data --potential "$pot"
row "a directory as data file" atom eval . --potential "$pot"
lmp thin_box.data 's/^0 6.0 zlo zhi/0 0.001 zlo zhi/; s/^1.2 -0.8 0.9 xy xz yz/0 0 0 xy xz yz/'
row "box 0.001 Å thin (10^5+ images per atom)" atom eval thin_box.data --potential "$pot"
lmp tiny_box.data 's/^0 6.5 xlo xhi/0 1e-200 xlo xhi/; s/^0 7.0 ylo yhi/0 1e-200 ylo yhi/; s/^0 6.0 zlo zhi/0 1e-200 zlo zhi/; s/^1.2 -0.8 0.9 xy xz yz/0 0 0 xy xz yz/'
row "box edges of 1e-200 Å (volume underflows)" atom eval tiny_box.data --potential "$pot"

exit "$status"
