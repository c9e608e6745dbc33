#!/usr/bin/env python3
"""Writes init.data: fcc Cu, 3x3x3 conventional cells at Mendelev's relaxed a = 3.639085 A,
the site at the origin empty (107 atoms). Atom 1 at (a/2, a/2, 0) is the one that hops
into the vacancy in the NEB of neb.in (make_reference.sh)."""
a = 3.639085
sites = []
for k in range(3):
    for j in range(3):
        for i in range(3):
            for b in [(0, 0, 0), (0.5, 0.5, 0), (0.5, 0, 0.5), (0, 0.5, 0.5)]:
                sites.append(((i + b[0]) * a, (j + b[1]) * a, (k + b[2]) * a))
L = 3 * a
with open("init.data", "w") as f:
    f.write(f"fcc Cu 3x3x3 with a vacancy at the origin; a = {a}\n\n{len(sites) - 1} atoms\n1 atom types\n\n"
            f"0 {L} xlo xhi\n0 {L} ylo yhi\n0 {L} zlo zhi\n\nMasses\n\n1 63.546 # Cu\n\nAtoms # atomic\n\n")
    for n, s in enumerate(sites[1:]):
        f.write(f"{n + 1} 1 {s[0]:.10f} {s[1]:.10f} {s[2]:.10f}\n")
