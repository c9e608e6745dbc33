#!/usr/bin/env python3
"""Markdown tables of the field snapshots a sweep has written so far, finished runs or not.

    snapshot_report.py SWEEP_DIR [--ep 0.02] [--out FILE]

`stzkmc sweep --tables-only` aggregates finished runs only. A long run writes its snapshot
at the metrics plastic strain (`snapshots/ep_0.0200/`) well before it ends, and a snapshot
is final once written, so the microstructure can be compared before the last run finishes.
This script reads every `cases/<group>/seed_<S>/snapshots/ep_<EP>/` under SWEEP_DIR and
prints, per group, one row per seed and a row of mean +- standard error over the seeds
found (the standard error as in the sweep tables: sample standard deviation / sqrt(n)):

  finished               whether the run has its summary.yaml (has reached its end)
  plastic strain (%)     where the snapshot was taken (the first step past EP)
  stress (GPa)           applied-direction stress there
  extreme sites          voxels with von Mises strain above the threshold (metrics.yaml)
  localization index     standard deviation of the voxel von Mises strain (metrics.yaml)
  E_v 99th pct           99th percentile of vm_strain.npy, nearest rank on the sorted
                         values (the same definition as the sweep's vm_strain_p99)
  transformed voxels     voxels that transformed at least once (generation >= 1)
  per transformed voxel  transformations per transformed voxel, from generation.npy:
                         mean, median and maximum over the voxels with generation >= 1
  ΔQ/Q                   AEBS shift (metrics.yaml aebs_shift)

Seeds whose case folder exists but has no snapshot at EP yet are listed as "not yet".
Needs numpy. Writes to stdout, or to FILE (through a temporary file and a rename).
Exits with 2 and a message naming the file on unreadable input.
"""
import argparse
import math
import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import atomic_write  # noqa: E402


def fail(message):
    sys.stderr.write(f"snapshot_report.py: {message}\n")
    sys.exit(2)


def snapshot_name(ep):
    """Folder name of the snapshot at plastic strain `ep`, as the program writes it."""
    return f"ep_{ep:.4f}"


def read_metrics(path):
    """The `key: value` lines of a snapshot's metrics.yaml (comments dropped) as floats."""
    values = {}
    try:
        with open(path) as f:
            lines = f.readlines()
    except OSError as e:
        fail(f"{path}: cannot read: {e.strerror}")
    for number, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        key, sep, value = text.partition(":")
        if not sep:
            fail(f"{path}:{number}: expected 'key: value', got {line.strip()!r}")
        try:
            values[key.strip()] = float(value)
        except ValueError:
            fail(f"{path}:{number}: {key.strip()}: expected a number, got {value.strip()!r}")
    return values


def need(values, key, path):
    if key not in values:
        fail(f"{path}: no key '{key}'")
    return values[key]


def load_npy(path):
    try:
        return np.load(path)
    except (OSError, ValueError) as e:
        fail(f"{path}: cannot read as .npy: {e}")


def percentile99(values):
    """Nearest-rank 99th percentile, as src/sweep/sweep_tables.cpp computes vm_strain_p99."""
    v = np.asarray(values, dtype=np.float64).ravel()
    if v.size == 0:
        return math.nan
    k = min(v.size - 1, math.ceil(0.99 * v.size) - 1)
    return float(np.partition(v, k)[k])


def seed_row(run_dir, ep):
    """The figures of one run's snapshot at `ep`, or None if it has not been written."""
    snap = os.path.join(run_dir, "snapshots", snapshot_name(ep))
    metrics_file = os.path.join(snap, "metrics.yaml")
    if not os.path.isfile(metrics_file):
        return None
    m = read_metrics(metrics_file)
    vm = load_npy(os.path.join(snap, "vm_strain.npy"))
    gen = load_npy(os.path.join(snap, "generation.npy"))
    transformed = gen[gen >= 1]
    return {
        "finished": os.path.isfile(os.path.join(run_dir, "summary.yaml")),
        "plastic_strain": need(m, "plastic_strain", metrics_file),
        "stress_GPa": need(m, "stress_GPa", metrics_file),
        "extreme_sites": need(m, "extreme_sites", metrics_file),
        "localization_index": need(m, "localization_index", metrics_file),
        "vm_p99": percentile99(vm),
        "transformed": float(transformed.size),
        "gen_mean": float(transformed.mean()) if transformed.size else math.nan,
        "gen_median": float(np.median(transformed)) if transformed.size else math.nan,
        "gen_max": float(transformed.max()) if transformed.size else math.nan,
        "aebs_shift": need(m, "aebs_shift", metrics_file),
    }


# (key, header, format of one value); the percentages are scaled by 100.
COLUMNS = [
    ("plastic_strain", "plastic strain (%)", "{:.3f}"),
    ("stress_GPa", "stress (GPa)", "{:.3f}"),
    ("extreme_sites", "extreme sites", "{:.0f}"),
    ("localization_index", "localization index", "{:.4f}"),
    ("vm_p99", "E_v 99th pct", "{:.3f}"),
    ("transformed", "transformed voxels", "{:.0f}"),
    ("gen_mean", "per transformed voxel: mean", "{:.1f}"),
    ("gen_median", "median", "{:.1f}"),
    ("gen_max", "max", "{:.0f}"),
    ("aebs_shift", "ΔQ/Q", "{:.4f}"),
]
SCALE = {"plastic_strain": 100.0}


def mean_se(values):
    """Mean and standard error (sample standard deviation / sqrt(n)); se is nan for n < 2."""
    v = [x for x in values if math.isfinite(x)]
    if not v:
        return math.nan, math.nan
    mean = sum(v) / len(v)
    if len(v) < 2:
        return mean, math.nan
    var = sum((x - mean) ** 2 for x in v) / (len(v) - 1)
    return mean, math.sqrt(var / len(v))


def fmt(fmt_one, value):
    return "–" if not math.isfinite(value) else fmt_one.format(value)


def seed_number(name):
    m = re.fullmatch(r"seed_(\d+)", name)
    return int(m.group(1)) if m else None


def group_table(group, group_dir, ep):
    seeds = sorted(s for s in (seed_number(n) for n in os.listdir(group_dir)) if s is not None)
    head = ["seed", "finished"] + [h for _, h, _ in COLUMNS]
    lines = [f"**{group}** at {ep * 100:g} % plastic strain", "",
             "| " + " | ".join(head) + " |", "|---|---|" + "---:|" * len(COLUMNS)]
    rows = []
    for s in seeds:
        r = seed_row(os.path.join(group_dir, f"seed_{s}"), ep)
        if r is None:
            lines.append(f"| {s} | not yet |" + " |" * len(COLUMNS))
            continue
        rows.append(r)
        cells = [str(s), "yes" if r["finished"] else "no"]
        cells += [fmt(f, r[k] * SCALE.get(k, 1.0)) for k, _, f in COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    if rows:
        cells = [f"mean ± se ({len(rows)})", ""]
        for k, _, f in COLUMNS:
            mean, se = mean_se([r[k] * SCALE.get(k, 1.0) for r in rows])
            text = fmt(f, mean)
            if math.isfinite(se):
                text += " ± " + fmt(f, se)
            cells.append(text)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("sweep", help="sweep output folder (written by stzkmc sweep)")
    p.add_argument("--ep", type=float, default=0.02,
                   help="plastic strain of the snapshots (default 0.02, the sweep's metrics strain)")
    p.add_argument("--out", help="write the tables to this file instead of stdout")
    a = p.parse_args()
    if not (a.ep > 0 and math.isfinite(a.ep)):
        fail(f"--ep: expected a positive plastic strain, got {a.ep}")
    cases = os.path.join(a.sweep, "cases")
    if not os.path.isdir(cases):
        fail(f"{cases}: no such folder (is {a.sweep} a sweep's output folder?)")
    groups = sorted(g for g in os.listdir(cases) if os.path.isdir(os.path.join(cases, g)))
    if not groups:
        fail(f"{cases}: no case folders")
    text = "\n".join(group_table(g, os.path.join(cases, g), a.ep) for g in groups)
    atomic_write.write_text_or_stdout(a.out, text)


if __name__ == "__main__":
    main()
