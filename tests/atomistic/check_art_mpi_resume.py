#!/usr/bin/env python3
"""An ART campaign under mpirun stopped part-way resumes, with 2 ranks or 1, to the tables
of an uninterrupted 2-rank campaign.

    check_art_mpi_resume.py MPIEXEC STZKMC RECIPE REFERENCE_DIR WORK_DIR

Starts `MPIEXEC -n 2 STZKMC atom art RECIPE --checkpoint-every 0.1`, sends mpirun SIGTERM
once both ranks have written a checkpoint (checkpoint.bin, ranks/checkpoint-1.bin), copies
the stopped folder, resumes one copy with 2 ranks and the other with 1 process, and compares
their searches.csv and art_events.csv with REFERENCE_DIR's (wall_s columns masked: the only
timing). Every checkpoint must be gone at the end. mpirun forwards SIGTERM and kills the ranks
a few seconds later, so what survives is the periodic checkpoints: the point of the test.
"""
import os
import shutil
import signal
import subprocess
import sys
import time

mpiexec, stz, recipe, ref, work = sys.argv[1:6]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
stopped = os.path.join(work, "stopped")
log = open(os.path.join(work, "log.txt"), "w")


def table(path):
    lines = open(path).read().splitlines()
    cols = lines[0].split(",")
    drop = {i for i, c in enumerate(cols) if c == "wall_s"}
    return [",".join(x for i, x in enumerate(l.split(",")) if i not in drop) for l in lines]


p = subprocess.Popen([mpiexec, "-n", "2", stz, "--threads", "1", "atom", "art", recipe,
                      "--out", stopped, "--checkpoint-every", "0.1"], stdout=log, stderr=subprocess.STDOUT)
t0 = time.monotonic()
need = [os.path.join(stopped, "checkpoint.bin"), os.path.join(stopped, "ranks", "checkpoint-1.bin")]
while not all(os.path.exists(f) for f in need):
    if p.poll() is not None or time.monotonic() - t0 > 300:
        sys.exit(f"FAIL: the campaign ended (exit {p.returncode}) before both ranks checkpointed")
    time.sleep(0.05)
p.send_signal(signal.SIGTERM)
p.wait(timeout=120)
if os.path.exists(os.path.join(stopped, "searches.csv")):
    sys.exit("FAIL: the stopped campaign wrote searches.csv (it ran to the end: test proves nothing)")
print(f"stopped after {time.monotonic() - t0:.1f} s (mpirun exit {p.returncode})")
one = os.path.join(work, "stopped_np1")
shutil.copytree(stopped, one)

for folder, cmd in ((stopped, [mpiexec, "-n", "2", stz, "--threads", "1"]), (one, [stz, "--threads", "1"])):
    rc = subprocess.call(cmd + ["atom", "art", "--resume", folder], stdout=log, stderr=subprocess.STDOUT)
    if rc != 0:
        sys.exit(f"FAIL: resuming {folder} exited {rc} (see {log.name})")
    for f in ("searches.csv", "art_events.csv"):
        if table(os.path.join(ref, f)) != table(os.path.join(folder, f)):
            sys.exit(f"FAIL: {folder}/{f} differs from {ref}/{f}")
    left = [os.path.join(d, n) for d, _, ns in os.walk(folder) for n in ns if n.startswith("checkpoint")]
    if left:
        sys.exit(f"FAIL: checkpoints left after the end: {left}")
    print(f"ok  resumed with {'2 ranks' if cmd[0] == mpiexec else '1 process'}: tables identical")
