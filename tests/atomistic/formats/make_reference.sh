#!/usr/bin/env bash
# Regenerates the golden files of tests/atomistic/formats with LAMMPS (Debian `lammps`,
# made with "LAMMPS 29 Sep 2021 - Update 2"): the two derived potentials, then one
# evaluation of each configuration with each of them. Run from any directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
LMP="${LMP:-lmp}"
/usr/bin/python3 make_potentials.py
for cfg in random_tri150 small_tri12; do
    "$LMP" -in eval.in -log none -screen none -var data "$cfg.data" -var style eam/fs \
        -var pot CuZr_asym.eam.fs -var out "${cfg}_asym"
    "$LMP" -in eval.in -log none -screen none -var data "$cfg.data" -var style eam/alloy \
        -var pot CuZr_setfl.eam.alloy -var out "${cfg}_setfl"
done
