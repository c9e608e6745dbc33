#pragma once
// Athermal quasistatic (AQS) simple shear (paper 001, MODEL.md §8): from an energy
// minimum, repeatedly tilt the box by a small engineering shear strain, map the atoms
// affinely, minimize at fixed box and record the shear stress. A stress drop between two
// consecutive minima is a plastic event; the two minima that bracket it are handed to a
// callback (and, by run_aqs_job, written as LAMMPS data files).
//
// Shear planes (LAMMPS triclinic convention, a = (lx,0,0), b = (xy,ly,0), c = (xz,yz,lz)):
//   "xy": tilt xy += γ ly, x displaced along y (x += γ (y - ylo)); stress component xy
//   "xz": tilt xz += γ lz, x displaced along z;                     stress component xz
//   "yz": tilt yz += γ lz, y displaced along z;                     stress component yz
// The affine map is done in fractional coordinates (exact for any starting tilt).
//
// Sign convention: shear stress σ = -W/V (W the virial of EamForce, V the volume), i.e.
// minus LAMMPS's pressure tensor component. It is positive when the sample resists a
// positive shear, and along a minimized path dE/dγ = V σ (the work theorem the tests check).
//
// Box flips (LAMMPS keeps |xy| <= lx/2 by flipping) are not implemented: a step that
// would take |xy| or |xz| beyond lx/2, or |yz| beyond ly/2, throws stz::Error.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <functional>
#include <string>
#include <vector>

#include "stz/atom/atoms.hpp"
#include "stz/atom/checkpoint.hpp"
#include "stz/atom/eam_force.hpp"
#include "stz/atom/minimize.hpp"

namespace stz::atom {

/// Default noise floor for stress drops when drop_threshold_GPa is 0, GPa. A minimum
/// converged to a force 2-norm of 1e-6 eV/Å has stress errors far below this, and the
/// elastic stress increase per step (shear modulus ~30 GPa times γ_step 1e-5) is 3e-4 GPa.
inline constexpr double kAqsDropNoiseFloorGPa = 1e-4;

/// The default minimizer of AQS: CG at fixed box, stop at a force 2-norm of 1e-6 eV/Å
/// (energy tolerance off), up to 100000 iterations.
MinimizeSettings default_aqs_minimizer();

struct AqsSettings {
    double strain_step = 1e-5;      ///< engineering shear strain increment γ per step (paper 001)
    double max_strain = 0.1;        ///< stop once γ reaches this (steps = round(max_strain/strain_step))
    std::string plane = "xy";       ///< "xy", "xz" or "yz" (see the file comment)
    MinimizeSettings minimizer = default_aqs_minimizer();  ///< box must be BoxRelax::none
    /// A drop is recorded when σ falls by more than this between consecutive minima;
    /// 0 means kAqsDropNoiseFloorGPa.
    double drop_threshold_GPa = 0.0;
};

/// One minimized state of the shear curve.
struct AqsPoint {
    std::size_t step = 0;           ///< 0: the minimized initial state
    double strain = 0;              ///< γ relative to the initial box
    double shear_stress_GPa = 0;    ///< σ = -W/V of the plane's component
    double pressure_GPa = 0;        ///< trace(W)/(3V), positive in compression
    double energy_per_atom_eV = 0;
    long min_iterations = 0;
    bool min_converged = false;
};

/// A stress drop between points step-1 and step.
struct AqsDrop {
    std::size_t step = 0;           ///< index of the point after the drop
    double strain = 0;              ///< strain of that point
    double stress_before_GPa = 0, stress_after_GPa = 0;
};

struct AqsResult {
    std::vector<AqsPoint> curve;    ///< curve[k] is step k
    std::vector<AqsDrop> drops;
    long unconverged_minimizations = 0;
};

/// Where an AQS run stands after a step: enough to continue it exactly (with the atoms,
/// which are the minimum of step `steps_done`).
struct AqsProgress {
    std::size_t steps_done = 0;     ///< steps 0 .. steps_done are on the curve
    double tilt0 = 0, height = 0;   ///< the plane's tilt and reference height at the start, Å
    AqsResult result;               ///< curve, drops and counters so far
};

struct AqsCallbacks {
    std::function<void(const AqsPoint&)> on_point;
    /// `before` is the minimum of point step-1, `after` that of point step.
    std::function<void(const AqsDrop&, const Atoms& before, const Atoms& after)> on_drop;
    /// After each step (point and drop handled; `atoms` is its minimum): a job writes its
    /// checkpoints here. `stopped` is true when the minimization of the next step was
    /// stopped by MinimizeSettings::stop_requested: the atoms are back at this step's
    /// minimum, and run_aqs throws stz::Error after the call unless the callback throws
    /// (stz::Interrupted) itself. The initial minimization (step 0) is never stopped.
    std::function<void(const AqsProgress&, const Atoms& atoms, bool stopped)> on_step_end;
};

/// Throws stz::Error naming the first invalid setting.
void validate(const AqsSettings& settings);

/// Runs AQS shear on `atoms` in place (final state: the last minimum, sheared box).
/// Minimizes the initial state first (point 0).
///
/// With `resume`, continues a run from its progress after step resume->steps_done, with
/// `atoms` that step's minimum (as on_step_end saw them): the result is bitwise that of an
/// uninterrupted run.
AqsResult run_aqs(Atoms& atoms, EamForce& force, const AqsSettings& settings, const AqsCallbacks& callbacks = {},
                  const AqsProgress* resume = nullptr);

/// An AQS job (`stzkmc atom aqs RECIPE.yaml`): YAML keys input, potential, elements,
/// strain_step, max_strain, plane, force_tol_eV_per_A, drop_threshold_GPa,
/// output.thermo_every_steps. Relative paths are read from the recipe's folder.
struct AqsRecipe {
    std::filesystem::path file;       ///< where it was read from (for messages)
    std::filesystem::path input;      ///< LAMMPS data file of the starting sample
    std::filesystem::path potential;  ///< EAM file
    std::vector<std::string> elements;///< element name per atom type; empty: from the data file / masses
    double strain_step = 1e-5;
    double max_strain = 0.1;
    std::string plane = "xy";
    double force_tol_eV_per_A = 1e-6;
    double drop_threshold_GPa = 0.0;
    long thermo_every_steps = 100;    ///< log interval, steps

    [[nodiscard]] AqsSettings settings() const;
    /// The recipe with every default filled in, as YAML.
    [[nodiscard]] std::string to_yaml() const;
};

/// Parses and validates `yaml_text`; errors name file:line and the key. Relative paths are
/// read from `paths_from` if given (a job's recorded recipe.yaml: the folder it ran in),
/// else from the recipe's folder.
AqsRecipe parse_aqs_recipe(const std::string& yaml_text, const std::filesystem::path& file,
                           const std::optional<std::filesystem::path>& paths_from = std::nullopt);
AqsRecipe load_aqs_recipe(const std::filesystem::path& file);

/// Runs the recipe, writing into out_dir: recipe.yaml, stress_strain.csv (strain,
/// shear_stress_GPa, pressure_GPa, pe_per_atom_eV, min_iterations), drops.csv (step,
/// strain, stress_before_GPa, stress_after_GPa, drop_GPa) and drops/drop_<k>_before.data,
/// drops/drop_<k>_after.data (k = 0, 1, ... in order of strain).
///
/// Checkpoints (docs/checkpoints.md) after the steps, every `checkpoint.every_s` and on
/// SIGINT/SIGTERM (a minimization in progress is stopped and redone on resume); with
/// `checkpoint.resume` the job continues from out_dir/checkpoint.bin. The CSV files are
/// written at the end (through temporaries), the drop data files as the drops happen.
AqsResult run_aqs_job(const AqsRecipe& recipe, const std::filesystem::path& out_dir,
                      const CheckpointSettings& checkpoint = {});

/// The key of an AQS job's checkpoints: SHA-256 of the resolved recipe (to_yaml()).
[[nodiscard]] std::string aqs_checkpoint_key(const AqsRecipe& recipe);

}  // namespace stz::atom
