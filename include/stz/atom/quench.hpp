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
//   checkpoint.bin     while the job runs (docs/checkpoints.md); deleted when it finishes
#include <filesystem>
#include <string>

#include "stz/atom/checkpoint.hpp"
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
///
/// Checkpoints (`checkpoint` settings): after any MD step once `every_s` has passed or a
/// SIGINT/SIGTERM was recorded (then it throws stz::Interrupted after writing), and before
/// the minimization; a signal during the minimization stops it and saves the state before
/// it. With `checkpoint.resume` the job continues from out_dir/checkpoint.bin, which must
/// have been written for the same resolved recipe (quench_checkpoint_key), and finishes
/// with the files of an uninterrupted run (summary.yaml's wall_s aside).
QuenchSummary run_quench(const QuenchRecipe& recipe, const std::filesystem::path& out_dir,
                         const CheckpointSettings& checkpoint = {});

/// The key of a quench's checkpoints: SHA-256 of the resolved recipe (to_yaml()).
[[nodiscard]] std::string quench_checkpoint_key(const QuenchRecipe& recipe);

}  // namespace stz::atom
