"""ctest plot_eshelby_synthetic: scripts/plot_eshelby.py on synthetic input.

Usage: plot_eshelby_synthetic.py PLOT_SCRIPT WORK_DIR

Writes the files `stzkmc eshelby` produces for a 2D and a 3D grid into WORK_DIR,
using the plane field of a circular inclusion with a uniform shear eigenstrain
(Airy stress function (D + C/r^2) sin 2theta outside, uniform shear s inside), runs
the script on them and checks the PNG; then checks that bad input exits with 2.
"""
import math
import os
import shutil
import subprocess
import sys

import numpy as np

S_GPA = -1.0   # uniform shear stress inside the inclusion
RADIUS = 6.0   # inclusion radius a, voxels
NU = 0.35      # Poisson ratio, for sigma_zz in plane strain


def polar_stress(r, theta):
    """(rr, tt, rt) in GPa; traction is continuous at r = a, sigma_tt jumps."""
    u = np.minimum((RADIUS / np.maximum(r, 1e-12)) ** 2, 1.0)
    inside = r < RADIUS
    s2, c2 = np.sin(2 * theta), np.cos(2 * theta)
    rr = np.where(inside, S_GPA * s2, S_GPA * (4 * u - 3 * u**2) * s2)
    tt = np.where(inside, -S_GPA * s2, 3 * S_GPA * u**2 * s2)
    rt = np.where(inside, S_GPA * c2, S_GPA * (3 * u**2 - 2 * u) * c2)
    return rr, tt, rt


def cartesian(rr, tt, rt, theta):
    c, s = np.cos(theta), np.sin(theta)
    xx = rr * c * c + tt * s * s - 2 * rt * s * c
    yy = rr * s * s + tt * c * c + 2 * rt * s * c
    xy = (rr - tt) * s * c + rt * (c * c - s * s)
    return xx, yy, xy


def write_run(folder, nx, ny, nz):
    os.makedirs(folder, exist_ok=True)
    y, x = np.mgrid[0:ny, 0:nx].astype(float)
    dx, dy = x - nx // 2, y - ny // 2
    r, theta = np.hypot(dx, dy), np.arctan2(dy, dx)
    xx, yy, xy = cartesian(*polar_stress(r, theta), theta)
    zz = NU * (xx + yy)
    vm = np.sqrt(0.5 * ((xx - yy) ** 2 + (yy - zz) ** 2 + (zz - xx) ** 2) + 3 * xy**2)
    for name, f in [("xx", xx), ("yy", yy), ("xy", xy), ("zz", zz), ("vm", vm)]:
        field = f if nz == 1 else np.repeat(f[None], nz, axis=0)  # (nz, ny, nx)
        np.save(os.path.join(folder, f"sigma_{name}.npy"), field.astype(np.float64))

    theta0 = math.radians(30.0)
    lines = ["r_over_a,theta_deg,sigma_rr_GPa,sigma_tt_GPa,sigma_rt_GPa,"
             "analytic_rr_GPa,analytic_tt_GPa,analytic_rt_GPa"]
    for k in range(41):
        ra = 0.1 * k
        # "numerical": the nearest voxel on the ray, like the program samples it
        i = int(round(ny // 2 + ra * RADIUS * math.sin(theta0)))
        j = int(round(nx // 2 + ra * RADIUS * math.cos(theta0)))
        rv, tv = math.hypot(j - nx // 2, i - ny // 2), theta0
        num = [float(v) for v in polar_stress(np.array(rv), tv)]
        ana = [float(v) for v in polar_stress(np.array(ra * RADIUS), theta0)]
        cells = [f"{ra:.10g}", "30"] + [f"{v:.10g}" for v in num]
        if k == 10:
            cells += ["", "", ""]        # on the boundary: no single closed-form value
        elif k == 20:
            cells += ["nan"] * 3         # the writer's spelling of a missing value
        else:
            cells += [f"{v:.10g}" for v in ana]
        lines.append(",".join(cells))
    with open(os.path.join(folder, "profile.csv"), "w") as f:
        f.write("\n".join(lines) + "\n")


def run(script, folder):
    return subprocess.run([sys.executable, script, folder], capture_output=True, text=True)


def check(cond, msg):
    if not cond:
        print("FAILED:", msg, file=sys.stderr)
        sys.exit(1)


def main():
    script, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    for name, dims in [("2d", (48, 40, 1)), ("3d", (24, 24, 8))]:
        folder = os.path.join(work, name)
        write_run(folder, *dims)
        p = run(script, folder)
        png = os.path.join(folder, "eshelby.png")
        check(p.returncode == 0, f"{name}: exit {p.returncode}: {p.stderr}")
        check(p.stdout.strip() == png, f"{name}: printed {p.stdout!r}, expected {png}")
        with open(png, "rb") as f:
            check(f.read(8) == b"\x89PNG\r\n\x1a\n", f"{name}: {png} is not a PNG")
        check(os.path.getsize(png) > 20000, f"{name}: {png} is suspiciously small")

    p = run(script, os.path.join(work, "does-not-exist"))
    check(p.returncode == 2 and "does-not-exist" in p.stderr,
          f"missing folder: exit {p.returncode}, stderr {p.stderr!r}")
    os.remove(os.path.join(work, "2d", "profile.csv"))
    p = run(script, os.path.join(work, "2d"))
    check(p.returncode == 2 and "profile.csv" in p.stderr,
          f"missing profile.csv: exit {p.returncode}, stderr {p.stderr!r}")
    print("plot_eshelby.py: 2D and 3D plots written, bad input exits with 2")


if __name__ == "__main__":
    main()
