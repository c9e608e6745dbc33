#pragma once
// Localization metrics of a voxel strain map (MODEL.md §5; 003 sec. 3.2; 000 eqs 1-2).
#include <cstddef>
#include <cstdint>
#include <span>

#include "stz/core/grid.hpp"

namespace stz {

/// Extreme-site threshold on the von Mises strain used by 003 (sec. 3.2.1), dimensionless.
inline constexpr double kExtremeSiteThreshold = 0.7;

/// Statistics of one scalar field a_i (i = 1..N, the voxel von Mises strain) and of the
/// plastic voxels that accompany it. Moments are population moments (1/N), over all voxels.
struct FieldMetrics {
    std::size_t voxels = 0;  ///< N
    double mean = 0;         ///< <a> = sum a_i / N
    double std_dev = 0;      ///< sqrt(sum (a_i - <a>)^2 / N): 003's strain localization index
    double max = 0;          ///< largest a_i
    std::size_t extreme_sites = 0;  ///< voxels with a_i > extreme_threshold (strictly)
    double extreme_fraction = 0;    ///< extreme_sites / N
    double psi = 0;                 ///< 000-eq 1: sqrt(mean((a_i/<a> - 1)^2)); NaN if <a> == 0
    double skewness = 0;  ///< 000-eq 2: mean(((a_i - <a>)/std_dev)^3); NaN if std_dev == 0
    std::size_t plastic_voxels = 0;   ///< S_all: voxels flagged plastic
    std::size_t largest_cluster = 0;  ///< S_max: largest face-connected plastic cluster (periodic)
    double cluster_fraction = 0;      ///< S_max / S_all; NaN if S_all == 0
};

/// Metrics of the field `vm_strain` (one value per voxel, index x + nx (y + ny z)) and of
/// the plastic flags (`plastic[i] != 0`: voxel i is plastic; which voxels count as plastic
/// is the caller's choice, see docs/observables.md).
///
/// Deterministic: serial, fixed-order compensated sums and two passes (mean, then central
/// moments), so the result does not depend on the thread count and keeps full accuracy on
/// large fields with a large mean. A constant field gives std_dev == 0 exactly.
/// Clusters: see cluster_sizes() in stz/observe/clusters.hpp.
///
/// Throws stz::Error if a span's length differs from grid.size(), if a value is not finite
/// or if extreme_threshold is NaN.
[[nodiscard]] FieldMetrics field_metrics(const Grid& grid, std::span<const double> vm_strain,
                                         std::span<const std::uint8_t> plastic,
                                         double extreme_threshold = kExtremeSiteThreshold);

}  // namespace stz
