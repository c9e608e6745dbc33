#!/usr/bin/python3
"""Plot the panels of 003 Figs. 4-7 for the output folder of one `stzkmc sweep`.

Usage: plot_sweep.py SWEEP_DIR [--out DIR] [--seed S] [--extreme-threshold X]

Reads SWEEP_DIR/aggregate.csv (one row per group: group, group_name, one column per sweep
axis holding the group's label, runs, then <metric>_mean and <metric>_se), cases.csv if
present (one row per finished run), sweep.yaml if present (only its `seeds:` and
`metrics_at_plastic_strain:` lines) and the run folders SWEEP_DIR/cases/<group_name>/
seed_<S>/ (stress_strain.csv; snapshots/ep_<metrics plastic strain, %.4f>/vm_strain.npy,
float64, (ny, nx) or (nz, ny, nx), and metrics.yaml). Writes into DIR (default
SWEEP_DIR/plots):

  curves.png        stress-strain curves of every group, one seed (--seed, default the first)
  maps.png          von Mises strain maps of every group at the metrics plastic strain, same
                    seed, one colour scale (3D: plane z = nz/2)
  yield.png         yield and peak stress, mean +/- standard error, against the first axis
  localization.png  extreme sites and localization index, mean +/- standard error
  distribution.png  density of the voxel von Mises strain per group, all seeds pooled
  summary.png       the five panels (a)-(e) in one figure

The x axis of yield.png and localization.png is the first sweep axis: its labels as numbers
when they all are (log scale when they span two decades or more), -ln X for labels
"-ln X" (the softening cap eta_max), else the labels in sweep order. Further axes give one
series per combination of their labels. Prints one line per group (label, runs, yield
stress, extreme sites, localization index, dQ/Q = aebs_shift), then the path of each PNG.

Missing SWEEP_DIR or aggregate.csv, or malformed input: message on stderr, exit 2. A run
without stress_strain.csv or vm_strain.npy (failed or not run) is left out with a warning.
"""
import argparse
import csv
import math
import os
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import PowerNorm  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import plot_run  # noqa: E402  (read_flat_yaml, finite, colour_bar_ticks, save)
import stzplot  # noqa: E402

# Metrics of aggregate.csv the plots and the printed lines need (<name>_mean, <name>_se).
NEEDED_METRICS = ["yield_stress_GPa", "peak_stress_GPa", "extreme_sites", "localization_index",
                  "aebs_shift"]
CURVE_COLUMNS = ["applied_strain", "stress_GPa"]
# Used when sweep.yaml is missing or does not say (every sweep of params/sweeps/ uses 0.02).
DEFAULT_METRICS_EP = 0.02
DEFAULT_EXTREME_THRESHOLD = plot_run.DEFAULT_EXTREME_THRESHOLD  # 0.7, 003 sec. 3.2.1
MAP_VMAX_MIN = plot_run.MAP_VMAX_MIN  # the same colour scale as plot_run.py's maps
LOG_SPAN = 100.0  # numeric axis labels spanning this ratio or more are drawn on a log scale
PERCENT = 100.0
# Axis-name suffixes that are units: "strain_rate_per_s" is drawn as "strain rate (1/s)".
UNIT_SUFFIXES = [("_K_per_s", "K/s"), ("_per_s", "1/s"), ("_eV", "eV"), ("_GPa", "GPa"),
                 ("_K", "K"), ("_s", "s")]
PROG = os.path.basename(sys.argv[0])


def warn(msg):
    print(f"{PROG}: warning: {msg}", file=sys.stderr)


class Group:
    """One row of aggregate.csv: name, axis labels, number of runs, metric means and SEs."""

    def __init__(self, index, name, labels, runs, stats):
        self.index, self.name, self.labels, self.runs, self.stats = index, name, labels, runs, stats

    def mean(self, metric):
        return self.stats[metric + "_mean"]

    def se(self, metric):
        return self.stats[metric + "_se"]


# ---------------------------------------------------------------------------------------
# Input


def read_table(path):
    """(header, [(line number, cells)]) of a CSV file with text cells (RFC 4180 quoting)."""
    if not os.path.isfile(path):
        raise stzplot.InputError(f"missing file '{path}'")
    try:
        with open(path, newline="") as f:
            reader = csv.reader(f)
            rows = [(reader.line_num, row) for row in reader if row]
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise stzplot.InputError(f"cannot read '{path}': {e}") from e
    if not rows:
        raise stzplot.InputError(f"'{path}' is empty")
    header = [h.strip() for h in rows[0][1]]
    for line, row in rows[1:]:
        if len(row) != len(header):
            raise stzplot.InputError(f"'{path}' line {line}: {len(row)} values for "
                                     f"{len(header)} columns")
    return header, rows[1:]


def number(path, line, text):
    """A cell as a float; 'nan' and empty cells are NaN."""
    text = text.strip()
    if not text:
        return math.nan
    try:
        return float(text)
    except ValueError as e:
        raise stzplot.InputError(f"'{path}' line {line}: '{text}' is not a number") from e


def integer(path, line, text):
    try:
        return int(text.strip())
    except ValueError as e:
        raise stzplot.InputError(f"'{path}' line {line}: '{text}' is not an integer") from e


def read_aggregate(path):
    """(axis names, [Group]) from aggregate.csv; the axis columns lie between group_name and
    runs."""
    header, rows = read_table(path)
    if header[:2] != ["group", "group_name"] or "runs" not in header:
        raise stzplot.InputError(f"'{path}': expected a header group,group_name,<axes>,runs,"
                                 f"...; got {','.join(header)}")
    at_runs = header.index("runs")
    axes = header[2:at_runs]
    needed = [f"{m}_{s}" for m in NEEDED_METRICS for s in ("mean", "se")]
    missing = [c for c in needed if c not in header[at_runs + 1:]]
    if missing:
        raise stzplot.InputError(f"'{path}': missing column(s) {', '.join(missing)}; "
                                 f"header is {','.join(header)}")
    if not rows:
        raise stzplot.InputError(f"'{path}' has no groups (no data rows)")
    groups = []
    for line, row in rows:
        stats = {name: number(path, line, row[j])
                 for j, name in enumerate(header) if j > at_runs}
        runs = number(path, line, row[at_runs])
        groups.append(Group(integer(path, line, row[0]), row[1].strip(),
                            [c.strip() for c in row[2:at_runs]],
                            int(runs) if math.isfinite(runs) else 0, stats))
    return axes, groups


def read_case_seeds(path):
    """The seeds of cases.csv in order of first appearance; [] without the file."""
    if not os.path.isfile(path):
        return []
    header, rows = read_table(path)
    if header[:4] != ["case", "group", "group_name", "seed"]:
        raise stzplot.InputError(f"'{path}': expected a header case,group,group_name,seed,...; "
                                 f"got {','.join(header)}")
    seeds = []
    for line, row in rows:
        s = integer(path, line, row[3])
        if s not in seeds:
            seeds.append(s)
    return seeds


def read_sweep_yaml(path):
    """(seeds, metrics_at_plastic_strain or None) from sweep.yaml; ([], None) without it.

    A line parser, not a YAML library: the top-level `seeds:` as a flow list `[1, 2]` or a
    block list of `- 1` lines, and the top-level number `metrics_at_plastic_strain:`.
    """
    if not os.path.isfile(path):
        return [], None
    ep = plot_run.finite(plot_run.read_flat_yaml(path), "metrics_at_plastic_strain")
    with open(path) as f:  # readable: read_flat_yaml just read it
        lines = [line.rstrip("\n") for line in f]
    seeds = []
    for i, line in enumerate(lines):
        m = re.match(r"^seeds\s*:\s*(.*?)\s*(#.*)?$", line)
        if not m:
            continue
        text = m.group(1)
        if text.startswith("[") and text.endswith("]"):
            items = [t.strip() for t in text[1:-1].split(",") if t.strip()]
        elif not text:
            items = []
            for following in lines[i + 1:]:
                item = re.match(r"^\s*-\s*(\S+)\s*(#.*)?$", following)
                if not item:
                    break
                items.append(item.group(1))
        else:
            raise stzplot.InputError(f"'{path}' line {i + 1}: cannot read the seeds '{text}'")
        try:
            seeds = [int(t.strip("'\"")) for t in items]
        except ValueError as e:
            raise stzplot.InputError(f"'{path}' line {i + 1}: seeds '{text}' are not "
                                     "integers") from e
        break
    return seeds, ep


def run_dir_of(sweep_dir, group, seed):
    return os.path.join(sweep_dir, "cases", group.name, f"seed_{seed}")


def scan_seeds(sweep_dir, groups):
    """The seeds of the run folders cases/<group>/seed_<S>, sorted: the last fallback."""
    found = set()
    for g in groups:
        folder = os.path.join(sweep_dir, "cases", g.name)
        if os.path.isdir(folder):
            for name in os.listdir(folder):
                m = re.fullmatch(r"seed_(\d+)", name)
                if m:
                    found.add(int(m.group(1)))
    return sorted(found)


def load_curve(run_dir):
    """Columns of the run's stress_strain.csv, or None (with a warning) without the file."""
    path = os.path.join(run_dir, "stress_strain.csv")
    if not os.path.isfile(path):
        warn(f"no curve for '{run_dir}': no stress_strain.csv")
        return None
    return stzplot.read_csv_columns(path, CURVE_COLUMNS)


def load_snapshot(run_dir, snap_name, quiet=False):
    """(vm_strain field, metrics.yaml dict) of a snapshot, or (None, {}) without the field."""
    folder = os.path.join(run_dir, "snapshots", snap_name)
    path = os.path.join(folder, "vm_strain.npy")
    if not os.path.isfile(path):
        if not quiet:
            warn(f"no map for '{run_dir}': no {snap_name}/vm_strain.npy")
        return None, {}
    return stzplot.load_field(path), plot_run.read_flat_yaml(os.path.join(folder, "metrics.yaml"))


# ---------------------------------------------------------------------------------------
# The sweep axis as an x axis


def parse_float(label):
    try:
        v = float(label)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def parse_minus_ln(label):
    """-ln X for a label "-ln X" or "-ln(X)" with 0 < X, else None."""
    m = re.fullmatch(r"\s*-\s*ln\s*\(?\s*([^()\s]+)\s*\)?\s*", label)
    x = parse_float(m.group(1)) if m else None
    return -math.log(x) if x is not None and x > 0 else None


def pretty_axis_name(name):
    """'strain_rate_per_s' -> 'strain rate (1/s)'."""
    for suffix, unit in UNIT_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return f"{name[:-len(suffix)].replace('_', ' ')} ({unit})"
    return name.replace("_", " ")


class XAxis:
    """Positions of the labels of one sweep axis on a plot's x axis, and how to draw it."""

    def __init__(self, name, labels):
        self.labels = list(dict.fromkeys(labels))  # distinct, in sweep order
        self.log, self.categorical = False, False
        numbers = [parse_float(s) for s in self.labels]
        etas = [parse_minus_ln(s) for s in self.labels]
        if name is None:  # no axes: the single group "base"
            self.pos = {s: 0.0 for s in self.labels}
            self.title, self.categorical = "group", True
            self.ticks = ([0.0], self.labels[:1])
        elif all(v is not None for v in numbers):
            self.pos = dict(zip(self.labels, numbers))
            self.log = min(numbers) > 0 and max(numbers) / min(numbers) >= LOG_SPAN
            self.title = pretty_axis_name(name)
            self.ticks = (numbers, self.labels) if len(numbers) <= 12 else None
        elif all(v is not None for v in etas):
            self.pos = dict(zip(self.labels, etas))
            self.title = (r"softening cap $\eta_\mathrm{max} = -\ln X$"
                          + ("" if name == "eta_max" else f" ({pretty_axis_name(name)})"))
            self.ticks = (etas, [f"{v:.3g}\n({s})" for v, s in zip(etas, self.labels)])
        else:
            self.pos = {s: float(i) for i, s in enumerate(self.labels)}
            self.title, self.categorical = pretty_axis_name(name), True
            self.ticks = (list(self.pos.values()), self.labels)

    def apply(self, ax):
        if self.log:
            ax.set_xscale("log")
        if self.ticks is not None:
            ax.set_xticks(self.ticks[0], labels=self.ticks[1])
            if self.log:
                ax.minorticks_off()
        if self.categorical:
            n = len(self.labels)
            ax.set_xlim(-0.5, n - 0.5)
        else:
            lo, hi = min(self.pos.values()), max(self.pos.values())
            if self.log:
                ax.set_xlim(lo / 10 ** 0.25, hi * 10 ** 0.25)
            else:
                pad = 0.08 * (hi - lo) if hi > lo else max(0.5, 0.1 * abs(hi))
                ax.set_xlim(lo - pad, hi + pad)
        ax.set_xlabel(self.title)


def group_legend(axes, group):
    """'name = label, name = label' ('base' without axes)."""
    if not axes:
        return group.name
    return ", ".join(f"{a} = {s}" for a, s in zip(axes, group.labels))


def series_of(axes, groups):
    """[(series legend or '', [groups])]: one series per combination of the labels of the
    axes after the first, in sweep order."""
    series = {}
    for g in groups:
        key = tuple(g.labels[1:])
        series.setdefault(key, []).append(g)
    return [(", ".join(f"{a} = {s}" for a, s in zip(axes[1:], key)), members)
            for key, members in series.items()]


def group_colours(n):
    if n <= 10:
        return [f"C{i}" for i in range(n)]
    return list(plt.get_cmap("viridis")(np.linspace(0.0, 0.9, n)))


# ---------------------------------------------------------------------------------------
# Panels: each draws on axes it is given, so that summary.png can reuse it


def draw_curves(ax, axes, groups, curves, seed, colours):
    drawn = 0
    for g, cols, colour in zip(groups, curves, colours):
        if cols is None:
            continue
        ax.plot(cols["applied_strain"] * PERCENT, cols["stress_GPa"], "-", lw=1.2, color=colour,
                label=group_legend(axes, g))
        drawn += 1
    if not drawn:
        ax.text(0.5, 0.5, f"no stress_strain.csv for seed {seed}", ha="center", va="center",
                transform=ax.transAxes)
    ax.set_xlabel("applied strain (%)")
    ax.set_ylabel("stress (GPa)")
    ax.set_xlim(left=0.0)
    ax.set_ylim(bottom=0.0)
    ax.grid(alpha=0.3)
    if drawn:
        ax.legend(fontsize=7 if drawn > 4 else 8, loc="lower right")
    ax.set_title(f"stress-strain curves, seed {seed}")


def draw_maps(fig, axes, groups, maps, seed, snap_name, vmax, threshold, title_prefix=""):
    """One map per group in a grid of `fig` (a Figure or SubFigure), one colour bar."""
    n = len(groups)
    ncols = min(n, 4)
    nrows = math.ceil(n / ncols)
    grid = fig.subplots(nrows, ncols, squeeze=False)
    norm = PowerNorm(0.5, vmin=0.0, vmax=vmax)  # sqrt scale, as plot_run.py (see there)
    im, overflow = None, False
    for k, ax in enumerate(grid.ravel()):
        if k >= n:
            ax.set_axis_off()
            continue
        g, (field, _) = groups[k], maps[k]
        label = "\n".join(f"{a} = {s}" for a, s in zip(axes, g.labels)) if axes else g.name
        if field is None:
            ax.text(0.5, 0.5, f"no {snap_name}/vm_strain.npy", ha="center", va="center",
                    fontsize=8, transform=ax.transAxes)
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_title(label, fontsize=9)
            continue
        plane = stzplot.mid_plane(field)
        ny, nx = plane.shape
        im = ax.imshow(plane, origin="lower", cmap="inferno", norm=norm,
                       extent=(-0.5, nx - 0.5, -0.5, ny - 0.5), interpolation="nearest")
        overflow = overflow or bool(np.nanmax(plane) > vmax)
        extreme = int(np.count_nonzero(field > threshold))
        where = f", z = {field.shape[0] // 2}" if field.ndim == 3 else ""
        ax.set_title(f"{label}\n{extreme} voxels > {threshold:g}{where}", fontsize=9)
        ax.set_xlabel("x (voxels)", fontsize=8)
        ax.set_ylabel("y (voxels)", fontsize=8)
        ax.tick_params(labelsize=7)
    if im is not None:
        bar = fig.colorbar(im, ax=grid.ravel().tolist(), label="von Mises strain", shrink=0.9,
                           extend="max" if overflow else "neither")
        ticks = plot_run.colour_bar_ticks(vmax, threshold)
        bar.set_ticks(ticks, labels=[f"{t:g}" for t in ticks])
        if threshold < vmax:  # where the extreme sites start
            bar.ax.axhline(threshold, color="cyan", lw=1.5, ls="--")
    ep = float(snap_name[3:])
    fig.suptitle(f"{title_prefix}von Mises strain at plastic strain {ep * PERCENT:g} %, "
                 f"seed {seed}", fontsize=11)


def errorbar_series(ax, xaxis, members, metric, shift, **style):
    """Mean +/- SE of `metric` over `members` against the first axis, sorted by x."""
    pts = sorted((xaxis.pos[g.labels[0]] if g.labels else 0.0, g.mean(metric), g.se(metric))
                 for g in members)
    x = np.array([p[0] for p in pts]) + shift
    y = np.array([p[1] for p in pts])
    e = np.array([p[2] for p in pts])
    return ax.errorbar(x, y, yerr=np.where(np.isfinite(e), e, 0.0), capsize=3, lw=1.2,
                       ms=6, **style)


def series_shift(xaxis, k, n):
    """A small sideways offset of series k of n on a categorical axis, so bars do not hide."""
    return 0.08 * (k - (n - 1) / 2) if xaxis.categorical and n > 1 else 0.0


def draw_yield(ax, axes, groups):
    xaxis = XAxis(axes[0] if axes else None, [g.labels[0] if axes else g.name for g in groups])
    series = series_of(axes, groups)
    for k, (name, members) in enumerate(series):
        suffix = f", {name}" if name else ""
        colours = (f"C{k}", f"C{k}") if len(series) > 1 else ("C0", "C3")
        shift = series_shift(xaxis, k, len(series))
        errorbar_series(ax, xaxis, members, "yield_stress_GPa", shift, fmt="o-",
                        color=colours[0], label="yield stress" + suffix)
        errorbar_series(ax, xaxis, members, "peak_stress_GPa", shift, fmt="s--", mfc="none",
                        color=colours[1], label="peak stress" + suffix)
    xaxis.apply(ax)
    ax.set_ylabel("stress (GPa)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7 if len(series) > 2 else 8)
    ax.set_title("yield and peak stress (mean ± SE)")


def draw_localization(ax, axes, groups):
    xaxis = XAxis(axes[0] if axes else None, [g.labels[0] if axes else g.name for g in groups])
    series = series_of(axes, groups)
    twin = ax.twinx()
    for k, (name, members) in enumerate(series):
        suffix = f", {name}" if name else ""
        colours = (f"C{k}", f"C{k}") if len(series) > 1 else ("C0", "C3")
        shift = series_shift(xaxis, k, len(series))
        errorbar_series(ax, xaxis, members, "extreme_sites", shift, fmt="o-", color=colours[0],
                        label="extreme sites" + suffix)
        errorbar_series(twin, xaxis, members, "localization_index", shift, fmt="s--",
                        mfc="none", color=colours[1], label="localization index" + suffix)
    xaxis.apply(ax)
    ax.set_ylabel("extreme sites (voxels)")
    twin.set_ylabel("localization index (std of the von Mises strain)")
    if len(series) == 1:
        ax.yaxis.label.set_color("C0")
        twin.yaxis.label.set_color("C3")
    # Counts: whole numbers on the axis, which spans at least 0..1 when no site is extreme.
    # The legend goes on top, above the data of both y axes ("best" sees one axis only).
    room = 1.0 - min(0.6, 0.05 + 0.06 * 2 * len(series))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(bottom=0.0, top=max(1.0, ax.get_ylim()[1]) / room)
    twin.set_ylim(bottom=0.0, top=twin.get_ylim()[1] / room)
    ax.grid(alpha=0.3)
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = twin.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, fontsize=7 if len(series) > 2 else 8, loc="upper center",
              ncol=2 if len(series) > 1 else 1)
    ax.set_title("strain localization (mean ± SE)")


def draw_distribution(ax, axes, groups, pooled, threshold, colours, pooled_what):
    present = [(g, v, c) for g, v, c in zip(groups, pooled, colours) if v is not None and v.size]
    if not present:
        ax.text(0.5, 0.5, "no vm_strain.npy", ha="center", va="center", transform=ax.transAxes)
        ax.set_title("distribution of the voxel von Mises strain")
        return
    top = max(float(v.max()) for _, v, _ in present)
    edges = np.linspace(0.0, max(top, 1.2 * threshold), 101)
    # Empty bins are drawn at `floor`, half the density of one voxel in a bin (as plot_run.py).
    voxels = max(v.size for _, v, _ in present)
    floor = 0.5 / (voxels * (edges[1] - edges[0]))
    series = [(values, colour, group_legend(axes, g)) for g, values, colour in present]
    stzplot.draw_strain_distribution(ax, series, edges, floor, threshold,
                                     legend_size=7 if len(present) > 3 else 8)
    ax.set_title(f"distribution of the voxel von Mises strain, {pooled_what}")


# ---------------------------------------------------------------------------------------


def fmt_mean_se(g, metric, digits=4):
    m, s = g.mean(metric), g.se(metric)
    return f"{m:.{digits}g} +/- {s:.2g}" if math.isfinite(s) else f"{m:.{digits}g}"


def summary_line(axes, g):
    return (f"{g.name} [{group_legend(axes, g)}]: runs {g.runs}, "
            f"yield {fmt_mean_se(g, 'yield_stress_GPa')} GPa, "
            f"extreme sites {fmt_mean_se(g, 'extreme_sites')}, "
            f"localization index {fmt_mean_se(g, 'localization_index')}, "
            f"dQ/Q {g.mean('aebs_shift'):.4g}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sweep_dir", metavar="SWEEP_DIR", help="output folder of `stzkmc sweep`")
    parser.add_argument("--out", metavar="DIR", default=None,
                        help="folder for the PNGs (default: SWEEP_DIR/plots)")
    parser.add_argument("--seed", type=int, default=None,
                        help="seed of the curves and maps (default: the first of sweep.yaml)")
    parser.add_argument("--extreme-threshold", type=float, default=None,
                        help="von Mises strain above which a voxel is extreme (default: "
                             "metrics.yaml's extreme_strain_threshold, else "
                             f"{DEFAULT_EXTREME_THRESHOLD})")
    args = parser.parse_args()
    sweep_dir = args.sweep_dir
    if not os.path.isdir(sweep_dir):
        raise stzplot.InputError(f"sweep folder '{sweep_dir}' does not exist or is not a folder")

    axes, groups = read_aggregate(os.path.join(sweep_dir, "aggregate.csv"))
    if any(len(g.labels) != len(axes) for g in groups):  # read_table checked the row lengths
        raise stzplot.InputError(f"'{os.path.join(sweep_dir, 'aggregate.csv')}': bad axes")
    seeds, metrics_ep = read_sweep_yaml(os.path.join(sweep_dir, "sweep.yaml"))
    seeds = (seeds or read_case_seeds(os.path.join(sweep_dir, "cases.csv"))
             or scan_seeds(sweep_dir, groups))
    if metrics_ep is None:
        metrics_ep = DEFAULT_METRICS_EP
        warn(f"no metrics_at_plastic_strain in '{os.path.join(sweep_dir, 'sweep.yaml')}': "
             f"using {metrics_ep:g}")
    snap_name = f"ep_{metrics_ep:.4f}"
    if args.seed is not None and seeds and args.seed not in seeds:
        raise stzplot.InputError(f"seed {args.seed} is not a seed of the sweep in '{sweep_dir}' "
                                 f"({', '.join(map(str, seeds))})")
    seed = args.seed if args.seed is not None else (seeds[0] if seeds else None)
    if seed is None:
        raise stzplot.InputError(f"'{sweep_dir}': no seeds (no sweep.yaml, cases.csv or "
                                 "cases/<group>/seed_<S> folders)")

    for g in groups:
        print(summary_line(axes, g))

    out = args.out or os.path.join(sweep_dir, "plots")
    try:
        os.makedirs(out, exist_ok=True)
    except OSError as e:
        raise stzplot.InputError(f"cannot make the output folder '{out}': {e}") from e

    curves = [load_curve(run_dir_of(sweep_dir, g, seed)) for g in groups]
    maps = [load_snapshot(run_dir_of(sweep_dir, g, seed), snap_name) for g in groups]
    # All seeds of each group, pooled, for the distribution (the chosen seed's map reused).
    pooled = []
    for g, (field, _) in zip(groups, maps):
        values = [field[np.isfinite(field)].ravel()] if field is not None else []
        for s in seeds:
            if s != seed:
                f, _ = load_snapshot(run_dir_of(sweep_dir, g, s), snap_name, quiet=True)
                if f is not None:
                    values.append(f[np.isfinite(f)].ravel())
        pooled.append(np.concatenate(values) if values else None)
    pooled_what = f"{len(seeds)} seeds pooled" if len(seeds) > 1 else f"seed {seed}"

    threshold = args.extreme_threshold
    if threshold is None:
        from_files = [plot_run.finite(m, "extreme_strain_threshold") for _, m in maps]
        threshold = next((t for t in from_files if t is not None), DEFAULT_EXTREME_THRESHOLD)
    fields = [f for f, _ in maps if f is not None]
    # One colour scale for all maps, as plot_run.py: 0 to at least 1 (the threshold inside),
    # raised to the 99.9th percentile of the most strained map.
    p999 = max((float(np.nanpercentile(f, 99.9)) for f in fields), default=0.0)
    vmax = max(MAP_VMAX_MIN, 1.05 * threshold, p999)
    colours = group_colours(len(groups))

    fig, ax = plt.subplots(figsize=(7.5, 5.0), layout="constrained")
    draw_curves(ax, axes, groups, curves, seed, colours)
    plot_run.save(fig, os.path.join(out, "curves.png"))

    ncols = min(len(groups), 4)
    nrows = math.ceil(len(groups) / ncols)
    fig = plt.figure(figsize=(3.2 * ncols + 1.3, 3.3 * nrows + 0.6), layout="constrained")
    draw_maps(fig, axes, groups, maps, seed, snap_name, vmax, threshold)
    plot_run.save(fig, os.path.join(out, "maps.png"))

    fig, ax = plt.subplots(figsize=(7.0, 5.0), layout="constrained")
    draw_yield(ax, axes, groups)
    plot_run.save(fig, os.path.join(out, "yield.png"))

    fig, ax = plt.subplots(figsize=(7.5, 5.0), layout="constrained")
    draw_localization(ax, axes, groups)
    plot_run.save(fig, os.path.join(out, "localization.png"))

    fig, ax = plt.subplots(figsize=(7.5, 5.0), layout="constrained")
    draw_distribution(ax, axes, groups, pooled, threshold, colours, pooled_what)
    plot_run.save(fig, os.path.join(out, "distribution.png"))

    # (a) curves and (b) maps on top, (c) yield, (d) localization, (e) distribution below.
    fig = plt.figure(figsize=(20.0, 5.2 + 3.0 * nrows), layout="constrained")
    top, bottom = fig.subfigures(2, 1, height_ratios=[1.0 + 0.5 * (nrows - 1), 1.0])
    left, right = top.subfigures(1, 2, width_ratios=[1.0, max(0.8, 0.5 * ncols)])
    ax = left.subplots()
    draw_curves(ax, axes, groups, curves, seed, colours)
    ax.set_title("(a) " + ax.get_title())
    draw_maps(right, axes, groups, maps, seed, snap_name, vmax, threshold, title_prefix="(b) ")
    ax_c, ax_d, ax_e = bottom.subplots(1, 3)
    draw_yield(ax_c, axes, groups)
    ax_c.set_title("(c) " + ax_c.get_title())
    draw_localization(ax_d, axes, groups)
    ax_d.set_title("(d) " + ax_d.get_title())
    draw_distribution(ax_e, axes, groups, pooled, threshold, colours, pooled_what)
    ax_e.set_title("(e) " + ax_e.get_title())
    name = os.path.basename(os.path.abspath(sweep_dir))
    fig.suptitle(f"sweep {name}: {len(groups)} groups, seeds "
                 f"{', '.join(map(str, seeds))}, metrics at plastic strain "
                 f"{metrics_ep * PERCENT:g} %")
    plot_run.save(fig, os.path.join(out, "summary.png"))


if __name__ == "__main__":
    stzplot.run_main(main)
