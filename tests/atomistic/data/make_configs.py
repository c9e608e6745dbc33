#!/usr/bin/env python3
"""Configuration generator and post-processing helpers for the LAMMPS golden data.

Called by make_reference.sh; every random number comes from numpy's PCG64
generator with a fixed seed, so the output is deterministic.

Sub-commands
  random                 write random_ortho.data, random_tri.data, small_tri.data
  canonical IN OUT TITLE rewrite a LAMMPS write_data file in the canonical form
                         used here (header, Masses, "Atoms # atomic" with
                         id type x y z at 17 significant digits; image flags and
                         velocities dropped -- positions are already wrapped)
  quench-summary DIR     collect DIR/quench_seed*.txt into quench_reference.csv
                         and quench_reference.ref
  info FILE...           print natoms, composition, volume, density and the
                         perpendicular box widths of data files

Box convention (LAMMPS): edge vectors a = (lx,0,0), b = (xy,ly,0),
c = (xz,yz,lz); origin (xlo,ylo,zlo); x = origin + s0*a + s1*b + s2*c with
fractional s in [0,1).
"""

import os
import sys

import numpy as np

MASSES = {1: 63.546, 2: 91.224}  # 1 = Cu, 2 = Zr
HERE = os.path.dirname(os.path.abspath(__file__))


def fmt(v):
    return "%.17g" % v


class Box:
    def __init__(self, lo, l, tilt=(0.0, 0.0, 0.0)):
        self.lo = np.array(lo, dtype=float)
        self.l = np.array(l, dtype=float)
        self.tilt = tuple(float(t) for t in tilt)  # xy xz yz

    @property
    def triclinic(self):
        return any(t != 0.0 for t in self.tilt)

    def h(self):
        """Columns are the edge vectors a, b, c."""
        lx, ly, lz = self.l
        xy, xz, yz = self.tilt
        return np.array([[lx, xy, xz], [0.0, ly, yz], [0.0, 0.0, lz]])

    def volume(self):
        return float(np.prod(self.l))

    def widths(self):
        """Perpendicular distances between opposite faces."""
        h = self.h()
        a, b, c = h[:, 0], h[:, 1], h[:, 2]
        v = self.volume()
        return (v / np.linalg.norm(np.cross(b, c)),
                v / np.linalg.norm(np.cross(c, a)),
                v / np.linalg.norm(np.cross(a, b)))


IMAGES = np.array([[i, j, k] for i in (-1, 0, 1) for j in (-1, 0, 1)
                   for k in (-1, 0, 1)], dtype=float)


def min_image_dist(box, s_new, s_old):
    """Shortest periodic distance from fractional s_new to every row of s_old
    (checks the 27 images around the nearest-integer image, which is exact
    for boxes as mildly skewed as these)."""
    h = box.h()
    ds = s_old - s_new
    ds -= np.round(ds)
    # (n_old, 27, 3) fractional candidates -> Cartesian
    cand = ds[:, None, :] + IMAGES[None, :, :]
    cart = cand @ h.T
    return np.sqrt((cart ** 2).sum(axis=2)).min(axis=1)


def random_config(box, n_cu, n_zr, dmin, seed, max_tries=200000):
    rng = np.random.Generator(np.random.PCG64(seed))
    types = np.array([1] * n_cu + [2] * n_zr)
    rng.shuffle(types)
    n = n_cu + n_zr
    s = np.empty((0, 3))
    tries = 0
    while len(s) < n:
        cand = rng.random(3)
        tries += 1
        if tries > max_tries:
            raise RuntimeError("could not place atoms; density too high")
        if len(s) and min_image_dist(box, cand, s).min() < dmin:
            continue
        # the atom must also not see its own image closer than dmin
        s = np.vstack([s, cand])
    x = box.lo + s @ box.h().T
    return types, x, tries


def write_data(path, title, box, types, x):
    n = len(types)
    with open(path, "w") as f:
        f.write("LAMMPS data file: %s\n\n" % title)
        f.write("%d atoms\n2 atom types\n\n" % n)
        for d, name in enumerate("xyz"):
            f.write("%s %s %slo %shi\n" % (fmt(box.lo[d]), fmt(box.lo[d] + box.l[d]),
                                          name, name))
        if box.triclinic:
            f.write("%s %s %s xy xz yz\n" % tuple(fmt(t) for t in box.tilt))
        f.write("\nMasses\n\n")
        for t in (1, 2):
            f.write("%d %s\n" % (t, repr(MASSES[t])))
        f.write("\nAtoms # atomic\n\n")
        for i in range(n):
            f.write("%d %d %s %s %s\n" % (i + 1, types[i], fmt(x[i, 0]), fmt(x[i, 1]),
                                          fmt(x[i, 2])))


def read_data(path):
    """Minimal reader for LAMMPS data files with atom_style atomic."""
    with open(path) as f:
        lines = f.read().splitlines()
    lo = [0.0, 0.0, 0.0]
    l = [0.0, 0.0, 0.0]
    tilt = (0.0, 0.0, 0.0)
    natoms = None
    i = 1
    atoms = []
    while i < len(lines):
        line = lines[i].split("#")[0].strip()
        w = line.split()
        if len(w) >= 2 and w[1] == "atoms":
            natoms = int(w[0])
        elif len(w) == 4 and w[2].endswith("lo") and w[3].endswith("hi"):
            d = "xyz".index(w[2][0])
            lo[d] = float(w[0])
            l[d] = float(w[1]) - float(w[0])
        elif len(w) == 6 and w[3:] == ["xy", "xz", "yz"]:
            tilt = tuple(float(v) for v in w[:3])
        elif lines[i].startswith("Atoms"):
            i += 2
            while len(atoms) < natoms:
                w = lines[i].split()
                if w:
                    atoms.append((int(w[0]), int(w[1]), float(w[2]), float(w[3]),
                                  float(w[4])))
                i += 1
            continue
        i += 1
    atoms.sort()
    # lo + l is not always exactly the hi value that was read; keep hi exact
    box = Box(lo, l, tilt)
    box_hi = [lo[d] + l[d] for d in range(3)]
    types = np.array([a[1] for a in atoms])
    x = np.array([a[2:] for a in atoms])
    return box, types, x, box_hi


def canonical(src, dst, title):
    # re-read the bounds as strings so that hi is reproduced digit for digit
    with open(src) as f:
        raw = f.read().splitlines()
    bounds = {}
    tilt = None
    for line in raw:
        w = line.split()
        if len(w) == 4 and w[2] in ("xlo", "ylo", "zlo"):
            bounds[w[2][0]] = (float(w[0]), float(w[1]))
        elif len(w) == 6 and w[3:] == ["xy", "xz", "yz"]:
            tilt = tuple(float(v) for v in w[:3])
    box, types, x, _ = read_data(src)
    n = len(types)
    with open(dst, "w") as f:
        f.write("LAMMPS data file: %s\n\n" % title)
        f.write("%d atoms\n2 atom types\n\n" % n)
        for d in "xyz":
            f.write("%s %s %slo %shi\n" % (fmt(bounds[d][0]), fmt(bounds[d][1]), d, d))
        if tilt is not None:
            f.write("%s %s %s xy xz yz\n" % tuple(fmt(t) for t in tilt))
        f.write("\nMasses\n\n")
        for t in (1, 2):
            f.write("%d %s\n" % (t, repr(MASSES[t])))
        f.write("\nAtoms # atomic\n\n")
        for i in range(n):
            f.write("%d %d %s %s %s\n" % (i + 1, types[i], fmt(x[i, 0]), fmt(x[i, 1]),
                                          fmt(x[i, 2])))


def read_fs(path):
    with open(path) as f:
        lines = f.read().splitlines()
    w = lines[3].split()
    nel = int(w[0])
    elements = w[1:1 + nel]
    w = lines[4].split()
    nrho, drho, nr, dr, cut = int(w[0]), float(w[1]), int(w[2]), float(w[3]), float(w[4])
    stream = " ".join(lines[5:]).split()
    pos = 0
    frho, rhor, z2r, heads = [], [], {}, []
    for _ in range(nel):
        heads.append(stream[pos:pos + 4])  # Z mass a0 lattice
        pos += 4
        frho.append(np.array(stream[pos:pos + nrho], dtype=float))
        pos += nrho
        row = []
        for _ in range(nel):
            row.append(np.array(stream[pos:pos + nr], dtype=float))
            pos += nr
        rhor.append(row)
    for i in range(nel):
        for j in range(i + 1):
            z2r[(i, j)] = np.array(stream[pos:pos + nr], dtype=float)
            pos += nr
    return dict(elements=elements, nrho=nrho, drho=drho, nr=nr, dr=dr, cut=cut,
                frho=frho, rhor=rhor, z2r=z2r, heads=heads)


def info(path):
    box, types, x, _ = read_data(path)
    n = len(types)
    ncu = int((types == 1).sum())
    s = np.linalg.solve(box.h(), (x - box.lo).T).T
    dmin = np.inf
    for i in range(n):
        others = np.delete(s, i, axis=0)
        dmin = min(dmin, min_image_dist(box, s[i], others).min())
    print("%s: N=%d Cu=%d Zr=%d V=%.6f A^3 density=%.6f /A^3 widths=%s min_dist=%.4f A "
          "tilt=%s frac_range=[%.4f,%.4f]"
          % (os.path.basename(path), n, ncu, n - ncu, box.volume(), n / box.volume(),
             ",".join("%.4f" % w for w in box.widths()), dmin, box.tilt, s.min(), s.max()))


def make_random(outdir):
    specs = [
        # name, box, n_cu, n_zr, seed
        ("random_ortho.data",
         Box((0.0, 0.0, 0.0), (16.4, 16.25, 16.0)), 160, 90, 20240601),
        ("random_tri.data",
         Box((-3.2, 1.7, -0.6), (16.25, 16.25, 16.2), (3.25, -2.4375, 1.625)),
         160, 90, 20240602),
        ("small_tri.data",
         Box((0.5, -1.25, 2.0), (7.2, 7.0, 7.0), (1.4, -1.0, 0.7)), 13, 7, 20240603),
    ]
    for name, box, ncu, nzr, seed in specs:
        types, x, tries = random_config(box, ncu, nzr, 2.1, seed)
        title = ("%s: %d Cu + %d Zr random, min pair distance 2.1 A (periodic), "
                 "make_configs.py seed %d" % (name, ncu, nzr, seed))
        path = os.path.join(outdir, name)
        write_data(path, title, box, types, x)
        info(path)


def quench_summary(d):
    rows = []
    for fn in sorted(os.listdir(d)):
        if fn.startswith("quench_seed") and fn.endswith(".txt"):
            kv = {}
            with open(os.path.join(d, fn)) as f:
                for line in f:
                    w = line.split()
                    if len(w) == 2 and not line.startswith("#"):
                        kv[w[0]] = w[1]
            rows.append((int(kv["seed"]), kv["pe_per_atom_eV"], kv["volume_per_atom_A3"]))
    rows.sort()
    with open(os.path.join(HERE, "quench_reference.csv"), "w") as f:
        f.write("seed,pe_per_atom_eV,volume_per_atom_A3\n")
        for r in rows:
            f.write("%d,%s,%s\n" % r)
    e = np.array([float(r[1]) for r in rows])
    v = np.array([float(r[2]) for r in rows])
    n = len(rows)
    with open(os.path.join(HERE, "quench_reference.ref"), "w") as f:
        f.write("# Summary of quench_reference.csv: LAMMPS runs of quench_protocol.in\n"
                "# (450 atoms Cu64Zr36, Mendelev CuZr_mm.eam.fs, melt 2000 K 10 ps, linear\n"
                "# quench 2000->300 K at 1e14 K/s (17 ps), hold 300 K 4 ps, all NPT 0 bar;\n"
                "# then CG minimisation at fixed box). One line per key: key value.\n"
                "# std = sample standard deviation (n-1), se = std/sqrt(n). Units eV, A^3.\n")
        f.write("n_seeds %d\n" % n)
        for key, a in (("pe_per_atom_eV", e), ("volume_per_atom_A3", v)):
            sd = a.std(ddof=1) if n > 1 else 0.0
            f.write("%s_mean %s\n" % (key, fmt(a.mean())))
            f.write("%s_std %s\n" % (key, fmt(sd)))
            f.write("%s_se %s\n" % (key, fmt(sd / np.sqrt(n))))
    print(open(os.path.join(HERE, "quench_reference.ref")).read())


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    cmd = argv[1]
    if cmd == "random":
        make_random(argv[2] if len(argv) > 2 else HERE)
    elif cmd == "canonical":
        canonical(argv[2], argv[3], argv[4])
        info(argv[3])
    elif cmd == "quench-summary":
        quench_summary(argv[2])
    elif cmd == "info":
        for p in argv[2:]:
            info(p)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
