#!/usr/bin/env python3
"""Small, valid EAM files for the fuzz_eam_potential seed corpus.

Mendelev's CuZr_mm.eam.fs (Debian's lammps-data, 2.2 MB) resampled to a few grid points
per table, written as Finnis-Sinclair (eam/fs) and setfl (eam/alloy, the Cu->Cu and Zr->Zr
densities); a single-element setfl as well. The numbers are not a physical potential, only
a valid file layout for the fuzzer to mutate.

    fuzz/corpus/make_eam_seeds.py [/usr/share/lammps/potentials/CuZr_mm.eam.fs] [out_dir]
"""
import pathlib
import sys

N = 8  # points per table (the reader needs >= 5)


def main():
    src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else
                       "/usr/share/lammps/potentials/CuZr_mm.eam.fs")
    out = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else
                       pathlib.Path(__file__).parent / "fuzz_eam_potential")
    lines = src.read_text().splitlines()
    elements = lines[3].split()[1:]
    nrho, drho, nr, dr, cutoff = lines[4].split()
    nrho, nr, drho, dr = int(nrho), int(nr), float(drho), float(dr)
    tokens = " ".join(lines[5:]).split()
    pos = 0

    def take(n):
        nonlocal pos
        values = [float(t) for t in tokens[pos:pos + n]]
        pos += n
        return values

    def sample(values):
        step = len(values) // N
        return [values[k * step] for k in range(N)]

    heads, frho, rhor = [], [], {}
    for a in range(len(elements)):
        heads.append(" ".join(tokens[pos:pos + 4]))
        pos += 4
        frho.append(sample(take(nrho)))
        for b in range(len(elements)):
            rhor[a, b] = sample(take(nr))
    rphi = [sample(take(nr)) for a in range(len(elements)) for b in range(a + 1)]
    grid = f"{N} {drho * nrho / N:.6g} {N} {dr * nr / N:.6g} {cutoff}"

    def table(values):
        return " ".join(f"{v:.6g}" for v in values)

    def write(name, els, with_cross):
        body = ["fuzz seed: CuZr_mm.eam.fs resampled", "by fuzz/corpus/make_eam_seeds.py",
                "not a physical potential", f"{len(els)} " + " ".join(elements[a] for a in els), grid]
        for a in els:
            body += [heads[a], table(frho[a])]
            body += [table(rhor[a, b]) for b in els] if with_cross else [table(rhor[a, a])]
        for i, a in enumerate(els):
            for b in els[:i + 1]:
                body.append(table(rphi[a * (a + 1) // 2 + b]))
        (out / name).write_text("\n".join(body) + "\n")

    out.mkdir(parents=True, exist_ok=True)
    write("CuZr_small.eam.fs", [0, 1], True)
    write("CuZr_small.eam.alloy", [0, 1], False)
    write("Cu_small.eam.alloy", [0], False)


if __name__ == "__main__":
    main()
