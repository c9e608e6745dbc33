"""Helpers shared by the stzkmc plot scripts (numpy and matplotlib only).

Input problems raise InputError; run_main() turns it into a one-line message on
stderr and exit status 2, so a batch job sees a clear failure instead of a
traceback.
"""
import csv
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")  # files only: the scripts run on cluster nodes without a display
import numpy as np  # noqa: E402


class InputError(Exception):
    """A missing or malformed input file: reported without a traceback."""


def run_main(main):
    """Calls main(); an InputError exits with status 2 and a message on stderr."""
    prog = os.path.basename(sys.argv[0])
    try:
        return main()
    except InputError as e:
        print(f"{prog}: error: {e}", file=sys.stderr)
        sys.exit(2)


def require_dir(path):
    if not os.path.isdir(path):
        raise InputError(f"run folder '{path}' does not exist or is not a folder")
    return path


def load_field(path):
    """A float64 field of shape (ny, nx) or (nz, ny, nx) from a .npy file."""
    if not os.path.isfile(path):
        raise InputError(f"missing file '{path}'")
    try:
        a = np.load(path, allow_pickle=False)
    except (OSError, ValueError) as e:
        raise InputError(f"cannot read '{path}': {e}") from e
    if a.ndim not in (2, 3):
        raise InputError(f"'{path}': expected a 2D (ny, nx) or 3D (nz, ny, nx) array, "
                         f"got shape {a.shape}")
    return np.asarray(a, dtype=np.float64)


def mid_plane(field):
    """The field itself in 2D; the plane z = nz // 2 of a 3D (nz, ny, nx) field."""
    return field if field.ndim == 2 else field[field.shape[0] // 2]


def read_csv_columns(path, required):
    """Columns of a numeric CSV file as float arrays, keyed by header name.

    Empty cells and 'nan' become NaN (a column without a value for some rows).
    Every name in `required` must be in the header; other columns are kept too.
    """
    if not os.path.isfile(path):
        raise InputError(f"missing file '{path}'")
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        raise InputError(f"'{path}' is empty")
    header = [h.strip() for h in rows[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(f"'{path}': missing column(s) {', '.join(missing)}; "
                         f"header is {','.join(header)}")
    values = np.full((len(rows) - 1, len(header)), math.nan)
    for i, row in enumerate(rows[1:]):
        if len(row) != len(header):
            raise InputError(f"'{path}' line {i + 2}: {len(row)} values for "
                             f"{len(header)} columns")
        for j, cell in enumerate(row):
            cell = cell.strip()
            if cell:
                try:
                    values[i, j] = float(cell)
                except ValueError as e:
                    raise InputError(f"'{path}' line {i + 2}: '{cell}' is not a number") from e
    return {name: values[:, j] for j, name in enumerate(header)}


def show_map(fig, ax, field, title, unit, diverging):
    """Draws a voxel map, x to the right and y up, with a colour bar in `unit`.

    diverging=True uses a blue-white-red map with limits symmetric about zero, so
    that white means zero stress and the sign reads at a glance.
    """
    ny, nx = field.shape
    finite = field[np.isfinite(field)]
    if diverging:
        m = float(np.max(np.abs(finite))) if finite.size else 1.0
        m = m if m > 0 else 1.0
        cmap, vmin, vmax = "RdBu_r", -m, m
    else:
        cmap = "viridis"
        vmin = min(0.0, float(finite.min())) if finite.size else 0.0  # scale from zero
        vmax = float(finite.max()) if finite.size else 1.0
    # Voxel centres at integer coordinates, as in the simulation's grid indices.
    im = ax.imshow(field, origin="lower", cmap=cmap, vmin=vmin, vmax=vmax,
                   extent=(-0.5, nx - 0.5, -0.5, ny - 0.5), interpolation="nearest")
    ax.set_title(title)
    ax.set_xlabel("x (voxels)")
    ax.set_ylabel("y (voxels)")
    fig.colorbar(im, ax=ax, label=unit, shrink=0.9)
    return im


def draw_strain_distribution(ax, series, edges, floor, threshold, legend_size=8):
    """Step plots of the probability density of voxel von Mises strains on a log axis, with
    the extreme-site threshold as a dashed line. `series` holds (values, colour, label)
    tuples; each label gets ": K of N > threshold" appended. Empty bins are drawn at
    `floor`, so that the tail shows on the log scale."""
    for values, colour, label in series:
        density, _ = np.histogram(values, bins=edges, density=True)
        ax.stairs(np.maximum(density, floor), edges, baseline=None, color=colour, lw=1.3,
                  label=f"{label}: {np.count_nonzero(values > threshold)} of "
                        f"{values.size} > {threshold:g}")
    ax.axvline(threshold, color="k", ls="--", lw=1,
               label=f"extreme-site threshold {threshold:g}")
    ax.set_yscale("log")
    ax.set_ylim(bottom=floor)
    ax.set_xlim(edges[0], edges[-1])
    ax.set_xlabel("voxel von Mises strain")
    ax.set_ylabel("probability density")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=legend_size, loc="upper right")
