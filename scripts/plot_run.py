#!/usr/bin/python3
"""Plot the stress-strain curve and the strain snapshots of a `stzkmc run` folder.

Usage: plot_run.py [--extreme-threshold X] RUN_DIR

Reads RUN_DIR/stress_strain.csv (columns selected by name: applied_strain, stress_GPa,
plastic_strain; thermal_events and athermal_events if present), RUN_DIR/summary.yaml if
present (flat `key: number` lines: yield_stress_GPa, yield_strain, peak_stress_GPa,
peak_strain, flow_stress_GPa; strains as fractions, like the CSV) and every snapshot
folder RUN_DIR/snapshots/ep_<plastic strain>/ (vm_strain.npy, float64, (ny, nx) or
(nz, ny, nx); metrics.yaml if present). Writes into RUN_DIR and prints, one per line:

  stress_strain.png              stress and plastic strain against applied strain
  strain_map_ep<value>.png       von Mises strain map of each snapshot (3D: plane z = nz/2)
  strain_distribution.png        density of the voxel von Mises strain, all snapshots

Missing RUN_DIR or stress_strain.csv, or malformed input: message on stderr, exit 2.
A snapshot folder without vm_strain.npy (still being written) is skipped with a warning.
"""
import argparse
import math
import os
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import PowerNorm  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import atomic_write  # noqa: E402
import stzplot  # noqa: E402

CURVE_COLUMNS = ["applied_strain", "stress_GPa", "plastic_strain"]
EVENT_COLUMNS = ["thermal_events", "athermal_events"]
# Extreme-site threshold on the von Mises strain (output.extreme_strain_threshold, default
# 0.7, after 003 sec. 3.2.1); metrics.yaml's extreme_strain_threshold overrides it.
DEFAULT_EXTREME_THRESHOLD = 0.7
# Offset of the yield construction: summary.yaml's yield point lies on the line
# sigma = E' (eps - YIELD_OFFSET), which is drawn through it.
YIELD_OFFSET = 0.002
# Colour scale of the strain maps: [0, max(MAP_VMAX_MIN, 99.9th percentile)], see main().
MAP_VMAX_MIN = 1.0
PERCENT = 100.0

_YAML_SPECIAL = {".nan": math.nan, ".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf}


def read_flat_yaml(path):
    """The top-level `key: number` lines of a YAML file as a dict of floats.

    A tiny parser instead of PyYAML (not a dependency): indented (nested) lines, lists,
    comments and values that are not numbers are ignored. A missing file gives {}.
    """
    values = {}
    if not os.path.isfile(path):
        return values
    try:
        with open(path) as f:
            lines = f.readlines()
    except (OSError, UnicodeDecodeError) as e:
        raise stzplot.InputError(f"cannot read '{path}': {e}") from e
    for line in lines:
        if not line[:1].isalpha() and line[:1] != "_":
            continue  # indented, comment, document marker or list item
        m = re.match(r"^([A-Za-z_][\w.-]*)\s*:\s*(.*?)\s*(#.*)?$", line.rstrip("\n"))
        if not m:
            continue
        key, text = m.group(1), m.group(2).strip("'\"")
        if text.lower() in _YAML_SPECIAL:
            values[key] = _YAML_SPECIAL[text.lower()]
            continue
        try:
            values[key] = float(text)
        except ValueError:
            pass
    return values


def finite(d, key):
    """d[key] if it is there and finite, else None."""
    v = d.get(key)
    return v if v is not None and math.isfinite(v) else None


def find_snapshots(run_dir):
    """[(value text, value, folder)] of RUN_DIR/snapshots/ep_<value>, by increasing value."""
    root = os.path.join(run_dir, "snapshots")
    if not os.path.isdir(root):
        return []
    found = []
    for name in os.listdir(root):
        folder = os.path.join(root, name)
        m = re.fullmatch(r"ep_(.+)", name)
        if not m or not os.path.isdir(folder):
            continue
        try:
            value = float(m.group(1))
        except ValueError:
            continue
        if not os.path.isfile(os.path.join(folder, "vm_strain.npy")):
            print(f"{os.path.basename(sys.argv[0])}: warning: skipping '{folder}': "
                  "no vm_strain.npy", file=sys.stderr)
            continue
        found.append((m.group(1), value, folder))
    return sorted(found, key=lambda s: s[1])


def save(fig, path):
    try:
        atomic_write.save_figure(fig, path, dpi=120)
    except OSError as e:
        raise stzplot.InputError(f"cannot write '{path}': {e}") from e
    finally:
        plt.close(fig)
    print(path)


def plot_curve(run_dir, name):
    cols = stzplot.read_csv_columns(os.path.join(run_dir, "stress_strain.csv"), CURVE_COLUMNS)
    eps = cols["applied_strain"]
    if eps.size == 0:
        raise stzplot.InputError(f"'{os.path.join(run_dir, 'stress_strain.csv')}' has no data rows")
    summary = read_flat_yaml(os.path.join(run_dir, "summary.yaml"))

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(7.5, 7.5), sharex=True, layout="constrained",
                                      gridspec_kw={"height_ratios": [3, 2]})
    top.plot(eps * PERCENT, cols["stress_GPa"], "-", color="C0", lw=1.2, label="stress")

    ys, ye = finite(summary, "yield_stress_GPa"), finite(summary, "yield_strain")
    if ys is not None and ye is not None:
        if ye > YIELD_OFFSET:  # the offset line through (offset, 0) and the yield point
            e_line = np.array([YIELD_OFFSET, ye + 0.25 * (ye - YIELD_OFFSET)])
            top.plot(e_line * PERCENT, ys * (e_line - YIELD_OFFSET) / (ye - YIELD_OFFSET), "--",
                     color="0.5", lw=1, label=f"{YIELD_OFFSET * PERCENT:g} % offset line")
        top.plot(ye * PERCENT, ys, "o", color="C3", ms=7, mfc="none", mew=1.8,
                 label=f"yield {ys:.3g} GPa at {ye * PERCENT:.3g} %")
    ps, pe = finite(summary, "peak_stress_GPa"), finite(summary, "peak_strain")
    if ps is not None and pe is not None:
        top.plot(pe * PERCENT, ps, "v", color="C2", ms=8,
                 label=f"peak {ps:.3g} GPa at {pe * PERCENT:.3g} %")
    fs = finite(summary, "flow_stress_GPa")
    if fs is not None:
        top.axhline(fs, color="C1", ls=":", lw=1.2, label=f"flow stress {fs:.3g} GPa")
    top.set_ylabel("stress (GPa)")
    top.set_ylim(bottom=min(0.0, float(np.nanmin(cols["stress_GPa"]))))
    top.grid(alpha=0.3)
    top.legend(fontsize=8, loc="lower right")
    top.set_title(f"{name}: stress-strain curve")

    bottom.plot(eps * PERCENT, cols["plastic_strain"] * PERCENT, "-", color="C4", lw=1.2,
                label="plastic strain")
    bottom.set_xlabel("applied strain (%)")
    bottom.set_ylabel("plastic strain (%)")
    bottom.set_xlim(left=0.0)
    bottom.set_ylim(bottom=min(0.0, float(np.nanmin(cols["plastic_strain"])) * PERCENT))
    bottom.grid(alpha=0.3)
    handles, labels = bottom.get_legend_handles_labels()
    events = [c for c in EVENT_COLUMNS if c in cols and np.isfinite(cols[c]).any()]
    if events:  # the CSV's event counts on a twin axis, as written
        twin = bottom.twinx()
        for c, style, colour in zip(events, ["-.", ":"], ["C3", "C2"]):
            twin.plot(eps * PERCENT, cols[c], style, color=colour, lw=1.2,
                      label=c.replace("_", " "))
        twin.set_ylabel("events")
        twin.set_ylim(bottom=0.0)
        h2, l2 = twin.get_legend_handles_labels()
        handles, labels = handles + h2, labels + l2
    bottom.legend(handles, labels, fontsize=8, loc="upper left")
    save(fig, os.path.join(run_dir, "stress_strain.png"))


def snapshot_title(name, value_text, where, metrics):
    parts = []
    ep = finite(metrics, "plastic_strain")
    if ep is not None:
        parts.append(f"plastic strain {ep * PERCENT:.3g} %")
    ex = finite(metrics, "extreme_sites")
    if ex is not None:
        parts.append(f"extreme sites {ex:.0f}")
    li = finite(metrics, "localization_index")
    if li is not None:
        parts.append(f"localization index {li:.3g}")
    return f"{name}: snapshot ep_{value_text}{where}" + ("\n" + ", ".join(parts) if parts else "")


def colour_bar_ticks(vmax, threshold):
    """Round ticks for the sqrt colour scale, the threshold among them, none crowded."""
    nice = [0.0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 7.0, 10.0, 15.0,
            20.0, 30.0, 50.0, 70.0, 100.0]
    position = lambda t: math.sqrt(t / vmax)  # noqa: E731 (where t sits on the bar, 0..1)
    kept = [threshold] if 0.0 < threshold < vmax else []
    for t in nice:
        if t <= vmax and all(abs(position(t) - position(k)) > 0.07 for k in kept):
            kept.append(t)
    return sorted(kept)


def plot_map(run_dir, name, snap, field, metrics, vmax, threshold):
    value_text, _, _ = snap
    plane = stzplot.mid_plane(field)
    ny, nx = plane.shape
    fig, ax = plt.subplots(figsize=(7.0, 6.0 * ny / max(nx, ny) + 1.2), layout="constrained")
    im = ax.imshow(plane, origin="lower", cmap="inferno", norm=PowerNorm(0.5, vmin=0.0, vmax=vmax),
                   extent=(-0.5, nx - 0.5, -0.5, ny - 0.5), interpolation="nearest")
    where = f", plane z = {field.shape[0] // 2} of {field.shape[0]}" if field.ndim == 3 else ""
    ax.set_title(snapshot_title(name, value_text, where, metrics), fontsize=10)
    ax.set_xlabel("x (voxels)")
    ax.set_ylabel("y (voxels)")
    extend = "max" if np.nanmax(plane) > vmax else "neither"
    bar = fig.colorbar(im, ax=ax, label="von Mises strain", shrink=0.9, extend=extend)
    ticks = colour_bar_ticks(vmax, threshold)
    bar.set_ticks(ticks, labels=[f"{t:g}" for t in ticks])
    if threshold < vmax:  # where the extreme sites start
        bar.ax.axhline(threshold, color="cyan", lw=1.5, ls="--")
    save(fig, os.path.join(run_dir, f"strain_map_ep{value_text}.png"))


def plot_distribution(run_dir, name, snaps, fields, threshold):
    top = max(float(np.nanmax(f)) for f in fields)
    edges = np.linspace(0.0, max(top, 1.2 * threshold), 101)
    # Empty bins are drawn at `floor`, the bottom of the axis, half the density of one voxel
    # in a bin: the curve drops to the axis instead of breaking up on the log scale.
    voxels = max(np.count_nonzero(np.isfinite(f)) for f in fields)
    floor = 0.5 / (voxels * (edges[1] - edges[0]))
    fig, ax = plt.subplots(figsize=(7.5, 5.0), layout="constrained")
    colours = plt.get_cmap("viridis")(np.linspace(0.0, 0.85, len(snaps)))
    series = [(field[np.isfinite(field)].ravel(), colour, f"ep_{value_text}")
              for (value_text, _, _), field, colour in zip(snaps, fields, colours)]
    stzplot.draw_strain_distribution(ax, series, edges, floor, threshold)
    ax.set_title(f"{name}: distribution of the voxel von Mises strain")
    save(fig, os.path.join(run_dir, "strain_distribution.png"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run_dir", metavar="RUN_DIR", help="output folder of `stzkmc run`")
    parser.add_argument("--extreme-threshold", type=float, default=None,
                        help="von Mises strain above which a voxel is extreme (default: "
                             "metrics.yaml's extreme_strain_threshold, else "
                             f"{DEFAULT_EXTREME_THRESHOLD})")
    args = parser.parse_args()
    run_dir = stzplot.require_dir(args.run_dir)
    name = os.path.basename(os.path.abspath(run_dir))

    plot_curve(run_dir, name)

    snaps = find_snapshots(run_dir)
    if not snaps:
        return
    fields = [stzplot.load_field(os.path.join(s[2], "vm_strain.npy")) for s in snaps]
    metrics = [read_flat_yaml(os.path.join(s[2], "metrics.yaml")) for s in snaps]
    threshold = args.extreme_threshold
    if threshold is None:
        from_files = [finite(m, "extreme_strain_threshold") for m in metrics]
        threshold = next((t for t in from_files if t is not None), DEFAULT_EXTREME_THRESHOLD)
    # One colour scale for every map of the run, so that a colour means the same strain in
    # every snapshot and a band can be followed as it forms: from 0 to at least 1 (the
    # extreme threshold sits inside), raised to the 99.9th percentile of the most strained
    # snapshot when strains run higher; the few voxels above saturate (the colour bar then
    # ends in an arrow) instead of compressing the rest. The colours follow sqrt(strain):
    # the field spans two decades (elastic ~0.02, STZ sites ~0.1-0.3, bands > 1), so a
    # linear scale hides the first STZ activity, and a log scale (undefined at 0) would
    # dwell on the elastic noise.
    p999 = max(float(np.nanpercentile(f, 99.9)) for f in fields)
    vmax = max(MAP_VMAX_MIN, 1.05 * threshold, p999)
    for snap, field, m in zip(snaps, fields, metrics):
        plot_map(run_dir, name, snap, field, m, vmax, threshold)
    plot_distribution(run_dir, name, snaps, fields, threshold)


if __name__ == "__main__":
    stzplot.run_main(main)
