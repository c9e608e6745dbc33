#!/usr/bin/env python3
"""Checks `stzkmc atom eval` output against LAMMPS golden values (or a live LAMMPS run).

Usage:
  check_eval.py golden STZKMC DATAFILE POTENTIAL REF.ref FORCES.dump WORKDIR
  check_eval.py live STZKMC LMP EVAL.in POTENTIAL WORKDIR SEED
The live form writes a random Cu64Zr36 configuration in a tilted box (numpy, SEED), runs
LAMMPS on it (EVAL.in) and stzkmc on it, and compares; exit 77 (skipped) without LAMMPS.
Tolerances are the issue's: 1e-8 eV/atom, 1e-6 eV/Å, 1e-4 GPa (1 bar).
"""
import os
import shutil
import subprocess
import sys

import numpy as np


def stzkmc_eval(exe, data, pot, forces_csv):
    out = subprocess.run([exe, "atom", "eval", data, "--potential", pot, "--elements", "Cu,Zr",
                          "--forces", forces_csv], check=True, capture_output=True, text=True).stdout
    kv = {}
    for line in out.splitlines():
        if ":" in line and not line.startswith("#"):
            k, _, v = line.partition(":")
            kv[k.strip()] = v.split("#")[0].strip()
    f = np.genfromtxt(forces_csv, delimiter=",", skip_header=1, usecols=(0, 3, 4, 5))
    return kv, f


def read_ref(path):
    out = {}
    for line in open(path):
        if line.strip() and not line.startswith("#"):
            k, v = line.split()[:2]
            out[k] = float(v)
    return out


def read_dump_forces(path):
    lines = open(path).read().splitlines()
    k = next(i for i, l in enumerate(lines) if l.startswith("ITEM: ATOMS"))
    cols = lines[k].split()[2:]
    rows = np.array([[float(x) for x in l.split()] for l in lines[k + 1:] if l.strip()])
    return rows[:, [cols.index("id"), cols.index("fx"), cols.index("fy"), cols.index("fz")]]


def compare(kv, f_ours, ref, f_ref, natoms):
    de = abs(float(kv["energy_eV"]) - ref["pe_eV"]) / natoms
    worst_p = 0.0
    for c in ("xx", "yy", "zz", "xy", "xz", "yz"):
        # stzkmc prints stress (tension > 0) in GPa; LAMMPS pressure (compression > 0) in bar.
        worst_p = max(worst_p, abs(-float(kv[f"stress_{c}_GPa"]) * 1e4 - ref[f"p{c}_bar"]))
    a = f_ours[np.argsort(f_ours[:, 0])]
    b = f_ref[np.argsort(f_ref[:, 0])]
    df = np.abs(a[:, 1:] - b[:, 1:]).max()
    print(f"energy {de:.2e} eV/atom (< 1e-8), stress {worst_p:.2e} bar (< 1), forces {df:.2e} eV/A (< 1e-6)")
    return de < 1e-8 and worst_p < 1.0 and df < 1e-6


def random_config(path, seed, n=300):
    rng = np.random.default_rng(seed)
    lx, ly, lz = 17.5, 18.0, 16.5
    xy, xz, yz = 2.1, -1.7, 1.3
    H = np.array([[lx, xy, xz], [0, ly, yz], [0, 0, lz]])
    Hi = np.linalg.inv(H)
    pos = []
    while len(pos) < n:
        p = H @ rng.random(3)
        ok = True
        for q in pos:
            s = Hi @ (p - q)
            s -= np.round(s)
            if np.linalg.norm(H @ s) < 2.15:
                ok = False
                break
        if ok:
            pos.append(p)
    types = np.where(rng.permutation(n) < int(round(0.36 * n)), 2, 1)
    with open(path, "w") as f:
        f.write(f"random Cu64Zr36 seed {seed}\n\n{n} atoms\n2 atom types\n\n"
                f"-1.5 {lx - 1.5} xlo xhi\n0.25 {ly + 0.25} ylo yhi\n0 {lz} zlo zhi\n{xy} {xz} {yz} xy xz yz\n\n"
                "Masses\n\n1 63.546\n2 91.224\n\nAtoms # atomic\n\n")
        for i, (p, t) in enumerate(zip(pos, types)):
            f.write(f"{i + 1} {t} {p[0] - 1.5:.17g} {p[1] + 0.25:.17g} {p[2]:.17g}\n")


def main():
    mode = sys.argv[1]
    if mode == "golden":
        exe, data, pot, ref, dump, work = sys.argv[2:8]
        os.makedirs(work, exist_ok=True)
        kv, f = stzkmc_eval(exe, data, pot, os.path.join(work, "forces.csv"))
        return 0 if compare(kv, f, read_ref(ref), read_dump_forces(dump), int(kv["atoms"].split()[0])) else 1
    exe, lmp, eval_in, pot, work, seed = sys.argv[2:8]
    if shutil.which(lmp) is None:
        print(f"skipped: no LAMMPS executable '{lmp}' (scripts/test.sh installs Debian's lammps)")
        return 77
    os.makedirs(work, exist_ok=True)
    data = os.path.join(work, "live.data")
    random_config(data, int(seed))
    subprocess.run([shutil.which(lmp), "-in", os.path.abspath(eval_in), "-log", "none", "-screen", "none",
                    "-var", "data", data, "-var", "out", os.path.join(work, "live"), "-var", "pot", pot],
                   check=True, cwd=work)
    kv, f = stzkmc_eval(exe, data, pot, os.path.join(work, "forces.csv"))
    return 0 if compare(kv, f, read_ref(os.path.join(work, "live.ref")),
                        read_dump_forces(os.path.join(work, "live.forces")), int(kv["atoms"].split()[0])) else 1


if __name__ == "__main__":
    sys.exit(main())
