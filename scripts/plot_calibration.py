#!/usr/bin/python3
"""Plot the figures of a calibration report folder written by `stzkmc calibrate`.

Usage: plot_calibration.py REPORT_DIR [--out-dir DIR]

Reads the CSV files of REPORT_DIR (a header row, plain decimals, `nan` for unknown, `inf`
for an open upper bound; columns selected by name, extra columns ignored). Any file may be
absent (that fit was not done): the figures whose files exist are drawn.

  aebs_windows.csv            window, strain_lo, strain_hi, count, strain_mean,
                              barrier_mean_eV (+ _lo/_hi), barrier_std_eV (+ _lo/_hi)
  aebs_histograms.csv         window, bin_lo_eV, bin_hi_eV, count, density_per_eV,
                              gaussian_density_per_eV
  softening_points.csv        window, strain_mean, eta, eta_lo, eta_hi
  softening_curve.csv         strain, eta, eta_lo, eta_hi, barrier_eV
  processing_map_points.csv   cooling_rate_K_per_s, log10_rate, barrier_mean_eV,
                              barrier_sem_eV, count
  processing_map_band.csv     log10_rate, barrier_eV (+ _lo/_hi), eta_max (+ _lo/_hi)
  processing_map_targets.csv  cooling_rate_K_per_s, log10_rate, barrier_eV (+ _lo/_hi),
                              eta_max (+ _lo/_hi)
  stz_sizes.csv               size_atoms, count, lognormal_expected
  displacement_arrhenius.csv  fictive_T_K, inv_kT_per_eV, mean_displacement_A, sem_A,
                              count, fit_mean_displacement_A

Writes into DIR (default REPORT_DIR), 150 dpi, and prints "wrote PATH" for each:

  aebs.png            barrier histogram and fitted Gaussian per strain window (AEBS files)
  softening.png       eta and the mean barrier against the local von Mises strain
                      (softening files; the window means from aebs_windows.csv)
  processing_map.png  mean barrier and eta_max against log10 cooling rate, fit, band and
                      targets (processing_map_*.csv)
  stz_size.png        STZ cluster sizes and the fitted log-normal (stz_sizes.csv)
  modes.png           ln(mean ART displacement) against 1/(k_B T_f) (displacement_arrhenius)
  calibration.png     the available main panels on one page

A missing REPORT_DIR, a folder without any of the files, or a malformed file (missing
column, value that is not a number): message on stderr, exit 2.
"""
import argparse
import csv
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter, MultipleLocator  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import atomic_write  # noqa: E402
import stzplot  # noqa: E402

# file -> (required columns, columns that must hold finite numbers, may it have no rows)
FILES = {
    "aebs_windows.csv": (
        ["window", "strain_lo", "strain_hi", "count", "strain_mean", "barrier_mean_eV",
         "barrier_mean_lo_eV", "barrier_mean_hi_eV", "barrier_std_eV", "barrier_std_lo_eV",
         "barrier_std_hi_eV"],
        ["window", "strain_lo"], False),
    "aebs_histograms.csv": (
        ["window", "bin_lo_eV", "bin_hi_eV", "count", "density_per_eV",
         "gaussian_density_per_eV"],
        ["window", "bin_lo_eV", "bin_hi_eV"], False),
    "softening_points.csv": (
        ["window", "strain_mean", "eta", "eta_lo", "eta_hi"], ["window"], False),
    "softening_curve.csv": (
        ["strain", "eta", "eta_lo", "eta_hi", "barrier_eV"], ["strain"], False),
    "processing_map_points.csv": (
        ["cooling_rate_K_per_s", "log10_rate", "barrier_mean_eV", "barrier_sem_eV", "count"],
        ["log10_rate"], False),
    "processing_map_band.csv": (
        ["log10_rate", "barrier_eV", "barrier_lo_eV", "barrier_hi_eV", "eta_max",
         "eta_max_lo", "eta_max_hi"],
        ["log10_rate"], False),
    "processing_map_targets.csv": (
        ["cooling_rate_K_per_s", "log10_rate", "barrier_eV", "barrier_lo_eV",
         "barrier_hi_eV", "eta_max", "eta_max_lo", "eta_max_hi"],
        ["log10_rate"], True),  # a report may have no target rates
    "stz_sizes.csv": (["size_atoms", "count", "lognormal_expected"], ["size_atoms"], False),
    "displacement_arrhenius.csv": (
        ["fictive_T_K", "inv_kT_per_eV", "mean_displacement_A", "sem_A", "count",
         "fit_mean_displacement_A"],
        ["inv_kT_per_eV"], False),
}
INTEGER_COLUMNS = {"window"}  # window numbers: whole numbers >= 0
DPI = 150
# Relative tolerance for recognising the fitted laws in the written curves (plain decimals).
LAW_TOLERANCE = 2e-3


# ---------------------------------------------------------------------------------------
# Input


def read_table(path, required, finite, allow_empty):
    """Columns of a numeric CSV file as float arrays, keyed by header name.

    'nan' and empty cells are NaN, 'inf' is infinity. A missing required column, a row of
    the wrong length, a cell that is not a number, or a NaN/infinite cell in a `finite`
    column is an InputError naming the file, the line and the column.
    """
    try:
        with open(path, newline="") as f:
            reader = csv.reader(f)
            rows = [(reader.line_num, row) for row in reader if any(c.strip() for c in row)]
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise stzplot.InputError(f"cannot read '{path}': {e}") from e
    if not rows:
        raise stzplot.InputError(f"'{path}' is empty (no header row)")
    header = [h.strip() for h in rows[0][1]]
    missing = [c for c in required if c not in header]
    if missing:
        raise stzplot.InputError(f"'{path}': missing column(s) {', '.join(missing)}; "
                                 f"header is {','.join(header)}")
    if len(rows) == 1 and not allow_empty:
        raise stzplot.InputError(f"'{path}' has no data rows")
    index = {name: header.index(name) for name in required}
    cols = {name: np.full(len(rows) - 1, math.nan) for name in required}
    for i, (line, row) in enumerate(rows[1:]):
        if len(row) != len(header):
            raise stzplot.InputError(f"'{path}' line {line}: {len(row)} values for "
                                     f"{len(header)} columns")
        for name, j in index.items():
            text = row[j].strip()
            if text:
                try:
                    cols[name][i] = float(text)
                except ValueError as e:
                    raise stzplot.InputError(f"'{path}' line {line}, column {name}: '{text}' "
                                             "is not a number") from e
            v = cols[name][i]
            if name in finite and not math.isfinite(v):
                raise stzplot.InputError(f"'{path}' line {line}, column {name}: expected a "
                                         f"finite number, got '{text}'")
            if name in INTEGER_COLUMNS and (v < 0 or v != math.floor(v)):
                raise stzplot.InputError(f"'{path}' line {line}, column {name}: '{text}' is "
                                         "not a whole number >= 0")
    return cols


def read_report(report_dir):
    """{file name: columns} of the report files that exist."""
    tables = {}
    for name, (required, finite, allow_empty) in FILES.items():
        path = os.path.join(report_dir, name)
        if os.path.isfile(path):
            tables[name] = read_table(path, required, finite, allow_empty)
    if not tables:
        raise stzplot.InputError(f"'{report_dir}' holds none of the calibration files "
                                 f"({', '.join(FILES)})")
    return tables


# ---------------------------------------------------------------------------------------
# Helpers


def fmt(v, digits=3):
    return f"{v:.{digits}g}" if math.isfinite(v) else "?"


def fixed(v, decimals=3):
    return f"{v:.{decimals}f}" if math.isfinite(v) else "?"


def with_interval(v, lo, hi):
    """'2.000 [1.830, 2.170]', without the brackets when a bound is unknown."""
    if math.isfinite(lo) and math.isfinite(hi):
        return f"{fixed(v)} [{fixed(lo)}, {fixed(hi)}]"
    return fixed(v)


def window_label(lo, hi):
    """'ε < 0.05', 'ε = 0.05–0.1', 'ε > 0.2' for a strain window [lo, hi)."""
    if not math.isfinite(hi):
        return f"ε > {lo:g}"
    if lo <= 0:
        return f"ε < {hi:g}"
    return f"ε = {lo:g}–{hi:g}"


def window_colours(n):
    return list(plt.get_cmap("viridis")(np.linspace(0.0, 0.85, max(n, 1))))[:n]


def interval(values, lo, hi):
    """Asymmetric error bars [[below], [above]] from interval bounds; NaN bounds -> 0."""
    below = np.where(np.isfinite(lo), values - lo, 0.0)
    above = np.where(np.isfinite(hi), hi - values, 0.0)
    return np.vstack([np.maximum(below, 0.0), np.maximum(above, 0.0)])


def errorbar(ax, x, y, lo, hi, **style):
    ok = np.isfinite(x) & np.isfinite(y)
    if not ok.any():
        return None
    return ax.errorbar(x[ok], y[ok], yerr=interval(y[ok], lo[ok], hi[ok]), capsize=3, **style)


def sorted_by(cols, key):
    order = np.argsort(cols[key], kind="stable")
    return {k: v[order] for k, v in cols.items()}


def softening_law(curve):
    """(kappa, eta_max, Q0) when the curve is eta = min(eta_max, kappa eps^2), else None."""
    eps, eta, q = curve["strain"], curve["eta"], curve["barrier_eV"]
    ok = np.isfinite(eps) & np.isfinite(eta)
    if ok.sum() < 3:
        return None
    eps, eta, q = eps[ok], eta[ok], q[ok]
    eta_max = float(eta.max())
    rising = (eps > 0) & (eta > 0) & (eta < eta_max * (1 - LAW_TOLERANCE))
    if eta_max <= 0 or not rising.any():
        return None
    kappa = float(np.median(eta[rising] / eps[rising] ** 2))
    if np.max(np.abs(np.minimum(eta_max, kappa * eps ** 2) - eta)) > LAW_TOLERANCE * eta_max:
        return None
    q0 = q * np.exp(eta)  # the barrier of the unstrained glass, Q = Q0 exp(-eta)
    q0 = q0[np.isfinite(q0)]
    return kappa, eta_max, float(np.median(q0)) if q0.size else math.nan


def processing_law(band):
    """(slope eV/decade, intercept eV, Q_sat eV or NaN) of the band's fit line, or None."""
    x, q = band["log10_rate"], band["barrier_eV"]
    ok = np.isfinite(x) & np.isfinite(q)
    if ok.sum() < 2 or np.ptp(x[ok]) == 0:
        return None
    slope, intercept = np.polyfit(x[ok], q[ok], 1)
    if np.max(np.abs(slope * x[ok] + intercept - q[ok])) > LAW_TOLERANCE * np.max(np.abs(q[ok])):
        return None
    q_sat = q / np.exp(band["eta_max"])  # eta_max = ln(Q / Q_sat)
    q_sat = q_sat[np.isfinite(q_sat) & (q_sat > 0)]
    qs = float(np.median(q_sat)) if q_sat.size else math.nan
    if q_sat.size and np.max(np.abs(q_sat - qs)) > LAW_TOLERANCE * qs:
        qs = math.nan
    return float(slope), float(intercept), qs


def split_at(x, ys, lo, hi):
    """Pieces (x, [y...], inside) of a sorted curve cut at x = lo and x = hi, the cut points
    interpolated into both neighbours, so that the pieces join without gaps."""
    pieces = []
    cuts = [c for c in (lo, hi) if x[0] < c < x[-1]]
    edges = [x[0]] + cuts + [x[-1]]
    for a, b in zip(edges[:-1], edges[1:]):
        inner = (x > a) & (x < b)
        xs = np.concatenate([[a], x[inner], [b]])
        pieces.append((xs, [np.interp(xs, x, y) for y in ys],
                       lo - 1e-12 <= 0.5 * (a + b) <= hi + 1e-12))
    return pieces


# ---------------------------------------------------------------------------------------
# AEBS


class Window:
    """One strain window: its label, statistics (from aebs_windows.csv) and histogram."""

    def __init__(self, index):
        self.index = index
        self.label = f"window {index}"
        self.count = math.nan
        self.mean = self.mean_lo = self.mean_hi = self.std = math.nan
        self.edges = self.centres = self.density = self.gaussian = None
        self.smooth = False  # draw the Gaussian from mean and std, not the bin centres


def aebs_windows(tables):
    wins = {}
    w = tables.get("aebs_windows.csv")
    if w is not None:
        for i in range(w["window"].size):
            win = wins.setdefault(int(w["window"][i]), Window(int(w["window"][i])))
            win.label = window_label(w["strain_lo"][i], w["strain_hi"][i])
            win.count = w["count"][i]
            win.mean, win.std = w["barrier_mean_eV"][i], w["barrier_std_eV"][i]
            win.mean_lo, win.mean_hi = w["barrier_mean_lo_eV"][i], w["barrier_mean_hi_eV"][i]
    h = tables.get("aebs_histograms.csv")
    if h is not None:
        bad = np.flatnonzero(h["bin_hi_eV"] <= h["bin_lo_eV"])
        if bad.size:
            raise stzplot.InputError(f"'aebs_histograms.csv' data row {bad[0] + 1}: bin_hi_eV "
                                     "is not above bin_lo_eV")
        for k in np.unique(h["window"]).astype(int):
            rows = sorted_by({c: v[h["window"] == k] for c, v in h.items()}, "bin_lo_eV")
            win = wins.setdefault(int(k), Window(int(k)))
            win.edges = np.append(rows["bin_lo_eV"], rows["bin_hi_eV"][-1])
            win.centres = 0.5 * (rows["bin_lo_eV"] + rows["bin_hi_eV"])
            win.density = np.nan_to_num(rows["density_per_eV"], nan=0.0)
            win.gaussian = rows["gaussian_density_per_eV"]
            if not math.isfinite(win.count):
                win.count = float(np.nansum(rows["count"]))
    for win in wins.values():
        if win.gaussian is not None:
            g = gaussian_curve(win, win.centres)
            ok = np.isfinite(win.gaussian)
            # The fitted Gaussian of the histogram file is the one of the window statistics:
            # draw it smooth rather than through the bin centres.
            win.smooth = bool(g is not None and ok.any() and np.max(
                np.abs(g[ok] - win.gaussian[ok])) <= LAW_TOLERANCE * np.max(g[ok]))
    return [wins[k] for k in sorted(wins)]


def gaussian_curve(win, x):
    if math.isfinite(win.mean) and math.isfinite(win.std) and win.std > 0:
        return np.exp(-0.5 * ((x - win.mean) / win.std) ** 2) / (win.std * math.sqrt(2 * math.pi))
    return None


def aebs_range(wins):
    lo, hi = [], []
    for win in wins:
        if win.edges is not None:
            lo.append(win.edges[0])
            hi.append(win.edges[-1])
        elif math.isfinite(win.mean) and math.isfinite(win.std):
            lo.append(win.mean - 4 * win.std)
            hi.append(win.mean + 4 * win.std)
    return (min(lo), max(hi)) if lo else (0.0, 1.0)


def aebs_top(wins, xgrid):
    """The largest density of the histograms and Gaussians (1 without any)."""
    top = 0.0
    for win in wins:
        if win.density is not None and win.density.size:
            top = max(top, float(np.max(win.density)))
        curve = gaussian_xy(win, xgrid)
        if curve is not None and np.isfinite(curve[1]).any():
            top = max(top, float(np.nanmax(curve[1])))
    return top if top > 0 else 1.0


def window_stats(win):
    text = f"n = {win.count:.0f}" if math.isfinite(win.count) else "n = ?"
    if math.isfinite(win.mean):
        text += f", Q = {win.mean:.3f} ± {win.std:.3f} eV"
    return text


def gaussian_xy(win, xgrid):
    """(x, density) of the window's fitted Gaussian, or None."""
    if win.gaussian is not None and np.isfinite(win.gaussian).any() and not win.smooth:
        return win.centres, win.gaussian
    g = gaussian_curve(win, xgrid)
    return (xgrid, g) if g is not None else None


def draw_aebs_window(ax, win, colour, xgrid):
    if win.edges is not None:
        ax.stairs(win.density, win.edges, fill=True, color=colour, alpha=0.45, lw=0,
                  label="histogram")
        ax.stairs(win.density, win.edges, color=colour, lw=0.8)
    curve = gaussian_xy(win, xgrid)
    if curve is not None:
        ax.plot(*curve, "-", color="k", lw=1.3, label="Gaussian fit")
    if math.isfinite(win.mean):
        label = "mean"
        if math.isfinite(win.mean_lo) and math.isfinite(win.mean_hi):
            ax.axvspan(win.mean_lo, win.mean_hi, color="C3", alpha=0.25, lw=0)
            label = "mean (band: its interval)"
        ax.axvline(win.mean, color="C3", lw=1.2, ls="--", label=label)
    if win.edges is None and curve is None:
        ax.text(0.5, 0.5, "no barriers", ha="center", va="center", transform=ax.transAxes)
    ax.set_title(f"{win.label}: {window_stats(win)}", fontsize=9)
    ax.grid(alpha=0.3)
    ax.tick_params(labelsize=8)


def plot_aebs(wins, path):
    n = len(wins)
    ncols = 1 if n <= 6 else 2
    nrows = math.ceil(n / ncols)
    fig, axs = plt.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False,
                            layout="constrained",
                            figsize=(6.5 * ncols, 1.7 * nrows + 1.0))
    lo, hi = aebs_range(wins)
    xgrid = np.linspace(lo, hi, 400)
    colours = window_colours(n)
    for k, ax in enumerate(axs.ravel(order="F")):
        if k >= n:
            ax.set_axis_off()
            continue
        draw_aebs_window(ax, wins[k], colours[k], xgrid)
        ax.set_ylabel("density (1/eV)", fontsize=8)
    for ax in axs[-1]:
        ax.set_xlabel("activation energy barrier (eV)")
    axs[0, 0].set_xlim(lo, hi)
    axs[0, 0].set_ylim(0.0, 1.05 * aebs_top(wins, xgrid))  # shared: all panels' data
    axs[0, 0].legend(fontsize=7, loc="upper right")
    fig.suptitle("activation energy barrier spectra by local von Mises strain ε")
    save(fig, path)


def draw_aebs_overlay(ax, wins):
    lo, hi = aebs_range(wins)
    xgrid = np.linspace(lo, hi, 400)
    for win, colour in zip(wins, window_colours(len(wins))):
        label = f"{win.label} ({window_stats(win)})"
        if win.edges is not None:
            ax.stairs(win.density, win.edges, color=colour, lw=0.8, alpha=0.35)
        curve = gaussian_xy(win, xgrid)
        ax.plot(*(curve if curve is not None else ([], [])), "-", color=colour, lw=1.8,
                label=label)
        if math.isfinite(win.mean):
            ax.axvline(win.mean, color=colour, lw=0.9, ls="--")
    ax.set_xlim(lo, hi)
    ax.set_ylim(bottom=0.0)
    ax.set_xlabel("activation energy barrier (eV)")
    ax.set_ylabel("density (1/eV)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="upper right")
    ax.set_title("AEBS per strain window (histogram, Gaussian fit, mean)")


# ---------------------------------------------------------------------------------------
# Softening


def draw_softening_eta(ax, tables):
    curve = tables.get("softening_curve.csv")
    points = tables.get("softening_points.csv")
    if curve is not None:
        c = sorted_by(curve, "strain")
        ok = np.isfinite(c["eta_lo"]) & np.isfinite(c["eta_hi"])
        if ok.any():
            ax.fill_between(c["strain"], c["eta_lo"], c["eta_hi"], where=ok, color="C0",
                            alpha=0.25, lw=0, label="confidence band")
        law = softening_law(c)
        label = "fit η = min(η_max, κ ε²)"
        if law is not None:
            label += f"\nκ = {law[0]:.3g}, η_max = {law[1]:.3g}"
        ax.plot(c["strain"], c["eta"], "-", color="C0", lw=1.8, label=label)
    if points is not None:
        errorbar(ax, points["strain_mean"], points["eta"], points["eta_lo"], points["eta_hi"],
                 fmt="o", color="C3", ms=6, label="windows: η = ln(Q0 / mean barrier)")
    ax.axhline(0.0, color="0.6", lw=0.8)
    ax.set_xlim(left=0.0)
    ax.set_xlabel("local von Mises strain ε")
    ax.set_ylabel("softening η")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")
    ax.set_title("softening with local strain")


def draw_softening_barrier(ax, tables):
    curve = tables.get("softening_curve.csv")
    windows = tables.get("aebs_windows.csv")
    if curve is not None and np.isfinite(curve["barrier_eV"]).any():
        c = sorted_by(curve, "strain")
        law = softening_law(c)
        label = "fit Q0 exp(-η(ε))"
        if law is not None and math.isfinite(law[2]):
            label += f", Q0 = {law[2]:.3g} eV"
        ax.plot(c["strain"], c["barrier_eV"], "-", color="C0", lw=1.8, label=label)
        if law is not None and math.isfinite(law[2]):
            q0, eta_max = law[2], law[1]
            ok = np.isfinite(c["eta_lo"]) & np.isfinite(c["eta_hi"])
            if ok.any():  # the eta band, mapped to barriers (exp(-eta) decreases)
                ax.fill_between(c["strain"], q0 * np.exp(-c["eta_hi"]),
                                q0 * np.exp(-c["eta_lo"]), where=ok, color="C0", alpha=0.25,
                                lw=0)
            ax.axhline(q0 * math.exp(-eta_max), color="0.5", lw=0.8, ls=":",
                       label=f"Q0 exp(-η_max) = {q0 * math.exp(-eta_max):.3g} eV")
    if windows is not None:
        errorbar(ax, windows["strain_mean"], windows["barrier_mean_eV"],
                 windows["barrier_mean_lo_eV"], windows["barrier_mean_hi_eV"], fmt="s",
                 color="C2", ms=6, label="window mean barrier")
    ax.set_xlim(left=0.0)
    ax.set_xlabel("local von Mises strain ε")
    ax.set_ylabel("mean barrier (eV)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper right")
    ax.set_title("mean activation barrier with local strain")


def has_barrier_panel(tables):
    curve = tables.get("softening_curve.csv")
    return "aebs_windows.csv" in tables or (
        curve is not None and np.isfinite(curve["barrier_eV"]).any())


def plot_softening(tables, path):
    two = has_barrier_panel(tables)
    fig, axs = plt.subplots(1, 2 if two else 1, squeeze=False, layout="constrained",
                            figsize=(12.0 if two else 6.5, 4.8))
    draw_softening_eta(axs[0, 0], tables)
    if two:
        draw_softening_barrier(axs[0, 1], tables)
    save(fig, path)


# ---------------------------------------------------------------------------------------
# Processing map


def data_range(tables):
    points = tables.get("processing_map_points.csv")
    if points is None:
        return None
    x = points["log10_rate"]
    return float(x.min()), float(x.max())


def draw_band(ax, band, keys, span, colour, label):
    """Fit line and band of keys = (value, lower, upper) columns: solid over the data range
    `span`, dashed with a lighter, hatched band where it is extrapolated."""
    b = sorted_by(band, "log10_rate")
    x, y, lo, hi = b["log10_rate"], b[keys[0]], b[keys[1]], b[keys[2]]
    if span is None:
        span = (x[0], x[-1])
    drawn = set()
    for xs, (ys, los, his), inside in split_at(x, [y, lo, hi], span[0], span[1]):
        ok = np.isfinite(los) & np.isfinite(his)
        if ok.any():
            what = "confidence band" if inside else "band, extrapolated"
            ax.fill_between(xs, los, his, where=ok, color=colour, lw=0,
                            alpha=0.3 if inside else 0.12, hatch=None if inside else "///",
                            label=None if what in drawn else what)
            drawn.add(what)
        what = label if inside else "extrapolation"
        ax.plot(xs, ys, "-" if inside else "--", color=colour, lw=1.8,
                label=None if what in drawn else what)
        drawn.add(what)


def draw_targets(ax, targets, key, lo_key, hi_key, annotate):
    if targets is None or targets["log10_rate"].size == 0:
        return
    errorbar(ax, targets["log10_rate"], targets[key], targets[lo_key], targets[hi_key],
             fmt="*", color="C3", ms=13, mec="k", mew=0.6, zorder=5, label="targets")
    if not annotate:
        return
    ax.autoscale_view()
    mid = 0.5 * sum(ax.get_xlim())  # labels point into the plot: right of left-half targets
    for i in range(targets["log10_rate"].size):
        x, q, e = targets["log10_rate"][i], targets["barrier_eV"][i], targets["eta_max"][i]
        if not math.isfinite(targets[key][i]):
            continue
        text = (f"$10^{{{x:g}}}$ K/s\nQ = "
                + with_interval(q, targets["barrier_lo_eV"][i], targets["barrier_hi_eV"][i])
                + " eV")
        if math.isfinite(e):
            text += "\nη_max = " + with_interval(e, targets["eta_max_lo"][i],
                                                 targets["eta_max_hi"][i])
        left = x <= mid
        ax.annotate(text, (x, targets[key][i]), xytext=(12 if left else -12, -4),
                    textcoords="offset points", fontsize=7, va="top",
                    ha="left" if left else "right",
                    bbox=dict(boxstyle="round,pad=0.25", fc="white", ec="0.6", alpha=0.85))


# Legend order of the processing-map panels: fit, band, extrapolation, data, targets.
MAP_LEGEND_ORDER = ["linear fit", "η_max", "confidence band", "extrapolation",
                    "band, extrapolated", "MD glasses", "targets"]


def finish_map_axes(ax, ylabel, title):
    """Cooling-rate ticks as powers of ten, the legend in MAP_LEGEND_ORDER."""
    lo, hi = ax.get_xlim()
    pad = 0.2  # decades beyond the outermost points and targets
    ax.set_xlim(lo - pad, hi + pad)
    step = 1.0 if hi - lo >= 2.5 else 0.5 if hi - lo >= 1.0 else 0.25
    ax.xaxis.set_major_locator(MultipleLocator(step))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"$10^{{{v:g}}}$"))
    ax.set_xlabel("cooling rate (K/s)")
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    handles, labels = ax.get_legend_handles_labels()

    def rank(label):
        return next((k for k, p in enumerate(MAP_LEGEND_ORDER) if label.startswith(p)),
                    len(MAP_LEGEND_ORDER))
    order = sorted(range(len(labels)), key=lambda k: rank(labels[k]))
    if order:
        ax.legend([handles[k] for k in order], [labels[k] for k in order], fontsize=7,
                  loc="upper right")
    ax.set_title(title)


def draw_map_barrier(ax, tables, annotate=True):
    band = tables.get("processing_map_band.csv")
    points = tables.get("processing_map_points.csv")
    span = data_range(tables)
    if band is not None:
        law = processing_law(band)
        label = "linear fit"
        if law is not None:
            label += f": {law[0]:.4g} eV/decade, {law[1]:.4g} eV at 1 K/s"
        draw_band(ax, band, ("barrier_eV", "barrier_lo_eV", "barrier_hi_eV"), span, "C0", label)
    if points is not None:
        sem = points["barrier_sem_eV"]
        known = np.isfinite(sem)
        if known.any():
            ax.errorbar(points["log10_rate"][known], points["barrier_mean_eV"][known],
                        yerr=sem[known], fmt="o", color="k", ms=6, capsize=3,
                        label="MD glasses (mean ± SEM)")
        if (~known).any():
            ax.plot(points["log10_rate"][~known], points["barrier_mean_eV"][~known], "o",
                    color="k", mfc="none", ms=6, label="MD glasses (no SEM)")
    draw_targets(ax, tables.get("processing_map_targets.csv"), "barrier_eV", "barrier_lo_eV",
                 "barrier_hi_eV", annotate)
    finish_map_axes(ax, "mean barrier Q (eV)", "processing map: mean barrier vs cooling rate")


def draw_map_eta(ax, tables):
    band = tables.get("processing_map_band.csv")
    points = tables.get("processing_map_points.csv")
    q_sat = math.nan
    if band is not None and np.isfinite(band["eta_max"]).any():
        law = processing_law(band)
        q_sat = law[2] if law is not None else math.nan
        draw_band(ax, band, ("eta_max", "eta_max_lo", "eta_max_hi"), data_range(tables), "C1",
                  "η_max = ln(Q / Q_sat)" + (f", Q_sat = {q_sat:.3g} eV"
                                             if math.isfinite(q_sat) else ""))
    if points is not None and math.isfinite(q_sat):
        q = points["barrier_mean_eV"]
        ok = np.isfinite(q) & (q > 0)
        ax.plot(points["log10_rate"][ok], np.log(q[ok] / q_sat), "o", color="k", mfc="none",
                ms=6, label="MD glasses, ln(Q / Q_sat)")
    draw_targets(ax, tables.get("processing_map_targets.csv"), "eta_max", "eta_max_lo",
                 "eta_max_hi", annotate=False)
    finish_map_axes(ax, "softening cap η_max", "softening cap vs cooling rate")


def has_eta_panel(tables):
    """Whether the band or the targets have an eta_max (none without a saturated barrier)."""
    return any(name in tables and np.isfinite(tables[name]["eta_max"]).any()
               for name in ("processing_map_band.csv", "processing_map_targets.csv"))


def plot_processing_map(tables, path):
    two = has_eta_panel(tables)
    fig, axs = plt.subplots(1, 2 if two else 1, squeeze=False, layout="constrained",
                            figsize=(13.0 if two else 6.5, 5.0))
    draw_map_barrier(axs[0, 0], tables)
    if two:
        draw_map_eta(axs[0, 1], tables)
    save(fig, path)


# ---------------------------------------------------------------------------------------
# STZ sizes and displacement modes


def draw_stz_sizes(ax, sizes):
    s = sorted_by(sizes, "size_atoms")
    n, count = s["size_atoms"], np.nan_to_num(s["count"], nan=0.0)
    ax.bar(n, count, width=1.0, color="C0", alpha=0.6, edgecolor="C0", lw=0.5,
           label="observed clusters")
    expected = s["lognormal_expected"]
    if np.isfinite(expected).any():
        ax.plot(n, expected, "-", color="C3", lw=1.8, label="log-normal fit (expected)")
    total = count.sum()
    mean = float((n * count).sum() / total) if total > 0 else math.nan
    ax.set_xlabel("STZ size (atoms)")
    ax.set_ylabel("clusters")
    ax.set_ylim(bottom=0.0)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper right")
    ax.set_title(f"STZ sizes: {total:.0f} clusters, mean {fmt(mean)} atoms")


def draw_modes(ax, modes):
    m = sorted_by(modes, "inv_kT_per_eV")
    x, d, sem = m["inv_kT_per_eV"], m["mean_displacement_A"], m["sem_A"]
    ok = np.isfinite(d) & (d > 0)
    err = np.where(np.isfinite(sem[ok]), sem[ok] / d[ok], 0.0)  # d ln d = d(d) / d
    ax.errorbar(x[ok], np.log(d[ok]), yerr=err, fmt="o", color="k", ms=6, capsize=3,
                label="mean ART displacement ± SEM")
    for xi, yi, t in zip(x[ok], np.log(d[ok]), m["fictive_T_K"][ok]):
        if math.isfinite(t):
            ax.annotate(f"{t:.0f} K", (xi, yi), xytext=(5, 6), textcoords="offset points",
                        fontsize=7, color="0.3")
    fit = m["fit_mean_displacement_A"]
    good = np.isfinite(fit) & (fit > 0)
    if good.sum() >= 2:
        e_d, ln_d0 = np.polyfit(x[good], np.log(fit[good]), 1)
        ax.plot(x[good], np.log(fit[good]), "-", color="C3", lw=1.8,
                label=f"fit d = d0 exp(e_d / k_B T_f)\nd0 = {math.exp(ln_d0):.3g} Å, "
                      f"e_d = {e_d:.3g} eV")
    ax.set_xlabel("1 / (k_B T_f) (1/eV)")
    ax.set_ylabel("ln(mean displacement / Å)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    ax.set_title("ART displacement vs fictive temperature")


def plot_single(draw, data, path, size=(6.5, 4.8)):
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    draw(ax, data)
    save(fig, path)


# ---------------------------------------------------------------------------------------


def save(fig, path):
    try:
        atomic_write.save_figure(fig, path, dpi=DPI)
    except OSError as e:
        raise stzplot.InputError(f"cannot write '{path}': {e}") from e
    finally:
        plt.close(fig)
    print(f"wrote {path}")


def plot_summary(tables, wins, report_dir, path):
    panels = []
    if wins:
        panels.append(lambda ax: draw_aebs_overlay(ax, wins))
    if "softening_points.csv" in tables or "softening_curve.csv" in tables:
        panels.append(lambda ax: draw_softening_eta(ax, tables))
    if any(f.startswith("processing_map_") for f in tables):
        panels.append(lambda ax: draw_map_barrier(ax, tables, annotate=True))
    if "stz_sizes.csv" in tables:
        panels.append(lambda ax: draw_stz_sizes(ax, tables["stz_sizes.csv"]))
    if "displacement_arrhenius.csv" in tables:
        panels.append(lambda ax: draw_modes(ax, tables["displacement_arrhenius.csv"]))
    n = len(panels)
    ncols = min(n, 3)
    nrows = math.ceil(n / ncols)
    fig, axs = plt.subplots(nrows, ncols, squeeze=False, layout="constrained",
                            figsize=(6.0 * ncols, 4.8 * nrows + 0.4))
    for k, ax in enumerate(axs.ravel()):
        if k >= n:
            ax.set_axis_off()
            continue
        panels[k](ax)
        ax.set_title(f"({chr(ord('a') + k)}) {ax.get_title()}")
    name = os.path.basename(os.path.abspath(report_dir))
    fig.suptitle(f"calibration report {name}")
    save(fig, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report_dir", metavar="REPORT_DIR",
                        help="report folder of `stzkmc calibrate`")
    parser.add_argument("--out-dir", metavar="DIR", default=None,
                        help="folder for the PNGs (default: REPORT_DIR)")
    args = parser.parse_args()
    report_dir = args.report_dir
    if not os.path.isdir(report_dir):
        raise stzplot.InputError(f"report folder '{report_dir}' does not exist or is not a "
                                 "folder")
    tables = read_report(report_dir)
    out = args.out_dir or report_dir
    try:
        os.makedirs(out, exist_ok=True)
    except OSError as e:
        raise stzplot.InputError(f"cannot make the output folder '{out}': {e}") from e

    wins = aebs_windows(tables)
    if wins:
        plot_aebs(wins, os.path.join(out, "aebs.png"))
    if "softening_points.csv" in tables or "softening_curve.csv" in tables:
        plot_softening(tables, os.path.join(out, "softening.png"))
    if any(f.startswith("processing_map_") for f in tables):
        plot_processing_map(tables, os.path.join(out, "processing_map.png"))
    if "stz_sizes.csv" in tables:
        plot_single(draw_stz_sizes, tables["stz_sizes.csv"], os.path.join(out, "stz_size.png"))
    if "displacement_arrhenius.csv" in tables:
        plot_single(draw_modes, tables["displacement_arrhenius.csv"],
                    os.path.join(out, "modes.png"))
    plot_summary(tables, wins, report_dir, os.path.join(out, "calibration.png"))
    return 0


if __name__ == "__main__":
    stzplot.run_main(main)
