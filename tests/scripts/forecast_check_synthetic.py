"""ctest forecast_check_synthetic: scripts/forecast_check.py on synthetic progress logs.

Usage: forecast_check_synthetic.py SCRIPT WORK_DIR

Writes logs in the two formats `stzkmc` has printed ("plastic P/PF" and, before, "plastic P")
with runs whose ends are known by construction:

  steady   a resumed run in band flow at a constant pace, across midnight: every 10 s the
           applied strain advances 1e-5 and the plastic strain with it, 1e-4 behind, to
           2.1 %: the applied-pace forecast is exact at every line (median 1.00, 100 %
           within 1.5x)
  stalled  (old format, a fresh run) the applied strain grows for 100 s, then stops for
           500 s, and the plastic strain stays 0: a forecast is unknown once its window
           holds no growth: from t = 130 s for the 30-s window (45 of the 58 lines scored),
           from t = 400 s for the old 300-s one (18 of 58)
  running  no "finished in" line: not counted

Checks the counts in the first line, the cells named above, that a long run
(--long-minutes) gets its own column, and the errors that must exit with 2 naming the file
(no such file, an old-format line without --final-plastic-strain, a progress line before
its run's set-up line, no finished run).
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_synthetic_run  # noqa: E402

run = make_synthetic_run.run
check = make_synthetic_run.check


def clock(t):
    t = int(t) % 86400
    return f"{t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d}"


def line(t, tag, applied, plastic, pf=None):
    end = f"/{pf:.4f}" if pf is not None else ""
    return (f"[{clock(t)}] [info] [{tag}] strain {applied:.5f}/0.2000  stress 0.0100 GPa  "
            f"plastic {plastic:.5f}{end}  events {int(t)} (100/s)  ETA ?\n")


def setup(t, tag, resumed_strain=None):
    out = []
    if resumed_strain is not None:
        out.append(f"[{clock(t)}] [info] [{tag}] resumed from x/checkpoint.bin at strain "
                   f"{resumed_strain:.5f}, stress 0.0100 GPa, 100 events\n")
    out.append(f"[{clock(t)}] [info] [{tag}] set up in 1.00 s; loading (uniaxial_tension) to strain 0.2\n")
    return out


def steady(t0, tag, pf):
    # Resumed at t0 - 10 s from applied 0.01999; then applied 0.0200 + 1e-6 s^-1 t, plastic
    # 1e-4 behind: reaches 0.021 at t = 1100 s.
    out = setup(t0 - 10, tag, 0.01999)
    out += [line(t0 + t, tag, 0.0200 + 1e-6 * t, 0.0199 + 1e-6 * t, pf) for t in range(0, 1100, 10)]
    out.append(f"[{clock(t0 + 1100)}] [info] [{tag}] finished in 18m20s: 1100 events\n")
    return out


def main():
    script, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    new_log, old_log = os.path.join(work, "new.txt"), os.path.join(work, "old.txt")
    with open(new_log, "w") as f:
        f.write("[23:50:00] [info] sweep demo: 2 cases\n")
        f.writelines(steady(23 * 3600 + 55 * 60, "g00/seed_1", 0.021))  # across midnight
        f.writelines(setup(90, "g00/seed_2"))
        f.writelines(line(100 + 10 * k, "g00/seed_2", 0.02, 0.0, 0.021) for k in range(5))  # running
    with open(old_log, "w") as f:
        f.writelines(setup(3590, "g01/seed_1"))
        rows = [line(3600 + t, "g01/seed_1", 0.001 + 1e-5 * min(t, 100), 0.0) for t in range(0, 600, 10)]
        f.writelines(rows)
        f.write(f"[{clock(3600 + 600)}] [info] [g01/seed_1] finished in 600s: 600 events\n")

    def row_of(out, name):
        rows = [x for x in out.splitlines() if x.startswith(f"| {name} |")]
        check(len(rows) == 1, f"one row '{name}' expected in:\n{out}")
        return [c.strip() for c in rows[0].split("|")[2:4]]

    own, app = "the plastic strain's own pace (before 2026-11-23)", "the applied strain's pace (now)"
    r = run(script, new_log)
    check(r.returncode == 0, f"steady log: exit {r.returncode}: {r.stderr}")
    out = r.stdout
    # lines with >= 30 s to go: t = 0 .. 1070: 108 lines
    check(out.startswith("1 finished runs, 108 progress lines with at least 30 s to go; 0 runs longer "
                         "than 60 min (0 lines)."), f"steady: first line: {out.splitlines()[0]!r}")
    check(row_of(out, app) == ["1.00, 100 %, 100 %", "—"], f"steady: applied-pace row in:\n{out}")

    r = run(script, new_log, "--long-minutes", "10")
    check(r.returncode == 0 and "1 runs longer than 10 min (108 lines)" in r.stdout
          and row_of(r.stdout, app) == ["1.00, 100 %, 100 %"] * 2,
          f"--long-minutes 10: {r.stdout}{r.stderr}")

    r = run(script, old_log, "--final-plastic-strain", "0.021")
    check(r.returncode == 0 and "1 finished runs, 58 progress lines" in r.stdout,
          f"stalled: exit {r.returncode}: {r.stdout}{r.stderr}")
    check(row_of(r.stdout, app)[0].endswith("(78 % unknown)"), f"stalled: 45 of 58 unknown: {r.stdout}")
    check(row_of(r.stdout, own)[0].endswith("(31 % unknown)"), f"stalled: 18 of 58 unknown: {r.stdout}")

    r = run(script, new_log, old_log, "--final-plastic-strain", "0.021")
    check(r.returncode == 0 and "2 finished runs, 166 progress lines" in r.stdout,
          f"both logs: exit {r.returncode}: {r.stdout}{r.stderr}")

    orphan = os.path.join(work, "orphan.txt")
    with open(orphan, "w") as f:
        f.write(line(10, "x/seed_1", 0.02, 0.0, 0.021))
    r = run(script, orphan)
    check(r.returncode == 2 and "orphan.txt:1:" in r.stderr and "set up in" in r.stderr,
          f"progress line before set-up: exit {r.returncode}: {r.stderr}")

    r = run(script, old_log)
    check(r.returncode == 2 and "old.txt:2:" in r.stderr and "--final-plastic-strain" in r.stderr,
          f"old format without --final-plastic-strain: exit {r.returncode}: {r.stderr}")
    r = run(script, os.path.join(work, "missing.txt"))
    check(r.returncode == 2 and "missing.txt: cannot read it" in r.stderr,
          f"missing log: exit {r.returncode}: {r.stderr}")
    empty = os.path.join(work, "empty.txt")
    with open(empty, "w") as f:
        f.writelines(setup(0, "x/seed_1"))
        f.writelines(line(10 * k, "x/seed_1", 0.02, 0.0, 0.021) for k in range(3))
    r = run(script, empty)
    check(r.returncode == 2 and "no finished run" in r.stderr and "empty.txt" in r.stderr,
          f"no finished run: exit {r.returncode}: {r.stderr}")
    print("forecast_check_synthetic: OK")


if __name__ == "__main__":
    main()
