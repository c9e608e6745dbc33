#!/usr/bin/env python3
"""Writes two small EAM files derived from Mendelev's CuZr_mm.eam.fs (Debian lammps-data)
that exercise the parts of the format conventions CuZr_mm itself cannot:

  CuZr_asym.eam.fs    Finnis-Sinclair with ASYMMETRIC cross densities (rho_CuZr scaled by
                      1.25, rho_ZrCu by 0.8; in CuZr_mm they are equal), so a swapped
                      from/at index order changes the energy.
  CuZr_setfl.eam.alloy  setfl (eam/alloy) form: one density per element (rho_CuCu for Cu,
                      rho_ZrZr for Zr).

Both keep every 10th table point (1000 points) to stay small. They are test inputs, not
physical potentials. Usage: make_potentials.py [/path/to/CuZr_mm.eam.fs]
"""
import sys

src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/lammps/potentials/CuZr_mm.eam.fs"
lines = open(src).read().split("\n")
tok = " ".join(lines[5:]).split()
nrho, drho, nr, dr, cut = 10000, 0.03, 10000, 7.6e-4, 7.6
head = lines[4].split()
assert int(head[0]) == nrho and int(head[2]) == nr, "unexpected CuZr_mm.eam.fs header"
k = 0
def take(n):
    global k
    out = tok[k:k + n]
    k += n
    return [float(v) for v in out]
elements = []
for name in ("Cu", "Zr"):
    h = tok[k:k + 4]
    k += 4
    F = take(nrho)
    rho = [take(nr), take(nr)]
    elements.append((name, h, F, rho))
phi = [take(nr), take(nr), take(nr)]  # CuCu, ZrCu, ZrZr
assert k == len(tok), "trailing data in the source file"

step = 10
def dec(v):
    return v[::step]
n2 = nrho // step

def table(f, v):
    for i in range(0, len(v), 5):
        f.write(" ".join(f"{x:.12e}" for x in v[i:i + 5]) + "\n")

def header(f, title):
    f.write(f"{title}\nderived from CuZr_mm.eam.fs (M.I. Mendelev) by tests/atomistic/formats/make_potentials.py\n")
    f.write("test input only, not a physical potential\n2 Cu Zr\n")
    f.write(f"{n2} {drho * step:.16e} {n2} {dr * step:.16e} {cut:.16e}\n")

scale = {(0, 1): 1.25, (1, 0): 0.8}
with open("CuZr_asym.eam.fs", "w") as f:
    header(f, "Finnis-Sinclair test file with asymmetric cross densities")
    for a, (name, h, F, rho) in enumerate(elements):
        f.write(" ".join(h) + "\n")
        table(f, dec(F))
        for b in range(2):
            table(f, [scale.get((a, b), 1.0) * x for x in dec(rho[b])])
    for p in phi:
        table(f, dec(p))
with open("CuZr_setfl.eam.alloy", "w") as f:
    header(f, "setfl test file")
    for a, (name, h, F, rho) in enumerate(elements):
        f.write(" ".join(h) + "\n")
        table(f, dec(F))
        table(f, dec(rho[a]))
    for p in phi:
        table(f, dec(p))
