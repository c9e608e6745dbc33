#!/usr/bin/python3
"""Crash-safe outputs of stzkmc (docs/reliability.md, "Output failures"); standard library only.

  output_failures.py unwritable STZKMC REPO SCRATCH
      `stzkmc run`, `calibrate` and `sweep` told to write where nothing can be written:
      a folder under /proc (no one, root included, can create one there), /proc itself (a
      folder in which no file can be created), a folder whose
      parent is a regular file, and (not as root, where permissions do not apply) a folder
      without write permission. Each must exit non-zero within 60 s with one error naming
      the folder and the operating system's reason, and leave no file behind.

  output_failures.py full_disk STZKMC REPO SCRATCH
      `stzkmc run` of tests/cli/data/small_run.yaml under a file size limit (RLIMIT_FSIZE,
      with SIGXFSZ ignored so that write() fails with EFBIG, as on a full disk) of 1 kB to
      64 kB: every limit that stops a write must give a non-zero exit and an error naming
      the file and "File too large"; whatever the limit, every file under its final name
      must be complete (CSV rows with the header's field count and a final newline, .npy
      data matching the header's shape, .vti arrays inside the file and closing tags after them, YAML ending in a newline) and no temporary
      (.NAME.tmp.*) may be left. At least one limit must stop the run and the largest must
      let it finish, or the test has not tested anything.

  output_failures.py scripts_helper - REPO SCRATCH
      scripts/atomic_write.py, which the plot and report scripts write through: under a
      64 kB file size limit a larger text or figure fails with OSError (EFBIG) and leaves
      the earlier file under the name untouched and no temporary; without the limit both
      are written whole.

Exit status 0 when every check holds; otherwise each failed check is printed and the
exit status is 1.
"""
import ast
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys

failures = []
FINAL_STRAIN = 0.05  # loading.final_strain of tests/cli/data/small_run.yaml


def check(ok, what):
    if not ok:
        failures.append(what)
        print(f"FAIL: {what}")
    return ok


def run(cmd, fsize=None, timeout=60):
    def limit():
        if fsize is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       timeout=timeout, preexec_fn=limit)
    return p.returncode, p.stdout


def error_lines(out):
    return [ln for ln in out.splitlines() if "error" in ln.lower()]


# ------------------------------------------------------------------ unwritable folders

def unwritable(exe, repo, scratch):
    data = os.path.join(repo, "tests", "cli", "data")
    plain_file = os.path.join(scratch, "plain_file")
    with open(plain_file, "w") as f:
        f.write("a regular file, not a folder\n")
    # (folder, the reason the OS gives, as strerror() words it)
    targets = [("/proc/stzkmc_no_such_dir/out", r"No such file or directory|Permission denied"),
               # An existing folder in which no file can be created.
               ("/proc", r"No such file or directory|Permission denied|Operation not permitted"),
               (os.path.join(plain_file, "out"), r"Not a directory|File exists")]
    if os.geteuid() != 0:
        locked = os.path.join(scratch, "locked")
        os.makedirs(locked, exist_ok=True)
        os.chmod(locked, stat.S_IRUSR | stat.S_IXUSR)
        targets.append((os.path.join(locked, "out"), r"Permission denied"))
    else:
        print("skipped the read-only folder case: running as root, where permissions "
              "do not stop writes")

    commands = {
        "run": lambda d: [exe, "--threads", "1", "run", os.path.join(data, "small_run.yaml"),
                          "--out", d],
        "calibrate": lambda d: [exe, "calibrate",
                                os.path.join(repo, "examples", "calibration", "calibrate.yaml"),
                                "--out", os.path.join(d, "fragment.yaml")],
        "sweep": lambda d: [exe, "--threads", "1", "sweep",
                            os.path.join(repo, "tests", "sweep", "data", "tiny_sweep.yaml"),
                            "--out", d, "-j", "1"],
    }
    for name, make in commands.items():
        for folder, reason in targets:
            rc, out = run(make(folder))
            what = f"stzkmc {name} --out {folder}"
            print(f"{what}: exit {rc}: {' | '.join(error_lines(out)) or out.strip()[-300:]}")
            check(rc != 0, f"{what}: exit status {rc}, expected non-zero")
            errs = error_lines(out)
            check(len(errs) >= 1, f"{what}: no error line in: {out[-500:]}")
            msg = " ".join(errs)
            # The folder that cannot be made: the target or the first missing parent of it.
            named = any(p in msg for p in (folder, os.path.dirname(folder)))
            check(named, f"{what}: the error does not name the folder: {msg}")
            check(re.search(reason, msg) is not None,
                  f"{what}: the error does not give the reason /{reason}/: {msg}")
            check("unexpected error" not in out, f"{what}: not an stz::Error: {msg}")
    check(not os.path.exists("/proc/stzkmc_no_such_dir"), "a folder appeared under /proc")


# ------------------------------------------------------------------ full disk

def csv_complete(path):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    if not text.endswith("\n"):
        return "does not end in a newline"
    rows = [ln for ln in text.split("\n")[:-1] if ln and not ln.startswith("#")]
    if not rows:
        return "no header"
    n = rows[0].count(",") + 1
    for i, r in enumerate(rows[1:], 2):
        if r.count(",") + 1 != n:
            return f"row {i} has {r.count(',') + 1} fields, the header {n}"
    return None


def npy_complete(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:6] != b"\x93NUMPY":
        return "no .npy magic"
    if raw[6] == 1:
        hlen, start = int.from_bytes(raw[8:10], "little"), 10
    else:
        hlen, start = int.from_bytes(raw[8:12], "little"), 12
    header = ast.literal_eval(raw[start:start + hlen].decode("latin1"))
    count = 1
    for d in header["shape"]:
        count *= d
    item = int(re.sub(r"\D", "", header["descr"]))
    data = len(raw) - start - hlen
    return None if data == count * item else f"{data} data bytes, the shape needs {count * item}"


def vti_complete(path):
    """VTK ImageData with raw appended data: every array's block (UInt64 byte count, then
    the bytes) lies inside the file, and the closing tags follow the last one."""
    with open(path, "rb") as f:
        raw = f.read()
    start = raw.find(b'<AppendedData encoding="raw">')
    if start < 0:
        return "no <AppendedData> element"
    data = raw.index(b"_", start) + 1
    offsets = sorted(int(m) for m in re.findall(rb'offset="(\d+)"', raw[:start]))
    end = data
    for off in offsets:
        head = raw[data + off:data + off + 8]
        if len(head) < 8:
            return f"array at offset {off} lies beyond the end of the file"
        end = data + off + 8 + int.from_bytes(head, "little")
        if end > len(raw):
            return f"array at offset {off} ends beyond the end of the file"
    tail = raw[end:].split()
    return None if tail == [b"</AppendedData>", b"</VTKFile>"] else f"after the data: {raw[end:][:60]!r}"


def text_complete(path):
    with open(path, "rb") as f:
        raw = f.read()
    return None if raw.endswith(b"\n") else "does not end in a newline"


def audit_folder(out_dir, label):
    """Checks every file under out_dir; returns the number of files checked."""
    n = 0
    for root, _, files in os.walk(out_dir):
        for name in files:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, out_dir)
            check(".tmp." not in name, f"{label}: temporary file left: {rel}")
            if ".tmp." in name:
                continue
            n += 1
            if name.endswith(".csv"):
                why = csv_complete(path)
                if why is None and name == "stress_strain.csv":
                    # The curve is committed when the run ends: it must reach the final
                    # strain of small_run.yaml (a cut at a line end parses, but stops short).
                    with open(path) as f:
                        last = f.read().splitlines()[-1]
                    if abs(float(last.split(",")[0]) - FINAL_STRAIN) > 1e-12:
                        why = f"the curve ends at strain {last.split(',')[0]}, not {FINAL_STRAIN}"
            elif name.endswith(".npy"):
                why = npy_complete(path)
            elif name.endswith(".vti"):
                why = vti_complete(path)
            elif name.endswith((".yaml", ".txt", ".md")):
                why = text_complete(path)
            else:
                why = None
                check(False, f"{label}: unexpected file {rel}")
            check(why is None, f"{label}: {rel} is incomplete: {why}")
    return n


def full_disk(exe, repo, scratch):
    params = os.path.join(repo, "tests", "cli", "data", "small_run.yaml")
    stopped = finished = 0
    for limit in (1024, 2048, 4096, 5000, 8192, 16384, 65536, 1 << 24):
        out_dir = os.path.join(scratch, f"fsize_{limit}")
        shutil.rmtree(out_dir, ignore_errors=True)
        # The folder exists before the limit applies (a limit on folders is not the point).
        os.makedirs(out_dir)
        rc, out = run([exe, "--threads", "1", "run", params, "--out", out_dir], fsize=limit)
        errs = error_lines(out)
        label = f"limit {limit} B"
        print(f"{label}: exit {rc}: {' | '.join(errs)}")
        if rc == 0:
            finished += 1
            check(not errs, f"{label}: exit 0 with errors: {errs}")
            check(os.path.isfile(os.path.join(out_dir, "run_info.yaml")),
                  f"{label}: exit 0 without run_info.yaml")
        else:
            stopped += 1
            msg = " ".join(errs)
            check(re.search(r"cannot write '[^']*/[^/']+\.(csv|npy|vti|yaml)'", msg) is not None,
                  f"{label}: the error does not name the file: {msg}")
            check("File too large" in msg, f"{label}: the error does not say 'File too large': {msg}")
            check("unexpected error" not in out, f"{label}: not an stz::Error: {msg}")
            check(rc not in (-signal.SIGXFSZ, 128 + signal.SIGXFSZ), f"{label}: killed by SIGXFSZ")
        n = audit_folder(out_dir, label)
        print(f"{label}: {n} files under their final names, all complete")
    check(stopped > 0, "no limit stopped a write: the test tested nothing")
    check(finished > 0, "the largest limit did not let the run finish")


# ------------------------------------------------------------------ scripts/atomic_write.py

HELPER_CHILD = r"""
import os, resource, signal, sys
sys.path.insert(0, os.path.join(sys.argv[1], "scripts"))
import atomic_write
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
target, kind = sys.argv[2], sys.argv[3]
try:
    if kind == "text":
        with atomic_write.open_atomic(target) as f:
            f.write("x" * 200000 + "\n")
    else:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import numpy as np
        fig, ax = plt.subplots(figsize=(12, 12))
        ax.imshow(np.random.default_rng(1).random((800, 800)))  # noise: a large PNG
        atomic_write.save_figure(fig, target, dpi=100)
except OSError as e:
    print(f"OSError: {e}")
    sys.exit(3)
sys.exit(0)
"""


def scripts_helper(_exe, repo, scratch):
    sys.path.insert(0, os.path.join(repo, "scripts"))
    import atomic_write
    for kind, name in (("text", "report.md"), ("figure", "plot.png")):
        target = os.path.join(scratch, name)
        with open(target, "w") as f:
            f.write("previous complete version\n")
        p = subprocess.run([sys.executable, "-c", HELPER_CHILD, repo, target, kind],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
        print(f"{kind} under a 64 kB limit: exit {p.returncode}: {p.stdout.strip()[-200:]}")
        check(p.returncode == 3 and "File too large" in p.stdout,
              f"{kind}: expected OSError 'File too large', got exit {p.returncode}: {p.stdout[-300:]}")
        with open(target) as f:
            check(f.read() == "previous complete version\n", f"{kind}: the earlier {name} was changed")
        left = [n for n in os.listdir(scratch) if ".tmp." in n]
        check(not left, f"{kind}: temporaries left: {left}")
    # Without a limit: written whole, and an exception inside the block keeps the old file.
    target = os.path.join(scratch, "report.md")
    with atomic_write.open_atomic(target) as f:
        f.write("new\n")
    check(open(target).read() == "new\n", "open_atomic did not replace the file")
    try:
        with atomic_write.open_atomic(target) as f:
            f.write("half")
            raise RuntimeError("stop")
    except RuntimeError:
        pass
    check(open(target).read() == "new\n", "an exception inside open_atomic changed the file")
    check(not [n for n in os.listdir(scratch) if ".tmp." in n], "temporaries left after an exception")


def main():
    mode, exe, repo, scratch = sys.argv[1:5]
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    {"unwritable": unwritable, "full_disk": full_disk, "scripts_helper": scripts_helper}[mode](exe, repo, scratch)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
