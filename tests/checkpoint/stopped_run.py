"""A `stzkmc run` stopped by SIGTERM once its first checkpoint exists (for the checks here)."""
import os
import signal
import subprocess
import sys
import time


def stopped_run(stz, params, folder):
    """Runs PARAMS into FOLDER with checkpoints every 0.01 s, stops it with SIGTERM after the
    first one and returns the checkpoint's path; exits the calling check on failure."""
    p = subprocess.Popen([stz, "--threads", "1", "run", params, "--out", folder, "--checkpoint-every", "0.01"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ckpt = os.path.join(folder, "checkpoint.bin")
    t0 = time.monotonic()
    while not os.path.exists(ckpt) and time.monotonic() - t0 < 60 and p.poll() is None:
        time.sleep(0.01)
    p.send_signal(signal.SIGTERM)
    if p.wait(timeout=60) != 128 + signal.SIGTERM:
        sys.exit(f"FAIL: SIGTERM gave exit {p.returncode}")
    return ckpt
