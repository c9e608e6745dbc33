#!/usr/bin/env bash
# Vacancy migration barrier in fcc Cu with Mendelev's CuZr_mm.eam.fs (Cu only), by LAMMPS
# NEB (REPLICA package of Debian's lammps, 29 Sep 2021): 7 replicas, climbing image,
# quickmin, spring 5 eV/A^2, force tolerance 1e-3 eV/A. Writes vacancy_neb.ref. The cell
# (107 atoms, 3x3x3 conventional cells) is small: the barrier is that of this cell, which
# is what stzkmc's ART search on the same cell is compared with.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
LMP="${LMP:-lmp}"
/usr/bin/python3 make_vacancy.py
"$LMP" -in prep.in -log none -screen none          # init_min.data, final.dump
{ echo 107; tail -n 107 final.dump | awk '{print $1, $2, $3, $4}'; } > final.coords
mpirun --allow-run-as-root --oversubscribe -np 7 "$LMP" -partition 7x1 -in neb.in -log log.neb -screen none
# Last line of the master log: columns 7, 8 are EBF, EBR (forward and backward barriers).
last="$(grep -E '^[0-9]+ ' log.neb | tail -n 1)"
{
    echo "# LAMMPS NEB (neb.in), vacancy hop in fcc Cu, CuZr_mm.eam.fs, 107 atoms, a = 3.639085 A"
    echo "barrier_forward_eV $(echo "$last" | awk '{print $7}')"
    echo "barrier_backward_eV $(echo "$last" | awk '{print $8}')"
    echo "initial_energy_eV $(echo "$last" | awk '{print $11}')"
} > vacancy_neb.ref
rm -f log.neb log.neb.* log.lammps.* screen.* tmp.lammps.variable final.dump
cat vacancy_neb.ref
