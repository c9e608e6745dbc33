"""ctest snapshot_report_synthetic: scripts/snapshot_report.py on a synthetic sweep folder.

Usage: snapshot_report_synthetic.py SCRIPT WORK_DIR

Writes into WORK_DIR a sweep folder laid out as `stzkmc sweep` writes it
(cases/<group>/seed_<S>/snapshots/ep_0.0200/{metrics.yaml, vm_strain.npy, generation.npy},
summary.yaml for finished runs), with fields whose figures are known by construction:

  g00_a  seed 1 finished, seed 2 running (snapshot written, no summary.yaml), seed 3 with
         no snapshot yet (listed "not yet")
  g01_b  seed 4 alone (a mean with no standard error)

vm_strain holds a shuffled 1..400 plus 0.5 (nearest-rank 99th percentile: the 396th
value, 396.5); generation holds 0 on most voxels and known counts on the others (so mean,
median and maximum per transformed voxel are known). Checks every cell of the tables, the
mean +- standard error row against hand values, --ep on another snapshot, --out, and the
errors that must exit with 2 naming the file or key (no cases folder, a metrics line
without a colon, a value that is not a number, a missing key, an unreadable .npy).
"""
import os
import shutil
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_synthetic_run  # noqa: E402


run = make_synthetic_run.run
check = make_synthetic_run.check


# per seed: metrics.yaml values and the transformation counts of the transformed voxels
SEEDS = {
    ("g00_a", 1): dict(metrics=dict(plastic_strain=0.02004, stress_GPa=0.25, extreme_sites=3000,
                                    localization_index=0.18, aebs_shift=0.014),
                       counts=[1, 2, 3, 10], finished=True),
    ("g00_a", 2): dict(metrics=dict(plastic_strain=0.02010, stress_GPa=0.35, extreme_sites=5000,
                                    localization_index=0.30, aebs_shift=0.020),
                       counts=[4, 4, 4, 4, 9], finished=False),
    ("g01_b", 4): dict(metrics=dict(plastic_strain=0.02001, stress_GPa=0.70, extreme_sites=2000,
                                    localization_index=0.17, aebs_shift=0.013),
                       counts=[7], finished=True),
}


def write_snapshot(run_dir, name, metrics, counts, seed, vm_offset=0.5):
    snap = os.path.join(run_dir, "snapshots", name)
    os.makedirs(snap, exist_ok=True)
    rng = np.random.default_rng(seed)
    vm = rng.permutation(np.arange(1.0, 401.0) + vm_offset).reshape(20, 20)
    np.save(os.path.join(snap, "vm_strain.npy"), vm)
    gen = np.zeros(400, dtype=np.int32)
    gen[rng.choice(400, size=len(counts), replace=False)] = counts
    np.save(os.path.join(snap, "generation.npy"), gen.reshape(20, 20))
    with open(os.path.join(snap, "metrics.yaml"), "w") as f:
        f.write("# field snapshot metrics (synthetic)\n")
        f.write(f"target_plastic_strain: {name[3:]}\n")
        for k, v in metrics.items():
            f.write(f"{k}: {v!r}  # a comment\n")
        f.write(f"plastic_voxels: {len(counts)}\n")


def build(root):
    shutil.rmtree(root, ignore_errors=True)
    for (group, seed), spec in SEEDS.items():
        run_dir = os.path.join(root, "cases", group, f"seed_{seed}")
        write_snapshot(run_dir, "ep_0.0200", spec["metrics"], spec["counts"], seed)
        if spec["finished"]:
            with open(os.path.join(run_dir, "summary.yaml"), "w") as f:
                f.write("yield_stress_GPa: 1.0\n")
    os.makedirs(os.path.join(root, "cases", "g00_a", "seed_3", "snapshots"))
    # another snapshot, for --ep: seed 1 only
    write_snapshot(os.path.join(root, "cases", "g00_a", "seed_1"), "ep_0.0050",
                   dict(plastic_strain=0.005, stress_GPa=1.2, extreme_sites=10,
                        localization_index=0.05, aebs_shift=0.001), [1, 1], 11, vm_offset=0.0)


def table_rows(text, group):
    """The data rows (lists of cells) of `group`'s table."""
    lines = text.splitlines()
    start = lines.index(f"**{group}** at 2 % plastic strain") if group else 0
    rows = []
    for line in lines[start + 4:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows


def expected_cells(seed, spec):
    m, counts = spec["metrics"], np.array(spec["counts"], dtype=float)
    return [str(seed), "yes" if spec["finished"] else "no", f"{m['plastic_strain'] * 100:.3f}",
            f"{m['stress_GPa']:.3f}", f"{m['extreme_sites']:.0f}",
            f"{m['localization_index']:.4f}", "396.500", f"{len(counts)}",
            f"{counts.mean():.1f}", f"{np.median(counts):.1f}", f"{counts.max():.0f}",
            f"{m['aebs_shift']:.4f}"]


def main():
    script, work = sys.argv[1], sys.argv[2]
    root = os.path.join(work, "sweep")
    build(root)

    r = run(script, root)
    check(r.returncode == 0, f"exit {r.returncode}: {r.stderr}")
    a = table_rows(r.stdout, "g00_a")
    check(len(a) == 4, f"g00_a: expected 3 seed rows and a mean row, got {a}")
    check(a[0] == expected_cells(1, SEEDS[("g00_a", 1)]), f"seed 1 row {a[0]}")
    check(a[1] == expected_cells(2, SEEDS[("g00_a", 2)]), f"seed 2 row {a[1]}")
    check(a[2][:2] == ["3", "not yet"] and all(c == "" for c in a[2][2:]), f"seed 3 row {a[2]}")
    # mean +- se over seeds 1 and 2, by hand: the se of two values is |a - b| / 2
    def two(fmt, x, y):
        return f"{fmt.format((x + y) / 2)} ± {fmt.format(abs(x - y) / 2)}"

    s1, s2 = SEEDS[("g00_a", 1)], SEEDS[("g00_a", 2)]
    c1, c2 = (np.array(s["counts"], dtype=float) for s in (s1, s2))
    m1, m2 = s1["metrics"], s2["metrics"]
    want = ["mean ± se (2)", "",
            two("{:.3f}", m1["plastic_strain"] * 100, m2["plastic_strain"] * 100),
            two("{:.3f}", m1["stress_GPa"], m2["stress_GPa"]), "4000 ± 1000",
            "0.2400 ± 0.0600", "396.500 ± 0.000", two("{:.0f}", c1.size, c2.size),
            two("{:.1f}", c1.mean(), c2.mean()), two("{:.1f}", np.median(c1), np.median(c2)),
            two("{:.0f}", c1.max(), c2.max()), "0.0170 ± 0.0030"]
    check(a[3] == want, f"mean row {a[3]}, expected {want}")

    b = table_rows(r.stdout, "g01_b")
    check(len(b) == 2, f"g01_b: expected 1 seed row and a mean row, got {b}")
    check(b[0] == expected_cells(4, SEEDS[("g01_b", 4)]), f"seed 4 row {b[0]}")
    check(b[1][0] == "mean ± se (1)" and b[1][4] == "2000" and "±" not in " ".join(b[1][2:]),
          f"a single seed has no standard error: {b[1]}")

    # --ep picks the other snapshot: seed 1 only, 1..400 without offset (p99 = 396)
    r = run(script, root, "--ep", "0.005")
    check(r.returncode == 0, f"--ep 0.005: exit {r.returncode}: {r.stderr}")
    check("**g00_a** at 0.5 % plastic strain" in r.stdout, f"--ep heading: {r.stdout}")
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith("| 1 |")]
    check(len(lines) == 1 and "| 396.000 |" in lines[0] and "| 1.200 |" in lines[0],
          f"--ep 0.005 seed 1 row: {lines}")
    check(r.stdout.count("not yet") == 3, f"--ep 0.005: seeds 2, 3, 4 not yet: {r.stdout}")

    # --out writes the same text, through a rename
    out = os.path.join(work, "report.md")
    r2 = run(script, root, "--out", out)
    check(r2.returncode == 0 and r2.stdout == "", f"--out: exit {r2.returncode}, {r2.stdout}")
    with open(out) as f:
        check(f.read() == run(script, root).stdout, "--out differs from stdout")
    check(not any(n.startswith(".report.md.tmp") for n in os.listdir(work)), "temporary left")

    # errors: exit 2 with the file and the problem named
    def refused(args, *words):
        r = run(script, *args)
        check(r.returncode == 2, f"{args}: expected exit 2, got {r.returncode}: {r.stderr}")
        for w in words:
            check(w in r.stderr, f"{args}: '{w}' not in: {r.stderr}")

    refused([os.path.join(work, "nowhere")], "nowhere", "no such folder")
    refused([root, "--ep", "-1"], "--ep", "positive")
    metrics = os.path.join(root, "cases", "g01_b", "seed_4", "snapshots", "ep_0.0200",
                           "metrics.yaml")
    with open(metrics) as f:
        good = f.read()
    with open(metrics, "a") as f:
        f.write("no colon here\n")
    refused([root], metrics, "expected 'key: value'")
    with open(metrics, "w") as f:
        f.write(good.replace("stress_GPa: 0.7", "stress_GPa: high"))
    refused([root], metrics, "stress_GPa", "expected a number", "high")
    with open(metrics, "w") as f:
        f.write("".join(ln for ln in good.splitlines(True) if not ln.startswith("aebs_shift")))
    refused([root], metrics, "aebs_shift")
    with open(metrics, "w") as f:
        f.write(good)
    gen = os.path.join(os.path.dirname(metrics), "generation.npy")
    with open(gen, "wb") as f:
        f.write(b"not an npy file")
    refused([root], gen, "cannot read")
    print("snapshot_report_synthetic: all checks passed")


if __name__ == "__main__":
    main()
