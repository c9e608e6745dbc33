#pragma once
// Glass preparation (`stzkmc atom quench`): runs a QuenchRecipe and writes its results.
//
// Output folder:
//   recipe.yaml        the resolved recipe (every default filled in), version, seed
//   initial.data       the starting structure
//   melt.data          after the melt
//   quenched.data      after the quench and the hold (velocities kept)
//   glass.data         after minimization (the inherent structure); = quenched.data if
//                      minimization is disabled
//   cooling_curve.csv  step, time, stage, target and actual T, pe/atom, volume/atom, P
//   summary.yaml       final energies, volume, density, minimization and swap statistics
//   trajectory.dump    if output.dump_every_steps > 0
#include <filesystem>

#include "stz/atom/quench_recipe.hpp"

namespace stz::atom {

struct QuenchSummary {
    std::size_t atoms = 0;
    double quenched_pe_per_atom_eV = 0;   ///< at the end of the hold, eV/atom
    double glass_pe_per_atom_eV = 0;      ///< after minimization, eV/atom
    double glass_volume_per_atom_A3 = 0;  ///< Å^3/atom
    double glass_pressure_bar = 0;
    long md_steps = 0;
    long swaps_attempted = 0, swaps_accepted = 0;
    long min_iterations = 0;
    bool min_converged = false;
    double wall_s = 0;
};

/// Runs the recipe, writing into `out_dir` (created if needed). Progress is logged.
QuenchSummary run_quench(const QuenchRecipe& recipe, const std::filesystem::path& out_dir);

}  // namespace stz::atom
