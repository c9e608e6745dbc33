#pragma once
// STZ size, volume and eigenstrain from atomistic data (paper 003 §2.2; MODEL.md §7):
// D2min cluster sizes (atoms) -> log-normal -> mean size N_STZ; V = N_STZ x atomic volume;
// l0 = V^(1/3); gamma* = characteristic displacement / l0.
#include <cstddef>
#include <span>

#include "stz/calibration/estimate.hpp"
#include "stz/calibration/sample_stats.hpp"

namespace stz {

struct StzGeometry {
    LogNormalFit size_atoms;  ///< log-normal fit of the cluster sizes
    Estimate atomic_volume_A3;
    Estimate volume_nm3;      ///< V = mean size x atomic volume
    Estimate edge_nm;         ///< l0 = V^(1/3): the voxel edge
};

/// `atomic_volume_A3.se` may be 0 (a given number) or the standard error of a measured mean.
/// Intervals of V and l0 combine both relative errors (delta method, log scale).
[[nodiscard]] StzGeometry fit_stz_geometry(std::span<const double> sizes_atoms,
                                           const Estimate& atomic_volume_A3, double confidence);

struct EigenstrainFit {
    std::size_t events = 0;
    Estimate displacement_A;  ///< mean of the events' largest displacement to the saddle, A
    Estimate gamma_star;      ///< characteristic shear strain displacement / l0
};

/// gamma* = mean(max displacement) / l0 (l0 in nm, converted to A).
[[nodiscard]] EigenstrainFit fit_gamma_star(std::span<const double> max_displacements_A,
                                            const Estimate& edge_nm, double confidence);

}  // namespace stz
