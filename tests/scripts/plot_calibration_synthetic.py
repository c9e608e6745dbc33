"""ctest plot_calibration_synthetic: scripts/plot_calibration.py on synthetic reports.

Usage: plot_calibration_synthetic.py PLOT_SCRIPT WORK_DIR

Writes into WORK_DIR report folders laid out as `stzkmc calibrate` writes them, generated
from known parameters (Q0 = 2.0 eV, s = 0.25 eV, kappa = 52, Q_sat = 1.2 eV, strain
windows [0, 0.05, 0.1, 0.15, 0.2, inf]; processing map Q = 2.7667 - 0.1333 log10(rate) eV
with glasses at 10^7.25, 10^8, 10^9, 10^10 K/s and targets 10^5.75, 10^4.25 K/s):

  full       every file (one glass without an SEM, `nan` and `inf` cells)
  aebs_only  aebs_windows.csv and aebs_histograms.csv only, plotted with --out-dir

runs the script on each and checks the exit status, a quiet stderr, the printed "wrote
PATH" lines, that every expected PNG (and no other) exists and starts with the PNG
signature; checks the window titles and that the fitted laws are recognised in the written
curves (imports the script); then checks the errors that must exit with 2 and a message on stderr (missing
folder, a folder without calibration files, a file missing a column, a value that is not a
number).
"""
import importlib.util
import math
import os
import shutil
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_synthetic_run  # noqa: E402

PNG_SIGNATURE = make_synthetic_run.PNG_SIGNATURE
run = make_synthetic_run.run
check = make_synthetic_run.check

Q0_EV = 2.0
S_EV = 0.25
KAPPA = 52.0
Q_SAT_EV = 1.2
ETA_MAX = math.log(Q0_EV / Q_SAT_EV)
WINDOW_EDGES = [0.0, 0.05, 0.1, 0.15, 0.2, math.inf]
WINDOW_COUNTS = [1200, 900, 600, 350, 200]
MAP_SLOPE = -0.1333  # eV per decade of cooling rate
MAP_INTERCEPT = 2.7667  # eV at 1 K/s
MAP_RATES = [7.25, 8.0, 9.0, 10.0]  # log10 K/s
TARGET_RATES = [5.75, 4.25]
K_B_EV = 8.617333262e-5
Z95 = 1.96

ALL_PNGS = ["aebs.png", "softening.png", "processing_map.png", "stz_size.png", "modes.png",
            "calibration.png"]
AEBS_PNGS = ["aebs.png", "calibration.png"]


def num(v):
    """As the program writes a number: a plain decimal, nan, inf."""
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return np.format_float_positional(v, precision=8, unique=True, trim="-")


def write_csv(path, header, rows):
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(num(float(v)) for v in row) + "\n")


def eta_of(eps):
    return np.minimum(ETA_MAX, KAPPA * np.asarray(eps, dtype=float) ** 2)


def write_aebs(folder, rng):
    windows, hist, points = [], [], []
    edges = np.round(np.arange(0.4, 3.2 + 1e-9, 0.1), 6)
    for w, (lo, hi, n) in enumerate(zip(WINDOW_EDGES[:-1], WINDOW_EDGES[1:], WINDOW_COUNTS)):
        eps = rng.uniform(lo, hi if math.isfinite(hi) else 0.3, n)
        barriers = Q0_EV * np.exp(-eta_of(eps)) + rng.normal(0.0, S_EV, n)
        mean, std = float(barriers.mean()), float(barriers.std(ddof=1))
        half = Z95 * std / math.sqrt(n)
        half_s = Z95 * std / math.sqrt(2.0 * (n - 1))
        windows.append([w, lo, hi, n, eps.mean(), mean, mean - half, mean + half, std,
                        std - half_s, std + half_s])
        counts, _ = np.histogram(barriers, bins=edges)
        width = edges[1] - edges[0]
        centres = 0.5 * (edges[:-1] + edges[1:])
        gauss = np.exp(-0.5 * ((centres - mean) / std) ** 2) / (std * math.sqrt(2 * math.pi))
        for a, b, c, g in zip(edges[:-1], edges[1:], counts, gauss):
            hist.append([w, a, b, c, c / (n * width), g])
        eta = math.log(Q0_EV / mean)
        points.append([w, eps.mean(), eta, math.log(Q0_EV / (mean + half)),
                       math.log(Q0_EV / (mean - half))])
    write_csv(os.path.join(folder, "aebs_windows.csv"),
              ["window", "strain_lo", "strain_hi", "count", "strain_mean", "barrier_mean_eV",
               "barrier_mean_lo_eV", "barrier_mean_hi_eV", "barrier_std_eV",
               "barrier_std_lo_eV", "barrier_std_hi_eV"], windows)
    write_csv(os.path.join(folder, "aebs_histograms.csv"),
              ["window", "bin_lo_eV", "bin_hi_eV", "count", "density_per_eV",
               "gaussian_density_per_eV"], hist)
    return points


def write_softening(folder, points):
    write_csv(os.path.join(folder, "softening_points.csv"),
              ["window", "strain_mean", "eta", "eta_lo", "eta_hi"], points)
    strain = np.linspace(0.0, 0.3, 121)
    eta = eta_of(strain)
    rel = 0.08  # a pointwise band of +/- 8 % (kappa and eta_max uncertain)
    lo = np.minimum(ETA_MAX * (1 - rel), KAPPA * (1 - rel) * strain ** 2)
    hi = np.minimum(ETA_MAX * (1 + rel), KAPPA * (1 + rel) * strain ** 2)
    write_csv(os.path.join(folder, "softening_curve.csv"),
              ["strain", "eta", "eta_lo", "eta_hi", "barrier_eV"],
              zip(strain, eta, lo, hi, Q0_EV * np.exp(-eta)))


def map_q(x):
    return MAP_INTERCEPT + MAP_SLOPE * np.asarray(x, dtype=float)


def map_band(x, se=0.02):
    """A confidence band that widens away from the data, as a regression band does."""
    xs = np.array(MAP_RATES)
    sxx = float(((xs - xs.mean()) ** 2).sum())
    x = np.asarray(x, dtype=float)
    return Z95 * se * np.sqrt(1.0 / xs.size + (x - xs.mean()) ** 2 / sxx) * 3.0


def write_processing_map(folder, rng):
    pts = []
    for k, x in enumerate(MAP_RATES):
        sem, count = (math.nan, math.nan) if k == 0 else (0.015, 150.0 + 50 * k)
        pts.append([10.0 ** x, x, float(map_q(x)) + rng.normal(0.0, 0.01), sem, count])
    write_csv(os.path.join(folder, "processing_map_points.csv"),
              ["cooling_rate_K_per_s", "log10_rate", "barrier_mean_eV", "barrier_sem_eV",
               "count"], pts)

    def rows(xs):
        q, half = map_q(xs), map_band(xs)
        return [np.log(v / Q_SAT_EV) for v in (q, q - half, q + half)], q, half

    grid = np.linspace(4.0, 10.5, 66)
    (eta, eta_lo, eta_hi), q, half = rows(grid)
    write_csv(os.path.join(folder, "processing_map_band.csv"),
              ["log10_rate", "barrier_eV", "barrier_lo_eV", "barrier_hi_eV", "eta_max",
               "eta_max_lo", "eta_max_hi"],
              zip(grid, q, q - half, q + half, eta, eta_lo, eta_hi))
    targets = np.array(TARGET_RATES)
    (eta, eta_lo, eta_hi), q, half = rows(targets)
    write_csv(os.path.join(folder, "processing_map_targets.csv"),
              ["cooling_rate_K_per_s", "log10_rate", "barrier_eV", "barrier_lo_eV",
               "barrier_hi_eV", "eta_max", "eta_max_lo", "eta_max_hi"],
              zip(10.0 ** targets, targets, q, q - half, q + half, eta, eta_lo, eta_hi))


def write_stz_sizes(folder, rng):
    mu, sigma, n = math.log(18.0), 0.45, 600
    sizes = np.round(rng.lognormal(mu, sigma, n)).astype(int)
    sizes = sizes[sizes >= 1]
    rows = []
    for k in range(1, int(sizes.max()) + 1):
        def cdf(x):
            return 0.5 * (1.0 + math.erf((math.log(x) - mu) / (sigma * math.sqrt(2.0))))
        expected = sizes.size * (cdf(k + 0.5) - cdf(max(k - 0.5, 1e-9)))
        rows.append([k, np.count_nonzero(sizes == k), expected])
    write_csv(os.path.join(folder, "stz_sizes.csv"),
              ["size_atoms", "count", "lognormal_expected"], rows)


def write_displacements(folder, rng):
    d0, e_d = 2.5, -0.08  # A, eV: glasses quenched faster (higher T_f) move further
    rows = []
    for t in [700.0, 800.0, 900.0, 1000.0, 1150.0, 1300.0]:
        inv = 1.0 / (K_B_EV * t)
        fit = d0 * math.exp(e_d * inv)
        sem = 0.03 * fit
        rows.append([t, inv, fit * (1.0 + rng.normal(0.0, 0.03)), sem, 400, fit])
    rows[-1][3] = math.nan  # an unknown SEM
    write_csv(os.path.join(folder, "displacement_arrhenius.csv"),
              ["fictive_T_K", "inv_kT_per_eV", "mean_displacement_A", "sem_A", "count",
               "fit_mean_displacement_A"], rows)


def write_report(folder, aebs_only=False, seed=3):
    rng = np.random.default_rng(seed)
    os.makedirs(folder)
    points = write_aebs(folder, rng)
    if aebs_only:
        return
    write_softening(folder, points)
    write_processing_map(folder, rng)
    write_stz_sizes(folder, rng)
    write_displacements(folder, rng)


def check_plots(script, folder, out, pngs, label, *extra):
    p = run(script, folder, *extra)
    check(p.returncode == 0, f"{label}: exit {p.returncode}: {p.stderr}")
    check(not p.stderr.strip(), f"{label}: warnings on stderr {p.stderr!r}")
    want = [f"wrote {os.path.join(out, png)}" for png in pngs]
    check(p.stdout.splitlines() == want, f"{label}: printed {p.stdout!r}, expected {want}")
    written = sorted(f for f in os.listdir(out) if f.endswith(".png"))
    check(written == sorted(pngs), f"{label}: PNGs {written}, expected {sorted(pngs)}")
    for png in pngs:
        path = os.path.join(out, png)
        with open(path, "rb") as f:
            check(f.read(8) == PNG_SIGNATURE, f"{label}: {path} is not a PNG")
        check(os.path.getsize(path) > 10000, f"{label}: {path} is suspiciously small")
    return p


def check_helpers(script, folder):
    """Window titles and the laws recognised in the written curves (imports the script)."""
    spec = importlib.util.spec_from_file_location("plot_calibration", script)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    labels = [mod.window_label(lo, hi) for lo, hi in zip(WINDOW_EDGES[:-1], WINDOW_EDGES[1:])]
    check(labels == ["ε < 0.05", "ε = 0.05–0.1", "ε = 0.1–0.15", "ε = 0.15–0.2", "ε > 0.2"],
          f"window titles {labels}")
    tables = mod.read_report(folder)
    law = mod.softening_law(tables["softening_curve.csv"])
    check(law is not None and abs(law[0] - KAPPA) < 0.1 and abs(law[1] - ETA_MAX) < 1e-4
          and abs(law[2] - Q0_EV) < 1e-4, f"softening law {law}")
    law = mod.processing_law(tables["processing_map_band.csv"])
    check(law is not None and abs(law[0] - MAP_SLOPE) < 1e-4
          and abs(law[1] - MAP_INTERCEPT) < 1e-4 and abs(law[2] - Q_SAT_EV) < 1e-4,
          f"processing law {law}")
    wins = mod.aebs_windows(tables)
    check([w.count for w in wins] == WINDOW_COUNTS and all(w.edges is not None for w in wins),
          "AEBS windows")


def check_error(script, folder, label, *needles):
    p = run(script, folder)
    check(p.returncode == 2, f"{label}: exit {p.returncode}, expected 2; stderr {p.stderr!r}")
    check(p.stderr.strip() and "Traceback" not in p.stderr, f"{label}: stderr {p.stderr!r}")
    for text in needles:
        check(text in p.stderr, f"{label}: '{text}' not in stderr {p.stderr!r}")


def main():
    script, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)

    full = os.path.join(work, "full")
    write_report(full)
    check_helpers(script, full)
    check_plots(script, full, full, ALL_PNGS, "full report")

    aebs = os.path.join(work, "aebs_only")
    out = os.path.join(work, "aebs_only_plots")
    write_report(aebs, aebs_only=True)
    check_plots(script, aebs, out, AEBS_PNGS, "AEBS only, --out-dir", "--out-dir", out)

    # Errors: exit 2 and a message on stderr naming what is wrong.
    check_error(script, os.path.join(work, "does-not-exist"), "missing folder",
                "does-not-exist")
    empty = os.path.join(work, "empty")
    os.makedirs(empty)
    check_error(script, empty, "empty folder", "empty", "aebs_windows.csv")

    bad = os.path.join(work, "bad_column")
    shutil.copytree(aebs, bad)
    path = os.path.join(bad, "aebs_windows.csv")
    with open(path) as f:
        lines = f.read().splitlines()
    cut = lines[0].split(",").index("barrier_std_eV")
    with open(path, "w") as f:  # the column barrier_std_eV dropped from every line
        for line in lines:
            cells = line.split(",")
            f.write(",".join(cells[:cut] + cells[cut + 1:]) + "\n")
    check_error(script, bad, "missing column", "aebs_windows.csv", "barrier_std_eV")

    bad = os.path.join(work, "bad_value")
    shutil.copytree(aebs, bad)
    path = os.path.join(bad, "aebs_histograms.csv")
    with open(path) as f:
        lines = f.read().splitlines()
    cells = lines[3].split(",")
    cells[4] = "0.1x"  # density_per_eV on line 4
    lines[3] = ",".join(cells)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    check_error(script, bad, "non-numeric value", "aebs_histograms.csv", "line 4",
                "density_per_eV", "0.1x")
    print("plot_calibration.py: a full synthetic report and an AEBS-only report plotted; "
          "bad input exits with 2")


if __name__ == "__main__":
    main()
