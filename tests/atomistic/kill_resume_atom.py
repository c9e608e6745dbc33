#!/usr/bin/env python3
"""tests/checkpoint/kill_resume.py for the atomistic jobs, plus the files that record wall time.

    kill_resume_atom.py --driver tests/checkpoint/kill_resume.py [--masked NAME ...] -- ARGS...

Runs the driver with ARGS and `--ignore NAME` for every --masked file, then compares those
files of the two runs (reference/ and interrupted/ under the driver's --work folder) with
what records wall time masked: YAML lines `wall_s: ...`, CSV columns named wall_s. So only
the timings may differ between an interrupted and an uninterrupted job.
"""
import argparse
import os
import subprocess
import sys


def masked(path):
    with open(path) as f:
        lines = f.read().splitlines()
    if path.endswith(".csv"):
        cols = lines[0].split(",") if lines else []
        drop = [i for i, c in enumerate(cols) if c == "wall_s"]
        return [",".join(c for i, c in enumerate(l.split(",")) if i not in drop) for l in lines]
    return [l for l in lines if not l.startswith("wall_s:")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--driver", required=True)
    ap.add_argument("--masked", action="append", default=[])
    ap.add_argument("rest", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    rest = a.rest[1:] if a.rest[:1] == ["--"] else a.rest
    args = list(rest)
    for m in a.masked:
        args += ["--ignore", m]
    rc = subprocess.call([sys.executable, a.driver] + args)
    if rc != 0:
        sys.exit(rc)
    work = rest[rest.index("--work") + 1]
    ref, got = os.path.join(work, "reference"), os.path.join(work, "interrupted")
    for name in a.masked:
        for d, _, names in os.walk(ref):
            if name not in names:
                continue
            p = os.path.join(d, name)
            q = os.path.join(got, os.path.relpath(p, ref))
            if not os.path.exists(q):
                sys.exit(f"FAIL: {q} missing")
            if masked(p) != masked(q):
                sys.exit(f"FAIL: {os.path.relpath(p, ref)} differs beyond its wall times")
            print(f"OK: {os.path.relpath(p, ref)} identical but for wall times")


if __name__ == "__main__":
    main()
