#!/usr/bin/env python3
"""Independent numpy re-implementation of LAMMPS pair_style eam/fs (29 Sep 2021),
used to cross-check the golden data and to pin down the conventions a C++
engine must follow.  Not needed to regenerate the data; make_reference.sh runs
it at the end as a consistency check.

usage: check_eam.py POTENTIAL NAME[:DATANAME] ...
  reads DATANAME.data (default NAME.data), computes energy, forces and virial,
  and compares with NAME.ref / NAME.forces written by LAMMPS (eval.in).
  Exit status 1 if any difference exceeds 1e-8 (eV, eV/A; 1e-2 bar).

Conventions reproduced here (read from LAMMPS src/MANYBODY/pair_eam*.cpp):
  * setfl/FS file: 3 comment lines; "N el1 el2"; "nrho drho nr dr cutoff";
    per element: "Z mass a0 lattice", nrho values of F(rho), then N density
    functions of nr values each; after all elements the pair functions r*phi(r)
    for (i, j<=i) in the order 11, 21, 22.  Tabulation: value m (0-based) is
    at rho = m*drho resp. r = m*dr.
  * density index order: in the block of element A, the B-th density function
    is the density that an A atom CONTRIBUTES AT a B atom:
        rho_i = sum_j rho_[elem(j)][elem(i)](r_ij)
    (LAMMPS: rho[i] += rhor[type2rhor[jtype][itype]], type2rhor[a][b] = a*N+b).
  * interpolation: LAMMPS' own cubic (PairEAM::interpolate), coefficients from
    4th-order finite-difference slopes, NOT a natural spline; index
    m = min(int(x/dx), n-2) (0-based), fraction p = min(x/dx - m, 1).
  * F(rho) beyond rhomax = (nrho-1)*drho: linear extrapolation
    F(rhomax) + F'(rhomax)*(rho - rhomax)  [F' from the last interval at p=1].
  * cutoff: pairs with r < cutoff (strict) from the file's cutoff (7.6 A).
  * pressure: virial only, P_ab = (1/V) sum_{pairs i<j, images incl.}
    (r_i - r_j)_a F_ij,b with F_ij the (central) force on i due to j, i.e.
    pressure = -stress, positive = compressive; bar via nktv2p = 1.6021765e6.
  * LAMMPS' total pe and the sum of its pe/atom values differ by up to ~2e-10 eV
    for a few hundred atoms (different summation order), so compare totals
    with a relative tolerance of ~1e-12, not bitwise.
"""

import sys

import numpy as np

from make_configs import read_data, read_fs

NKTV2P = 1.6021765e6  # eV/A^3 -> bar, LAMMPS metal units


def interpolate(f, delta):
    """LAMMPS PairEAM::interpolate, 0-based; returns (n,7) coefficients."""
    n = len(f)
    s = np.zeros((n, 7))
    s[:, 6] = f
    s[0, 5] = s[1, 6] - s[0, 6]
    s[1, 5] = 0.5 * (s[2, 6] - s[0, 6])
    s[n - 2, 5] = 0.5 * (s[n - 1, 6] - s[n - 3, 6])
    s[n - 1, 5] = s[n - 1, 6] - s[n - 2, 6]
    m = np.arange(2, n - 2)
    s[m, 5] = ((s[m - 2, 6] - s[m + 2, 6]) + 8.0 * (s[m + 1, 6] - s[m - 1, 6])) / 12.0
    m = np.arange(0, n - 1)
    s[m, 4] = 3.0 * (s[m + 1, 6] - s[m, 6]) - 2.0 * s[m, 5] - s[m + 1, 5]
    s[m, 3] = s[m, 5] + s[m + 1, 5] - 2.0 * (s[m + 1, 6] - s[m, 6])
    s[n - 1, 4] = 0.0
    s[n - 1, 3] = 0.0
    s[:, 2] = s[:, 5] / delta
    s[:, 1] = 2.0 * s[:, 4] / delta
    s[:, 0] = 3.0 * s[:, 3] / delta
    return s


def spline_eval(s, x, dx, n, clamp_low=False):
    p = x / dx + 1.0                       # LAMMPS 1-based
    m = p.astype(int)
    m = np.minimum(m, n - 1)
    if clamp_low:
        m = np.maximum(m, 1)
    p = p - m
    p = np.minimum(p, 1.0)
    c = s[m - 1]                           # back to 0-based rows
    val = ((c[:, 3] * p + c[:, 4]) * p + c[:, 5]) * p + c[:, 6]
    der = (c[:, 0] * p + c[:, 1]) * p + c[:, 2]
    return val, der


def neighbor_pairs(box, x, cut):
    """All directed pairs (i, j, d = x_j + image - x_i) with 0 < |d| < cut,
    including periodic images of j (and of i itself) in small boxes."""
    h = box.h()
    hinv = np.linalg.inv(h)
    s = (x - box.lo) @ hinv.T
    widths = box.widths()
    nmax = [int(np.ceil(cut / w)) + 1 for w in widths]
    shifts = np.array([[a, b, c] for a in range(-nmax[0], nmax[0] + 1)
                       for b in range(-nmax[1], nmax[1] + 1)
                       for c in range(-nmax[2], nmax[2] + 1)], dtype=float)
    n = len(x)
    I, J, D = [], [], []
    for i in range(n):
        ds = s - s[i]
        ds -= np.round(ds)
        cand = (ds[:, None, :] + shifts[None, :, :]) @ h.T     # (n, ns, 3)
        r2 = (cand ** 2).sum(axis=2)
        jj, kk = np.nonzero((r2 < cut * cut) & (r2 > 1e-20))
        I.append(np.full(len(jj), i))
        J.append(jj)
        D.append(cand[jj, kk])
    return np.concatenate(I), np.concatenate(J), np.concatenate(D)


def compute(pot, box, types, x, density_index="lammps"):
    nel = len(pot["elements"])
    nr, dr, nrho, drho, cut = pot["nr"], pot["dr"], pot["nrho"], pot["drho"], pot["cut"]
    fs = [interpolate(f, drho) for f in pot["frho"]]
    rs = [[interpolate(pot["rhor"][a][b], dr) for b in range(nel)] for a in range(nel)]
    zs = {k: interpolate(v, dr) for k, v in pot["z2r"].items()}
    e = types - 1
    I, J, D = neighbor_pairs(box, x, cut)
    r = np.sqrt((D ** 2).sum(axis=1))
    n = len(x)
    rho = np.zeros(n)
    rho_at_i = np.zeros(len(r))   # density at i from j
    drho_at_i = np.zeros(len(r))
    drho_at_j = np.zeros(len(r))  # density at j from i
    phi = np.zeros(len(r))
    dphi = np.zeros(len(r))
    for a in range(nel):
        for b in range(nel):
            sel = (e[I] == a) & (e[J] == b)
            if not sel.any():
                continue
            if density_index == "lammps":
                s_at_i, s_at_j = rs[b][a], rs[a][b]
            else:  # transposed hypothesis, for demonstration only
                s_at_i, s_at_j = rs[a][b], rs[b][a]
            v, d = spline_eval(s_at_i, r[sel], dr, nr)
            rho_at_i[sel], drho_at_i[sel] = v, d
            _, d = spline_eval(s_at_j, r[sel], dr, nr)
            drho_at_j[sel] = d
            z, zp = spline_eval(zs[(max(a, b), min(a, b))], r[sel], dr, nr)
            ph = z / r[sel]
            phi[sel] = ph
            dphi[sel] = zp / r[sel] - ph / r[sel]
    np.add.at(rho, I, rho_at_i)
    F = np.zeros(n)
    Fp = np.zeros(n)
    rhomax = (nrho - 1) * drho
    for a in range(nel):
        sel = e == a
        v, d = spline_eval(fs[a], rho[sel], drho, nrho, clamp_low=True)
        over = rho[sel] > rhomax
        v = v + np.where(over, d * (rho[sel] - rhomax), 0.0)
        F[sel], Fp[sel] = v, d
    epair = np.zeros(n)
    np.add.at(epair, I, 0.5 * phi)
    pe_atom = F + epair
    dEdr = dphi + Fp[I] * drho_at_i + Fp[J] * drho_at_j
    fvec = (dEdr / r)[:, None] * D           # force on i from this pair
    forces = np.zeros((n, 3))
    np.add.at(forces, I, fvec)
    W = -0.5 * np.einsum("k,ka,kb->ab", dEdr / r, D, D)
    P = W / box.volume() * NKTV2P
    return pe_atom, forces, P, rho


def load_ref(name):
    kv = {}
    with open(name + ".ref") as f:
        for line in f:
            if line.startswith("#"):
                continue
            w = line.split()
            if len(w) == 2:
                kv[w[0]] = float(w[1])
    dump = np.loadtxt(name + ".forces", skiprows=9)
    return kv, dump


def main(argv):
    pot = read_fs(argv[1])
    worst = 0.0
    for arg in argv[2:]:
        name, _, dname = arg.partition(":")
        box, types, x, _ = read_data((dname or name) + ".data")
        kv, dump = load_ref(name)
        # use the positions LAMMPS actually had (its triclinic remap can change
        # the last bit of a coordinate)
        xl = dump[:, 2:5]
        pe_atom, f, P, _ = compute(pot, box, types, xl)
        pe_t, f_t, _, _ = compute(pot, box, types, xl, density_index="transposed")
        de = abs(pe_atom.sum() - kv["pe_eV"]) / len(types)
        dpa = np.abs(pe_atom - dump[:, 8]).max()
        df = np.abs(f - dump[:, 5:8]).max()
        comps = [("pxx_bar", 0, 0), ("pyy_bar", 1, 1), ("pzz_bar", 2, 2),
                 ("pxy_bar", 0, 1), ("pxz_bar", 0, 2), ("pyz_bar", 1, 2)]
        dp = max(abs(P[a, b] - kv[k]) for k, a, b in comps)
        dft = np.abs(f_t - dump[:, 5:8]).max()
        print("%-14s |dE|/N=%.2e eV  max|dE_i|=%.2e eV  max|dF|=%.2e eV/A  max|dP|=%.2e bar"
              "   (transposed density index: |dE|/N=%.2e max|dF|=%.2e)"
              % (name, de, dpa, df, dp, abs(pe_t.sum() - kv["pe_eV"]) / len(types), dft))
        worst = max(worst, de, dpa, df, dp * 1e-6)
    return 0 if worst < 1e-8 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
