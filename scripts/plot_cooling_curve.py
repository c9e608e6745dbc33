#!/usr/bin/env python3
"""Cooling curve of an `stzkmc atom quench` run: potential energy and volume per atom
against temperature, coloured by stage (melt, quench, hold), with the glass transition
visible as the change of slope. Writes cooling_curve.png into the run folder.

Usage: plot_cooling_curve.py RUN_DIR [--out FILE.png]
"""
import argparse
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import atomic_write  # noqa: E402
import stzplot  # noqa: E402
from stzplot import InputError, np  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run_dir")
    ap.add_argument("--out", help="output PNG (default RUN_DIR/cooling_curve.png)")
    args = ap.parse_args()
    run = stzplot.require_dir(args.run_dir)
    path = os.path.join(run, "cooling_curve.csv")
    if not os.path.isfile(path):
        raise InputError(f"missing file '{path}'")
    needed = ["stage", "T_K", "pe_per_atom_eV", "volume_per_atom_A3"]
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        raise InputError(f"'{path}': no rows")
    missing = [c for c in needed if c not in rows[0]]
    if missing:
        raise InputError(f"'{path}': missing column(s) {', '.join(missing)}")
    try:
        cols = {k: np.array([float(r[k]) for r in rows]) for k in needed[1:]}
    except (TypeError, ValueError) as e:
        raise InputError(f"'{path}': a value is not a number ({e})") from e
    stages = np.array([r["stage"] for r in rows])
    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    colors = {"melt": "tab:red", "quench": "tab:blue", "hold": "tab:green"}
    for stage in ("melt", "quench", "hold"):
        sel = stages == stage
        if not sel.any():
            continue
        for ax, key, label in ((axes[0], "pe_per_atom_eV", "potential energy (eV/atom)"),
                               (axes[1], "volume_per_atom_A3", "volume (Å$^3$/atom)")):
            ax.plot(cols["T_K"][sel], cols[key][sel], ".", ms=2, color=colors[stage], label=stage)
            ax.set_xlabel("temperature (K)")
            ax.set_ylabel(label)
    # Frame the quench and hold: the start of the melt (a random start heating up) would
    # otherwise stretch the axes far beyond the glass transition.
    cooled = (stages == "quench") | (stages == "hold")
    if cooled.any():
        for ax, key in ((axes[0], "pe_per_atom_eV"), (axes[1], "volume_per_atom_A3")):
            t, y = cols["T_K"][cooled], cols[key][cooled]
            tpad, ypad = 0.05 * (t.max() - t.min() + 1), 0.1 * (y.max() - y.min() + 1e-9)
            ax.set_xlim(t.min() - tpad, t.max() + tpad)
            ax.set_ylim(y.min() - ypad, y.max() + ypad)
    axes[0].legend(markerscale=5)
    fig.suptitle(f"cooling curve: {os.path.basename(os.path.abspath(run))}")
    fig.tight_layout()
    out = args.out or os.path.join(run, "cooling_curve.png")
    try:
        atomic_write.save_figure(fig, out, dpi=120)
    except OSError as e:
        raise InputError(f"cannot write '{out}': {e}") from e
    print(out)


if __name__ == "__main__":
    stzplot.run_main(main)
