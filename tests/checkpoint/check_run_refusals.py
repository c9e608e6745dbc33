#!/usr/bin/env python3
"""`stzkmc run --resume` refuses what it cannot continue exactly, with a message naming why.

    check_run_refusals.py STZKMC PARAMS.yaml WORKDIR

Cases: a folder without a checkpoint (never started, and finished), a checkpoint for other
parameters (--set), a corrupted checkpoint, a truncated one, --out and --resume naming
different folders, --set without the parameter file. Each must exit non-zero with the
expected words; none may leave a summary.yaml behind.

Then one it must continue: the folder as a run leaves it when killed while it finishes,
after renaming avalanches.csv.part to avalanches.csv and writing summary.yaml but before
removing its checkpoint. Resumed, it must end with the files of an uninterrupted run.
"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stopped_run import stopped_run  # noqa: E402

stz, params, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)


def run(*args):
    p = subprocess.run([stz, "--threads", "1", "run", *args], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def expect_refusal(label, words, *args):
    rc, out = run(*args)
    if rc == 0 or any(w not in out for w in words):
        sys.exit(f"FAIL {label}: exit {rc}, expected the words {words} in:\n{out}")
    print(f"ok  {label}: exit {rc}")


# An interrupted run to refuse things with: SIGTERM once the first checkpoint exists.
d = os.path.join(work, "stopped")
ckpt = stopped_run(stz, params, d)
good = open(ckpt, "rb").read()

expect_refusal("no checkpoint", ["no checkpoint.bin to resume from", "before its first checkpoint"],
               "--resume", os.path.join(work, "empty"))
expect_refusal("other parameters", ["written for other parameters"],
               params, "--resume", d, "--set", "kinetics.temperature_K=310")
expect_refusal("other seed", ["written for other parameters"], params, "--resume", d, "--seed", "9")
expect_refusal("--set without file", ["--set and --seed need the parameter file"],
               "--resume", d, "--set", "run.seed=2")
expect_refusal("--out elsewhere", ["name different folders"],
               "--resume", d, "--out", os.path.join(work, "x"))
with open(ckpt, "wb") as f:  # one flipped byte in the middle of the state
    f.write(good[: len(good) // 2] + bytes([good[len(good) // 2] ^ 1]) + good[len(good) // 2 + 1:])
expect_refusal("corrupted", ["checkpoint is corrupted"], "--resume", d)
with open(ckpt, "wb") as f:
    f.write(good[: len(good) - 100])
expect_refusal("truncated", ["truncated"], "--resume", d)
if os.path.exists(os.path.join(d, "summary.yaml")):
    sys.exit("FAIL: a refused resume wrote summary.yaml")

# The intact checkpoint still resumes, also from a folder whose last run was killed while
# it finished (its table committed, a summary written, the checkpoint not yet removed), and
# a finished run has nothing to resume.
with open(ckpt, "wb") as f:
    f.write(good)
part = os.path.join(d, "avalanches.csv.part")
if not os.path.exists(part):
    sys.exit("FAIL: the stopped run left no avalanches.csv.part")
os.rename(part, os.path.join(d, "avalanches.csv"))
with open(os.path.join(d, "summary.yaml"), "w") as f:
    f.write("stale: true\n")
rc, out = run("--resume", d)
if rc != 0 or os.path.exists(ckpt):
    sys.exit(f"FAIL: resuming the intact checkpoint: exit {rc}, checkpoint left: {os.path.exists(ckpt)}\n{out}")
if "taken up again" not in out:
    sys.exit(f"FAIL: the resumed run did not say it took up avalanches.csv again:\n{out}")
ref = os.path.join(work, "uninterrupted")
rc, out = run(params, "--out", ref)
if rc != 0:
    sys.exit(f"FAIL: the uninterrupted run: exit {rc}\n{out}")
for name in ["avalanches.csv", "stress_strain.csv", "summary.yaml", "params.yaml"]:
    if open(os.path.join(d, name), "rb").read() != open(os.path.join(ref, name), "rb").read():
        sys.exit(f"FAIL: {name} of the resumed run differs from the uninterrupted run's")
if os.path.exists(part):
    sys.exit("FAIL: avalanches.csv.part left after the resumed run finished")
print("ok  intact checkpoint resumed (from a run killed while finishing) and removed at the "
      "end; its files equal an uninterrupted run's")
expect_refusal("finished run", ["summary.yaml is there: the run finished"], "--resume", d)
