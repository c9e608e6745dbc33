"""ctest plot_run_synthetic: scripts/plot_run.py on synthetic run folders.

Usage: plot_run_synthetic.py PLOT_SCRIPT WORK_DIR

Writes a 2D and a 3D run folder with make_synthetic_run.py into WORK_DIR, runs the script
on each and checks the exit status, the printed paths and that every PNG exists and starts
with the PNG signature; then checks the degraded cases: no summary.yaml and no snapshots
(curve only), a snapshot folder still being written (skipped with a warning), and the
errors that must exit with 2 (missing folder, missing stress_strain.csv).
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_synthetic_run  # noqa: E402

PNG_SIGNATURE = make_synthetic_run.PNG_SIGNATURE


run = make_synthetic_run.run
check = make_synthetic_run.check


def expected_pngs(folder, snapshots):
    return ([os.path.join(folder, "stress_strain.png")]
            + [os.path.join(folder, f"strain_map_ep{s}.png") for s in snapshots]
            + ([os.path.join(folder, "strain_distribution.png")] if snapshots else []))


def check_run(script, folder, snapshots, label):
    p = run(script, folder)
    check(p.returncode == 0, f"{label}: exit {p.returncode}: {p.stderr}")
    want = expected_pngs(folder, snapshots)
    check(p.stdout.split() == want, f"{label}: printed {p.stdout!r}, expected {want}")
    for png in want:
        check(os.path.isfile(png), f"{label}: {png} missing")
        with open(png, "rb") as f:
            check(f.read(8) == PNG_SIGNATURE, f"{label}: {png} is not a PNG")
        check(os.path.getsize(png) > 10000, f"{label}: {png} is suspiciously small")
    return p


def main():
    script, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    snaps = make_synthetic_run.SNAPSHOTS
    for name, (nx, ny, nz) in [("run2d", (40, 32, 1)), ("run3d", (24, 20, 6))]:
        folder = os.path.join(work, name)
        make_synthetic_run.write_run(folder, nx, ny, nz)
        check_run(script, folder, snaps, name)

    # A snapshot folder whose fields are not written yet is skipped with a warning.
    partial = os.path.join(work, "run2d", "snapshots", "ep_0.0800")
    os.makedirs(partial)
    p = check_run(script, os.path.join(work, "run2d"), snaps, "partial snapshot")
    check("ep_0.0800" in p.stderr, f"partial snapshot: no warning, stderr {p.stderr!r}")

    # Curve only: no summary.yaml, no snapshots.
    bare = os.path.join(work, "bare")
    os.makedirs(bare)
    shutil.copy(os.path.join(work, "run3d", "stress_strain.csv"), bare)
    check_run(script, bare, [], "curve only")

    p = run(script, os.path.join(work, "does-not-exist"))
    check(p.returncode == 2 and "does-not-exist" in p.stderr,
          f"missing folder: exit {p.returncode}, stderr {p.stderr!r}")
    os.remove(os.path.join(bare, "stress_strain.csv"))
    p = run(script, bare)
    check(p.returncode == 2 and "stress_strain.csv" in p.stderr,
          f"missing stress_strain.csv: exit {p.returncode}, stderr {p.stderr!r}")
    print("plot_run.py: 2D, 3D, partial and curve-only runs plotted; bad input exits with 2")


if __name__ == "__main__":
    main()
