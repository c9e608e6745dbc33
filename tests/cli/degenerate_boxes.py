#!/usr/bin/python3
"""Degenerate atomistic boxes through `stzkmc atom eval` (docs/reliability.md, "Numerical
guards"); standard library only.

  degenerate_boxes.py STZKMC REPO SCRATCH

Each case is tests/atomistic/formats/small_tri12.data (12 atoms, 6.5 x 7 x 6 Å, tilted)
with other box bounds, evaluated with CuZr_mm.eam.fs (cutoff 7.6 Å, list radius 9.6 Å):

  thin      z edge 0.001 Å: 4.8e5 periodic images of each atom within the list radius:
            refused naming the widths and the list radius (was: a list of all those images
            built, then the EAM overlap check on an atom 0.001 Å from its own image; memory
            grows with atoms x images)
  tiny      edges of 1e-200 Å: the volume underflows to 0: refused naming the volume
  huge      edges of 1e12 Å (all 12 atoms near the origin): evaluates (exit 0) with the
            bins capped (was: width / (rlist / 2) = 2e11 converted to int, undefined
            behaviour that happened to give one bin)
  thinner than the cutoff but sane (the file as it is, 6 Å < 2 x 7.6 Å): evaluates, exit 0

Each refused case must exit 1 within 60 s with its message; each accepted one exit 0.
"""
import os
import re
import subprocess
import sys

# Mendelev's Cu-Zr potential from Debian's lammps-data (scripts/setup.sh installs it).
POTENTIAL = "/usr/share/lammps/potentials/CuZr_mm.eam.fs"


def main():
    exe, repo, scratch = sys.argv[1:4]
    os.makedirs(scratch, exist_ok=True)
    with open(os.path.join(repo, "tests", "atomistic", "formats", "small_tri12.data")) as f:
        base = f.read()
    potential = POTENTIAL

    def with_box(x, y, z, tilt="0 0 0"):
        text = re.sub(r"0 6\.5 xlo xhi\n0 7\.0 ylo yhi\n0 6\.0 zlo zhi\n1\.2 -0\.8 0\.9 xy xz yz",
                      f"0 {x} xlo xhi\n0 {y} ylo yhi\n0 {z} zlo zhi\n{tilt} xy xz yz", base)
        assert text != base or (x, y, z) == ("6.5", "7.0", "6.0")
        return text

    cases = [
        ("thin", with_box("6.5", "7.0", "0.001"), 1,
         r"neighbour list: the box is too thin for the cutoff: perpendicular widths 6\.5 x 7 x 0\.001 Å.*"
         r"need .* periodic images of each atom; expected at most 1e5"),
        ("tiny", with_box("1e-200", "1e-200", "1e-200"), 1,
         r"box volume 0 Å\^3 of 1e-200 x 1e-200 x 1e-200 Å is not a positive finite number"),
        ("huge", with_box("1e12", "1e12", "1e12"), 0, r"energy|eV"),
        ("sane_thin", base, 0, r"energy|eV"),
    ]
    failures = 0
    for name, text, want_rc, pattern in cases:
        path = os.path.join(scratch, f"{name}.data")
        with open(path, "w") as f:
            f.write(text)
        p = subprocess.run([exe, "--threads", "1", "atom", "eval", path, "--potential", potential],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
        out = p.stdout.strip()
        print(f"{name}: exit {p.returncode}: {out[-400:]}")
        ok = p.returncode == want_rc and re.search(pattern, out) is not None and "unexpected error" not in out
        if not ok:
            failures += 1
            print(f"FAIL: {name}: expected exit {want_rc} and /{pattern}/")
    print("all checks passed" if failures == 0 else f"{failures} case(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
