#pragma once
// A glass-preparation recipe (`stzkmc atom quench RECIPE.yaml`, docs/atomistic.md):
// start (random or lattice) -> melt -> linear quench -> hold -> minimize, all NPT at one
// pressure, with optional Monte Carlo type swaps. Filled and validated from YAML in one
// place (parse_quench_recipe); every error names file:line and the key.
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "stz/atom/structure_builder.hpp"

namespace stz::atom {

struct QuenchRecipe {
    std::filesystem::path file;          ///< where it was read from (for messages)
    std::filesystem::path potential;     ///< EAM file (absolute, or relative to the recipe)
    Composition composition;             ///< species (names = potential elements) and fractions
    std::uint64_t seed = 1;

    // start
    std::string start = "random";        ///< "random" or a lattice: "fcc", "bcc", "sc"
    long atoms = 0;                      ///< random start: number of atoms
    double density_per_A3 = 0.0585;      ///< random start: number density, atoms/Å^3
    double min_distance_A = 2.0;         ///< random start: closest allowed pair, Å
    double lattice_constant_A = 0;       ///< lattice start: conventional cell edge, Å
    std::array<int, 3> cells{0, 0, 0};   ///< lattice start: cells along x, y, z
    std::filesystem::path data_file;     ///< start: "data": a LAMMPS data file instead

    // dynamics
    double timestep_ps = 0.002;
    double thermostat_damp_ps = 0.2;     ///< LAMMPS Tdamp (100 steps of 2 fs)
    double barostat_damp_ps = 2.0;       ///< LAMMPS Pdamp
    double pressure_bar = 0.0;
    std::string coupling = "iso";        ///< "iso" or "aniso"
    double melt_T_K = 2000, melt_ps = 20;
    double quench_to_K = 300;
    double quench_rate_K_per_ps = 100;   ///< 1e14 K/s
    double hold_ps = 10;                 ///< at quench_to_K after the quench

    // minimization (fixed box unless minimize_box)
    bool minimize = true;
    std::string min_algorithm = "cg";    ///< "cg" or "fire"
    double min_force_tol_eV_per_A = 1e-8;
    double min_energy_tol = 0.0;
    long min_max_iterations = 10000;
    bool minimize_box = false;

    // hybrid MD/MC type swaps (paper 001): every `swap_every_steps` MD steps, `swap_attempts` trials
    long swap_every_steps = 0;
    long swap_attempts = 0;

    // output
    long thermo_every_steps = 100;       ///< cooling-curve and log interval
    long dump_every_steps = 0;           ///< 0: no trajectory dump

    [[nodiscard]] long melt_steps() const;
    [[nodiscard]] long quench_steps() const;
    [[nodiscard]] long hold_steps() const;
    /// The recipe with every default filled in, as YAML (written into the output folder).
    [[nodiscard]] std::string to_yaml() const;
};

/// Parses and validates `yaml_text`; `file` names it in messages and anchors relative paths
/// (unless `paths_from` is given: a job's recorded recipe.yaml, read from the folder it ran in).
QuenchRecipe parse_quench_recipe(const std::string& yaml_text, const std::filesystem::path& file,
                                 const std::optional<std::filesystem::path>& paths_from = std::nullopt);
QuenchRecipe load_quench_recipe(const std::filesystem::path& file);

}  // namespace stz::atom
