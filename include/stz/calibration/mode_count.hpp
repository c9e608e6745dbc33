#pragma once
// Number of shear modes M from ART displacements (paper 003 §2.2, eq 3; MODEL.md §7):
// the mean displacement to the saddle follows d ~ exp(e_d / (k_B T_fict)) over glasses of
// different fictive temperature; with the STZ formation energy E_f (about half the
// cohesive energy per atom), M = E_f / e_d (paper: 2.41 eV / 0.146 eV = 16.5).
#include <span>
#include <string>
#include <vector>

#include "stz/calibration/estimate.hpp"
#include "stz/calibration/linear_fit.hpp"

namespace stz {

struct FictiveGroup {
    double fictive_T_K = 0;
    double mean_displacement_A = 0;
    double sem_A = 0;  ///< standard error of the mean displacement, A
    std::size_t count = 0;
};

struct ModeCountFit {
    std::vector<FictiveGroup> groups;  ///< one per distinct fictive temperature, increasing
    LinearFit arrhenius;               ///< ln d = c + e_d / (k_B T_fict), x in 1/eV
    Estimate e_d_eV;                   ///< the slope e_d, eV
    Estimate formation_energy_eV;      ///< E_f
    Estimate modes;                    ///< M = E_f / e_d (not rounded)
    int modes_rounded = 0;             ///< nearest integer, >= 1: what the fragment sets
};

/// M from e_d and a formation energy: `modes_from_energies(2.41, 0.146)` = 16.5.
[[nodiscard]] double modes_from_energies(double formation_energy_eV, double e_d_eV);

/// Groups events by fictive temperature, fits the Arrhenius law (weighted by each group's
/// standard error) and divides. Needs two or more fictive temperatures with at least 2
/// events each, and e_d > 0 (displacements that shrink as T_fict rises); else stz::Error
/// naming `source`.
[[nodiscard]] ModeCountFit fit_mode_count(std::span<const double> displacements_A,
                                          std::span<const double> fictive_T_K,
                                          const Estimate& formation_energy_eV, double confidence,
                                          const std::string& source);

}  // namespace stz
