"""ctest plot_sweep_synthetic: scripts/plot_sweep.py on synthetic sweep folders.

Usage: plot_sweep_synthetic.py PLOT_SCRIPT WORK_DIR

Writes into WORK_DIR two folders laid out as `stzkmc sweep` writes them (sweep.yaml,
aggregate.csv, cases.csv, cases/<group>/seed_<S>/ with stress_strain.csv, summary.yaml and
snapshots/ep_0.0200/{vm_strain.npy, metrics.yaml}):

  two_axes  eta_max = -ln 0.8, -ln 0.6 x loading = "slow, 1e-4" (a label with a comma,
            quoted in the CSV files), "fast": 4 groups x 2 seeds, 2D 16x16 maps with a
            shear band above the extreme threshold 0.7; one run lacks its snapshot
  base      no axes (the single group "base"), seeds 7 and 9, 3D 4x16x16 maps, --seed 9

runs the script on each and checks the exit status, the printed group lines and paths, and
that every PNG exists and starts with the PNG signature; checks how the axis labels become x
positions; then checks the errors that must exit with 2 (missing aggregate.csv, a seed
that is not in the sweep, a malformed aggregate.csv, a missing folder).
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
PNGS = ["curves.png", "maps.png", "yield.png", "localization.png", "distribution.png",
        "summary.png"]
METRICS = ["yield_stress_GPa", "yield_strain", "peak_stress_GPa", "peak_strain",
           "flow_stress_GPa", "stress_drop_GPa", "plastic_strain", "extreme_sites",
           "localization_index", "psi", "skewness", "s_max_over_s_all", "aebs_shift",
           "vm_strain_p99"]
METRICS_EP = 0.02
SNAP = "ep_0.0200"
EXTREME = make_synthetic_run.EXTREME


run = make_synthetic_run.run
check = make_synthetic_run.check


def csv_field(text):
    """As the program writes a CSV cell (RFC 4180 quoting)."""
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def num(v):
    return "nan" if not math.isfinite(v) else f"{v:.10g}"


def write_case(folder, strength, seed, shape, with_snapshot):
    """One run folder: a short curve scaled by `strength`, a strain map at METRICS_EP.
    Returns its metrics, in METRICS order."""
    rng = np.random.default_rng(seed)
    os.makedirs(folder, exist_ok=True)
    eps = np.round(np.arange(0.0, 0.06 + 1e-12, 1e-3), 10)
    sigma = strength * make_synthetic_run.stress_of(eps) + rng.normal(0, 0.01, eps.size)
    sigma[0] = 0.0
    plastic = np.maximum.accumulate(np.maximum(eps - sigma / make_synthetic_run.MODULUS_GPA, 0))
    with open(os.path.join(folder, "stress_strain.csv"), "w") as f:
        f.write("applied_strain,stress_GPa,plastic_strain,time_s,thermal_events,"
                "athermal_events\n")
        for i, row in enumerate(zip(eps, sigma, plastic, eps / 1e-4)):
            f.write(",".join(f"{v:.10g}" for v in row) + f",{i},{2 * i}\n")
    k = int(np.argmax(sigma))
    curve = [0.9 * sigma[k], 0.03, sigma[k], eps[k], 0.8 * sigma[k], 0.2 * sigma[k]]
    with open(os.path.join(folder, "summary.yaml"), "w") as f:
        for name, v in zip(METRICS[:6], curve):
            f.write(f"{name}: {v:.6g}\n")
    if not with_snapshot:
        return curve + [math.nan] * (len(METRICS) - 6)
    # a 45-degree band that strains more for a weaker glass (strength < 1)
    nz, ny, nx = shape
    planes = [make_synthetic_run.band_field(ny, nx, METRICS_EP / strength ** 2, rng)
              for _ in range(nz)]
    vm = planes[0] if nz == 1 else np.stack(planes)
    check(np.count_nonzero(vm > EXTREME) > 0, "synthetic map without extreme voxels")
    snap = os.path.join(folder, "snapshots", SNAP)
    os.makedirs(snap)
    np.save(os.path.join(snap, "vm_strain.npy"), vm.astype(np.float64))
    field = [METRICS_EP, float(np.count_nonzero(vm > EXTREME)), float(np.std(vm)), 1.5, 2.5,
             0.1, 0.05 / strength, float(np.percentile(vm, 99))]
    with open(os.path.join(snap, "metrics.yaml"), "w") as f:
        f.write(f"# field snapshot metrics\ntarget_plastic_strain: {METRICS_EP}\n"
                f"extreme_strain_threshold: {EXTREME}\n")
        for name, v in zip(METRICS[6:13], field):
            f.write(f"{name}: {v:.10g}\n")
    return curve + field


def write_sweep(folder, axes, groups, seeds, shape, no_snapshot=()):
    """axes: [(name, keys, labels)]; groups: [(name, labels, strength)]; no_snapshot: the
    (group name, seed) runs left without a snapshot."""
    os.makedirs(folder)
    lines = ["# stzkmc 0.1.0 sweep: what was run (docs/sweeps.md)", "version: 0.1.0",
             f"name: {os.path.basename(folder)}", 'description: ""', "sweep_file: t.yaml",
             "base: quick.yaml", f"metrics_at_plastic_strain: {METRICS_EP}",
             f"seeds: [{', '.join(map(str, seeds))}]"]
    lines.append("axes:" if axes else "axes: []")
    for name, keys, labels in axes:
        lines += [f"  - name: {name}", f"    keys: [{', '.join(keys)}]",
                  f"    labels: [{', '.join(repr(s) if ',' in s else s for s in labels)}]"]
    lines.append("groups:")
    for i, (name, labels, _) in enumerate(groups):
        lines += [f"  - index: {i}", f"    name: {name}",
                  f"    labels: [{', '.join(repr(s) if ',' in s else s for s in labels)}]",
                  "    overrides: [grid.nx=16, grid.ny=16]"]
    with open(os.path.join(folder, "sweep.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")

    axis_header = "".join("," + csv_field(a[0]) for a in axes)
    cases = ["case,group,group_name,seed" + axis_header + "," + ",".join(METRICS)]
    aggregate = ["group,group_name" + axis_header + ",runs"
                 + "".join(f",{m}_mean,{m}_se" for m in METRICS)]
    for g, (name, labels, strength) in enumerate(groups):
        cells = "".join("," + csv_field(s) for s in labels)
        rows = []
        for r, seed in enumerate(seeds):
            run_dir = os.path.join(folder, "cases", name, f"seed_{seed}")
            m = write_case(run_dir, strength, seed * 100 + g, shape,
                           (name, seed) not in no_snapshot)
            rows.append(m)
            cases.append(f"{g * len(seeds) + r},{g},{name},{seed}{cells},"
                         + ",".join(num(v) for v in m))
        stats = []
        for col in np.array(rows).T:
            ok = col[np.isfinite(col)]
            mean = float(ok.mean()) if ok.size else math.nan
            se = float(ok.std(ddof=1) / math.sqrt(ok.size)) if ok.size > 1 else math.nan
            stats += [num(mean), num(se)]
        aggregate.append(f"{g},{name}{cells},{len(seeds)}," + ",".join(stats))
    for table, text in [("cases.csv", cases), ("aggregate.csv", aggregate)]:
        with open(os.path.join(folder, table), "w") as f:
            f.write("\n".join(text) + "\n")


def check_plots(script, folder, group_labels, label, *extra):
    out = os.path.join(folder, "plots")
    p = run(script, folder, *extra)
    check(p.returncode == 0, f"{label}: exit {p.returncode}: {p.stderr}")
    lines = p.stdout.splitlines()
    want = [os.path.join(out, png) for png in PNGS]
    check(lines[len(group_labels):] == want, f"{label}: printed {p.stdout!r}, expected the "
                                              f"{len(group_labels)} group lines then {want}")
    for line, labels in zip(lines, group_labels):
        for text in labels:
            check(text in line, f"{label}: '{text}' not in the group line {line!r}")
        check("runs" in line and "yield" in line and "dQ/Q" in line,
              f"{label}: group line {line!r} lacks its numbers")
    for png in want:
        check(os.path.isfile(png), f"{label}: {png} missing")
        with open(png, "rb") as f:
            check(f.read(8) == PNG_SIGNATURE, f"{label}: {png} is not a PNG")
        check(os.path.getsize(png) > 10000, f"{label}: {png} is suspiciously small")
    return p


def check_x_axes(script):
    """How the labels of the first axis become x positions (imports the script)."""
    spec = importlib.util.spec_from_file_location("plot_sweep", script)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    x = mod.XAxis("strain_rate_per_s", ["1.0e-4", "1e-2", "1.0e2"])
    check(x.log and not x.categorical and x.pos["1e-2"] == 1e-2, "numeric labels: log axis")
    x = mod.XAxis("Q_eV", ["1.8", "2.2"])
    check(not x.log and x.pos["2.2"] == 2.2 and "eV" in x.title, "numeric labels: linear axis")
    x = mod.XAxis("eta_max", ["-ln 0.8", "-ln 0.6"])
    check(not x.categorical and abs(x.pos["-ln 0.6"] + math.log(0.6)) < 1e-12
          and "eta" in x.title, "-ln labels: eta_max axis")
    x = mod.XAxis("loading", ["slow, 1e-4", "fast"])
    check(x.categorical and x.pos == {"slow, 1e-4": 0.0, "fast": 1.0}, "text labels: categories")


def main():
    script, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    check_x_axes(script)

    eta = ("eta_max", ["softening.eta_max"], ["-ln 0.8", "-ln 0.6"])
    loading = ("loading", ["loading.strain_rate_per_s", "loading.final_strain"],
               ["slow, 1e-4", "fast"])
    groups = [("g00_-ln_0.8_slow_1e-4", ["-ln 0.8", "slow, 1e-4"], 1.0),
              ("g01_-ln_0.8_fast", ["-ln 0.8", "fast"], 1.1),
              ("g02_-ln_0.6_slow_1e-4", ["-ln 0.6", "slow, 1e-4"], 0.9),
              ("g03_-ln_0.6_fast", ["-ln 0.6", "fast"], 1.0)]
    two = os.path.join(work, "two_axes")
    write_sweep(two, [eta, loading], groups, [1, 2], (1, 16, 16),
                no_snapshot=[("g01_-ln_0.8_fast", 1)])
    p = check_plots(script, two, [g[1] for g in groups], "two axes")
    check("g01_-ln_0.8_fast" in p.stderr and "vm_strain.npy" in p.stderr,
          f"two axes: no note on the missing snapshot, stderr {p.stderr!r}")

    base = os.path.join(work, "base")
    write_sweep(base, [], [("base", [], 1.0)], [7, 9], (4, 16, 16))
    check_plots(script, base, [["base"]], "no axes, 3D, --seed 9", "--seed", "9")

    # Errors: exit 2 and a message naming what is wrong.
    p = run(script, base, "--seed", "8")
    check(p.returncode == 2 and "seed 8" in p.stderr,
          f"unknown seed: exit {p.returncode}, stderr {p.stderr!r}")
    with open(os.path.join(base, "aggregate.csv"), "a") as f:
        f.write("1,extra,2\n")  # too few cells
    p = run(script, base)
    check(p.returncode == 2 and "aggregate.csv" in p.stderr and "line 3" in p.stderr,
          f"malformed aggregate.csv: exit {p.returncode}, stderr {p.stderr!r}")
    os.remove(os.path.join(base, "aggregate.csv"))
    p = run(script, base)
    check(p.returncode == 2 and "aggregate.csv" in p.stderr,
          f"missing aggregate.csv: exit {p.returncode}, stderr {p.stderr!r}")
    p = run(script, os.path.join(work, "does-not-exist"))
    check(p.returncode == 2 and "does-not-exist" in p.stderr,
          f"missing folder: exit {p.returncode}, stderr {p.stderr!r}")
    print("plot_sweep.py: a 2-axis sweep (2D maps, -ln and quoted labels, a missing snapshot) "
          "and a sweep without axes (3D maps) plotted; bad input exits with 2")


if __name__ == "__main__":
    main()
