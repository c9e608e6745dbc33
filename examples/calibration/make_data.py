#!/usr/bin/env python3
"""Writes the synthetic calibration inputs of this folder (committed; rerun to regenerate).

NOT atomistic data: numbers drawn from known parameters shaped like paper 003's Cu-Zr
results, so that `stzkmc calibrate calibrate.yaml` can be checked against the truth:

  processing map   Q(rate) = 2.7667 - 0.13333 log10(rate / (K/s))  (003: 1.8 / 2.0 / 2.2 eV at
                   10^7.25 / 10^5.75 / 10^4.25 K/s), AEBS width 0.2 eV
  softening        Q(e) = max(Q_sat, Q0 exp(-kappa e^2)), kappa = 52 (003: 13 + 39),
                   Q_sat = 1.2 eV, in the glass quenched at 1e10 K/s (Q0 = 1.433 eV)
  displacements    d = d0 exp(e_d / (k_B T_f)), e_d = 0.146 eV, d(800 K) = 1 A, 25 % scatter
  STZ clusters     log-normal, median 17 atoms, sigma 0.4 (mean 18.4 atoms)
  material         atomic volume 18.3 A^3, cohesive energy 4.82 eV (E_f = 2.41 eV)

Usage: make_data.py [OUT_DIR]   (default: this script's folder)
"""
import math
import os
import sys

import numpy as np

KB = 8.617333262e-5  # eV/K
A, B = 2.0 + 0.2 / 1.5 * 5.75, -0.2 / 1.5
WIDTH = 0.2
KAPPA, QSAT = 52.0, 1.2
ED, T_REF = 0.146, 800.0
GLASSES = [(1e9, 740.0), (10 ** 9.5, 770.0), (1e10, 800.0), (10 ** 10.5, 830.0)]
STRAINED_RATE = 1e10


def q_map(rate):
    return A + B * math.log10(rate)


def barrier(rng, mean):
    while True:
        b = rng.normal(mean, WIDTH)
        if b > 0:
            return b


def displacement(rng, tf):
    d0 = 1.0 / math.exp(ED / (KB * T_REF))
    while True:
        d = d0 * math.exp(ED / (KB * tf)) * (1 + 0.25 * rng.normal())
        if d > 0.05:
            return d


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    rng = np.random.default_rng(2026)
    rows = []
    for rate, tf in GLASSES:
        q0 = q_map(rate)
        if rate == STRAINED_RATE:
            # Sheared glass (003 Fig. 1): most atoms barely strained, a shear band up to 0.35.
            for i in range(2400):
                e = abs(rng.normal(0, 0.03)) if i % 20 < 11 else rng.uniform(0.03, 0.35)
                mean = max(QSAT, q0 * math.exp(-KAPPA * e * e))
                rows.append((barrier(rng, mean), e, displacement(rng, tf), rate, tf, "sheared"))
        else:
            for _ in range(300):
                e = abs(rng.normal(0, 0.01))
                mean = max(QSAT, q0 * math.exp(-KAPPA * e * e))
                rows.append((barrier(rng, mean), e, displacement(rng, tf), rate, tf, "as-quenched"))
    with open(os.path.join(out, "art_events.csv"), "w") as f:
        f.write("# synthetic ART events (examples/calibration/make_data.py), not atomistic data\n")
        f.write("barrier_eV,local_vm_strain,max_displacement_A,cooling_rate_K_per_s,fictive_T_K,sample\n")
        for b, e, d, rate, tf, s in rows:
            f.write(f"{b:.5f},{e:.5f},{d:.4f},{rate:.6g},{tf:.1f},{s}\n")
    with open(os.path.join(out, "barrier_vs_cooling_rate.csv"), "w") as f:
        f.write("# synthetic: mean unstrained barrier of 400 ART events per glass\n")
        f.write("cooling_rate_K_per_s,barrier_mean_eV,barrier_std_eV,count\n")
        for x in (9.0, 9.5, 10.0, 10.5, 11.0):
            b = np.array([barrier(rng, q_map(10 ** x)) for _ in range(400)])
            f.write(f"{10 ** x:.6g},{b.mean():.5f},{b.std(ddof=1):.5f},{len(b)}\n")
    with open(os.path.join(out, "stz_clusters.csv"), "w") as f:
        f.write("# synthetic D2min clusters of shear-transformed atoms\n")
        f.write("size_atoms,sample\n")
        for _ in range(500):
            f.write(f"{max(1, round(math.exp(rng.normal(math.log(17.0), 0.4))))},sheared\n")


if __name__ == "__main__":
    main()
