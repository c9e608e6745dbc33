#pragma once
// Dynamic simple shear at a constant engineering strain rate (paper 003: 1e7 /s at 300 K),
// as LAMMPS `fix nvt` + `fix deform 1 xy erate R remap x`: MdIntegrator with a
// DeformationSettings (md.hpp) tilts the box by γ̇ t h and maps the atoms affinely each step,
// the Nosé–Hoover chain acts on the full velocities (no SLLOD; the streaming velocity is
// negligible at such rates, see md.hpp).
//
// Shear planes and sign convention as AQS (aqs.hpp): the stress written is
// σ = -(W + K)_plane / V (W the virial, K = Σ m v⊗v, V the volume), minus LAMMPS's pressure
// tensor component, positive when the sample resists a positive shear. The kinetic part is
// included (LAMMPS pxy); it averages to zero in equilibrium.
//
// Box flips are not implemented: a recipe whose max_strain takes the tilt beyond half the
// box edge fails before the run starts.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "stz/atom/checkpoint.hpp"
#include "stz/atom/md.hpp"

namespace stz::atom {

/// A shear-MD job (for a CLI such as `stzkmc atom shear-md RECIPE.yaml`, not wired here): YAML keys input, potential,
/// elements, temperature_K, strain_rate_per_s, max_strain, plane, timestep_fs,
/// thermostat_damp_ps, seed, output.thermo_every_steps, output.snapshot_every_strain.
/// Relative paths are read from the recipe's folder.
struct ShearMdRecipe {
    std::filesystem::path file;        ///< where it was read from (for messages)
    std::filesystem::path input;       ///< LAMMPS data file of the starting sample
    std::filesystem::path potential;   ///< EAM file
    std::vector<std::string> elements; ///< element name per atom type; empty: from the data file / masses
    double temperature_K = 300;        ///< thermostat target (required in the YAML), K
    double strain_rate_per_s = 1e7;    ///< engineering shear rate γ̇ (required in the YAML), 1/s
    double max_strain = 0.1;           ///< stop when γ reaches this
    std::string plane = "xy";          ///< "xy", "xz" or "yz"
    double timestep_fs = 2;            ///< dt, fs
    double thermostat_damp_ps = 0.2;   ///< Nosé–Hoover Tdamp, ps (chain of 3)
    /// Velocities are created at temperature_K with this seed (LAMMPS velocity create
    /// ... dist gaussian mom yes) when the data file has none (all zero); else they are kept.
    std::uint64_t seed = 1;
    long thermo_every_steps = 1000;    ///< a stress_strain.csv row every this many steps
    double snapshot_every_strain = 0.01;  ///< a snapshot every this much strain; 0: only start and end

    /// Timestep in ps and γ̇ in 1/ps.
    [[nodiscard]] double timestep_ps() const { return timestep_fs * 1e-3; }
    [[nodiscard]] double strain_rate_per_ps() const { return strain_rate_per_s * 1e-12; }
    /// Steps to reach max_strain: round(max_strain / (γ̇ dt)).
    [[nodiscard]] long steps() const;
    /// Steps between snapshots (0: none but start and end).
    [[nodiscard]] long snapshot_every_steps() const;
    /// NVT with the deformation.
    [[nodiscard]] MdSettings settings() const;
    /// The recipe with every default filled in, as YAML.
    [[nodiscard]] std::string to_yaml() const;
};

/// Parses and validates `yaml_text`; errors name file:line and the key. Relative paths are
/// read from `paths_from` if given (a job's recorded recipe.yaml: the folder it ran in),
/// else from the recipe's folder.
ShearMdRecipe parse_shear_md_recipe(const std::string& yaml_text, const std::filesystem::path& file,
                                    const std::optional<std::filesystem::path>& paths_from = std::nullopt);
ShearMdRecipe load_shear_md_recipe(const std::filesystem::path& file);

/// One row of the stress–strain curve.
struct ShearMdPoint {
    long step = 0;                  ///< steps since the start of the shear
    double time_ps = 0;
    double strain = 0;              ///< γ = γ̇ t
    double shear_stress_GPa = 0;    ///< σ = -(W + K)_plane / V
    double pressure_GPa = 0;        ///< trace(W + K) / (3 V), positive in compression
    double temperature_K = 0;
    double pe_per_atom_eV = 0;
};

struct ShearMdResult {
    std::vector<ShearMdPoint> curve;     ///< the rows of stress_strain.csv
    std::vector<std::filesystem::path> snapshots;  ///< data files written, in order of strain
    long steps = 0;
    double wall_s = 0;
};

/// Runs the recipe, writing into out_dir: recipe.yaml, stress_strain.csv (step, time_ps,
/// strain, shear_stress_GPa, pressure_GPa, temperature_K, pe_per_atom_eV; a row every
/// thermo_every_steps and at the end), snapshots/strain_<γ>.data (γ
/// with 4 decimals; at 0, every snapshot_every_strain and at the end) and
/// snapshots/snapshots.dump (one frame per data file, with velocities). Progress (strain,
/// stress, T, steps/s, ETA) is logged with spdlog every thermo row at most every 10 s of
/// wall time, and at the start and end.
///
/// Checkpoints (docs/checkpoints.md) after any MD step, every `checkpoint.every_s` and on
/// SIGINT/SIGTERM; with `checkpoint.resume` the job continues from out_dir/checkpoint.bin
/// and ends with the files of an uninterrupted run. stress_strain.csv is written at the end
/// (through a temporary); snapshots.dump is appended frame by frame and cut back to the
/// checkpoint's length on resume.
ShearMdResult run_shear_md_job(const ShearMdRecipe& recipe, const std::filesystem::path& out_dir,
                               const CheckpointSettings& checkpoint = {});

/// The key of a shear-MD job's checkpoints: SHA-256 of the resolved recipe (to_yaml()).
[[nodiscard]] std::string shear_md_checkpoint_key(const ShearMdRecipe& recipe);

}  // namespace stz::atom
