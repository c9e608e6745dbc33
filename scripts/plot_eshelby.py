#!/usr/bin/python3
"""Plot the stress field of `stzkmc eshelby` against Eshelby's closed form.

Usage: plot_eshelby.py RUN_DIR

Reads RUN_DIR/sigma_xx.npy, sigma_xy.npy, sigma_vm.npy (float64, shape (ny, nx) or
(nz, ny, nx), GPa) and RUN_DIR/profile.csv (a radial line in polar components,
numerical and analytic), and writes RUN_DIR/eshelby.png: maps of sigma_xx,
sigma_xy and von Mises (the mid-plane z = nz/2 in 3D) and the radial profiles.
Prints the path of the PNG. Missing or malformed input: message on stderr, exit 2.
"""
import argparse
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import atomic_write  # noqa: E402
import stzplot  # noqa: E402

PROFILE_COLUMNS = ["r_over_a", "theta_deg", "sigma_rr_GPa", "sigma_tt_GPa", "sigma_rt_GPa",
                   "analytic_rr_GPa", "analytic_tt_GPa", "analytic_rt_GPa"]
MAPS = [("sigma_xx", r"$\sigma_{xx}$", True),
        ("sigma_xy", r"$\sigma_{xy}$", True),
        ("sigma_vm", r"von Mises $\sigma_\mathrm{vM}$", False)]
COMPONENTS = [("rr", r"$\sigma_{rr}$", "o"), ("tt", r"$\sigma_{\theta\theta}$", "s"),
              ("rt", r"$\sigma_{r\theta}$", "^")]


def plot_maps(fig, axes, run_dir):
    fields = {name: stzplot.load_field(os.path.join(run_dir, name + ".npy"))
              for name, _, _ in MAPS}
    shapes = {f.shape for f in fields.values()}
    if len(shapes) != 1:
        raise stzplot.InputError(f"'{run_dir}': the stress fields differ in shape: "
                                 + ", ".join(f"{n}.npy {f.shape}" for n, f in fields.items()))
    shape = shapes.pop()
    plane = f", z = {shape[0] // 2}" if len(shape) == 3 else ""
    for ax, (name, label, diverging) in zip(axes, MAPS):
        stzplot.show_map(fig, ax, stzplot.mid_plane(fields[name]), label + plane, "GPa",
                         diverging)
    return shape


def plot_profile(ax, run_dir):
    cols = stzplot.read_csv_columns(os.path.join(run_dir, "profile.csv"), PROFILE_COLUMNS)
    r = cols["r_over_a"]
    for i, (c, label, marker) in enumerate(COMPONENTS):
        colour = f"C{i}"
        ax.plot(r, cols[f"sigma_{c}_GPa"], marker, color=colour, mfc="none", ms=5, ls="none",
                label=label + " numerical")
        analytic = cols[f"analytic_{c}_GPa"]
        if np.isfinite(analytic).any():  # NaN gaps break the line where there is no closed form
            ax.plot(r, analytic, "-", color=colour, lw=1.5, label=label + " Eshelby")
    ax.axhline(0.0, color="0.6", lw=0.8)
    ax.axvline(1.0, color="0.6", lw=0.8, ls="--")  # the inclusion boundary, r = a
    theta = cols["theta_deg"][np.isfinite(cols["theta_deg"])]
    where = f", θ = {theta[0]:g}°" if theta.size and np.all(theta == theta[0]) else ""
    ax.set_title("radial profile" + where)
    ax.set_xlabel("r / a")
    ax.set_ylabel("stress (GPa)")
    ax.legend(fontsize=8, ncol=2)
    ax.grid(alpha=0.3)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run_dir", metavar="RUN_DIR", help="output folder of `stzkmc eshelby`")
    run_dir = stzplot.require_dir(parser.parse_args().run_dir)

    fig, axes = plt.subplots(2, 2, figsize=(11, 9), layout="constrained")
    shape = plot_maps(fig, [axes[0, 0], axes[0, 1], axes[1, 0]], run_dir)
    plot_profile(axes[1, 1], run_dir)
    grid = " x ".join(str(n) for n in reversed(shape))
    fig.suptitle(f"Eshelby inclusion: {os.path.basename(os.path.abspath(run_dir))} ({grid} voxels)")

    out = os.path.join(run_dir, "eshelby.png")
    try:
        atomic_write.save_figure(fig, out, dpi=120)
    except OSError as e:
        raise stzplot.InputError(f"cannot write '{out}': {e}") from e
    print(out)


if __name__ == "__main__":
    stzplot.run_main(main)
