#!/usr/bin/env python3
"""Regression check: stzkmc's melt-quench glass against LAMMPS's with the same protocol.

Usage: check_quench_vs_lammps.py REFERENCE.ref RUN_DIR [RUN_DIR ...]

REFERENCE.ref is tests/atomistic/data/quench_reference.ref (LAMMPS, 5 seeds). Each RUN_DIR
is an `stzkmc atom quench tests/atomistic/quench_lammps_protocol.yaml --seed S` folder.
The final (minimized) energy per atom of a glass quenched at 1e14 K/s scatters from seed
to seed with the LAMMPS sample standard deviation s (~0.002 eV/atom); both codes sample
the same distribution, so the difference of the means is compared with
3 s sqrt(1/n_lammps + 1/n_ours) (a 3-sigma bound: a false alarm about 1 time in 370).
The volume per atom is checked the same way.
"""
import sys


def read_kv(path):
    out = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            key, _, value = line.partition(":") if ":" in line else line.partition(" ")
            out[key.strip()] = value.strip()
    return out


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    ref = {k: float(v) for k, v in read_kv(sys.argv[1]).items()}
    runs = [read_kv(d + "/summary.yaml") for d in sys.argv[2:]]
    n_l, n_o = ref["n_seeds"], len(runs)
    ok = True
    for key, summary_key in (("pe_per_atom_eV", "glass_pe_per_atom_eV"),
                             ("volume_per_atom_A3", "glass_volume_per_atom_A3")):
        values = [float(r[summary_key]) for r in runs]
        mean = sum(values) / n_o
        s = ref[key + "_std"]
        bound = 3 * s * (1 / n_l + 1 / n_o) ** 0.5
        diff = mean - ref[key + "_mean"]
        status = "ok" if abs(diff) <= bound else "FAIL"
        ok = ok and status == "ok"
        print(f"{key}: stzkmc {mean:.5f} (n={n_o}: {', '.join(f'{v:.5f}' for v in values)}) "
              f"LAMMPS {ref[key + '_mean']:.5f} ± {ref[key + '_se']:.5f} (n={n_l:.0f}); "
              f"difference {diff:+.5f}, bound ±{bound:.5f}: {status}")
    for r in runs:
        if r.get("minimize_converged") != "true":
            print("FAIL: a minimization did not converge")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
