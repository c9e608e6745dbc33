#!/usr/bin/env bash
# Regenerates the kMC table of docs/benchmarks.md: `stzkmc bench kmc` with 1 and 2 threads
# (direct against thinning, 64^2 .. 1024^2, 32^3, 64^3, peak memory), written between the
# markers <!-- bench-kmc:begin --> and <!-- bench-kmc:end -->. Takes about 10 minutes.
#   scripts/bench.sh            # all default grids
#   GRIDS="64 128" scripts/bench.sh   # a subset (quick check)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stz_build_program  # sets STZ_EXE (Release build, as scripts/run.sh)
doc="$STZ_ROOT/docs/benchmarks.md"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

grid_args=()
for g in ${GRIDS:-}; do grid_args+=(--grid "$g"); done

for t in 1 2; do
    stz_log "bench kmc with $t thread(s)"
    OMP_NUM_THREADS=$t "$STZ_EXE" --threads "$t" bench kmc "${grid_args[@]}" \
        --markdown "$tmp/kmc_$t.md" >&2
done

cpu="$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //' || echo unknown)"
{
    echo "<!-- bench-kmc:begin (written by scripts/bench.sh; do not edit by hand) -->"
    echo "Measured $(date -u +%Y-%m-%d) on \`$cpu\`, $(nproc) cores; $("$STZ_EXE" --version 2>/dev/null | head -1)."
    echo "Command: \`scripts/bench.sh\` (runs \`stzkmc --threads T bench kmc --markdown FILE\` for T = 1, 2)."
    echo
    echo "### 1 thread"
    cat "$tmp/kmc_1.md"
    echo
    echo "### 2 threads"
    cat "$tmp/kmc_2.md"
    echo "<!-- bench-kmc:end -->"
} > "$tmp/section.md"

/usr/bin/python3 - "$doc" "$tmp/section.md" <<'PY'
import sys, os
doc, section = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
b, e = "<!-- bench-kmc:begin", "<!-- bench-kmc:end -->"
if b in text and e in text:
    i = text.index(b); j = text.index(e) + len(e)
    text = text[:i] + section.rstrip("\n") + text[j:]
else:
    text = text.rstrip("\n") + "\n\n" + section
tmp = doc + ".tmp"
open(tmp, "w").write(text)
os.replace(tmp, doc)
PY
stz_log "wrote the kMC table to $doc"
