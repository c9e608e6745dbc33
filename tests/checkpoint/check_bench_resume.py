#!/usr/bin/env python3
"""`stzkmc bench resume DIR` times the engine from a run's checkpoint and leaves DIR as it was.

    check_bench_resume.py STZKMC PARAMS.yaml WORKDIR

A run is stopped by SIGTERM once its first checkpoint exists. Then `bench resume` runs 300
events from it twice (--repeat 2) with one thread and once with two: the three must end in
the same state (the printed SHA-256 of the whole engine state; the command itself refuses
repetitions that differ), run at least the events asked for, and leave every file of the
folder byte-identical. A folder without params.yaml, or without a checkpoint, is refused
with a message naming what is missing, and a checkpoint of other parameters (another seed
in params.yaml) as `run --resume` refuses it.
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stopped_run import stopped_run  # noqa: E402

stz, params, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)

d = os.path.join(work, "stopped")
stopped_run(stz, params, d)


def snapshot(folder):
    out = {}
    for root, _, names in os.walk(folder):
        for n in names:
            path = os.path.join(root, n)
            with open(path, "rb") as f:
                out[os.path.relpath(path, folder)] = f.read()
    return out


before = snapshot(d)


def bench(threads, *args):
    r = subprocess.run([stz, "--threads", str(threads), "bench", "resume", *args],
                       capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr


digests = []
for threads, repeat in ((1, 2), (2, 1)):
    rc, out = bench(threads, d, "--events", "300", "--repeat", str(repeat))
    m = re.search(r"state sha256 ([0-9a-f]{64})", out)
    n = re.search(r"run: (\d+) events", out)
    if rc != 0 or not m or not n:
        sys.exit(f"FAIL bench resume with {threads} thread(s): exit {rc}\n{out}")
    if int(n.group(1)) < 300:
        sys.exit(f"FAIL: {n.group(1)} events run, 300 asked for\n{out}")
    digests.append(m.group(1))
    print(f"ok  {threads} thread(s), {repeat} repetition(s): {n.group(1)} events, state {m.group(1)[:16]}...")
if len(set(digests)) != 1:
    sys.exit(f"FAIL: states differ between thread counts: {digests}")
print("ok  same state with 1 and 2 threads")
if snapshot(d) != before:
    sys.exit("FAIL: bench resume changed the run folder")
print("ok  run folder unchanged")

empty = os.path.join(work, "empty")
os.makedirs(empty)
rc, out = bench(1, empty)
if rc == 0 or "no params.yaml" not in out:
    sys.exit(f"FAIL folder without params.yaml: exit {rc}\n{out}")
print("ok  folder without params.yaml refused")
shutil.copy(os.path.join(d, "params.yaml"), empty)
rc, out = bench(1, empty)
if rc == 0 or "no checkpoint.bin" not in out:
    sys.exit(f"FAIL folder without a checkpoint: exit {rc}\n{out}")
print("ok  folder without checkpoint.bin refused")
other = os.path.join(work, "other_seed")
shutil.copytree(d, other)
params_other = os.path.join(other, "params.yaml")
with open(params_other) as f:
    text = f.read()
with open(params_other, "w") as f:
    f.write(re.sub(r"(?m)^(\s*)seed: \d+", r"\g<1>seed: 99", text, count=1))
rc, out = bench(1, other)
if rc == 0 or "written for other parameters" not in out:
    sys.exit(f"FAIL checkpoint of other parameters: exit {rc}\n{out}")
print("ok  checkpoint of other parameters refused")
