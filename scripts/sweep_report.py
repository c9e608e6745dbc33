#!/usr/bin/env python3
"""Markdown tables of finished sweeps, for docs/reproduction.md.

    sweep_report.py SWEEP_DIR [SWEEP_DIR ...] [--out FILE]

For each sweep folder (written by `stzkmc sweep`), one table: a row per group with the
number of runs and mean +- standard error over seeds of yield stress, strain at peak,
stress drop, extreme sites, localization index, the 99th percentile of the von Mises
strain and the AEBS shift dQ/Q (all at the sweep's metrics plastic strain). Standard
library only. Writes to stdout, or to FILE (through a temporary file and a rename).
"""
import argparse
import csv
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import atomic_write  # noqa: E402

COLUMNS = [  # (metric, header, digits)
    ("yield_stress_GPa", "yield (GPa)", 3),
    ("peak_strain", "strain at peak (%)", 2),
    ("stress_drop_GPa", "stress drop (GPa)", 3),
    ("extreme_sites", "extreme sites", 1),
    ("localization_index", "localization index", 4),
    ("vm_strain_p99", "E_v 99th pct", 3),
    ("aebs_shift", "ΔQ/Q", 4),
]


def cell(row, metric, digits):
    m, s = float(row[metric + "_mean"]), float(row[metric + "_se"])
    scale = 100.0 if metric == "peak_strain" else 1.0
    if not math.isfinite(m):
        return "–"
    text = f"{m * scale:.{digits}f}"
    if math.isfinite(s):
        text += f" ± {s * scale:.{digits}f}"
    return text


def table(sweep_dir):
    path = os.path.join(sweep_dir, "aggregate.csv")
    if not os.path.isfile(path):
        sys.exit(f"sweep_report.py: {path} is missing (has the sweep finished?)")
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        fields = reader.fieldnames
    axes = fields[fields.index("group_name") + 1:fields.index("runs")]
    lines = [f"**{os.path.basename(os.path.normpath(sweep_dir))}** (`{path}`)", ""]
    head = axes + ["runs"] + [h for _, h, _ in COLUMNS]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))
    for r in rows:
        cells = [r[a] for a in axes] + [r["runs"]] + [cell(r, m, d) for m, h, d in COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("sweeps", nargs="+", help="sweep output folders")
    p.add_argument("--out", help="write the tables to this file instead of stdout")
    a = p.parse_args()
    text = "\n".join(table(d) for d in a.sweeps)
    atomic_write.write_text_or_stdout(a.out, text)


if __name__ == "__main__":
    main()
