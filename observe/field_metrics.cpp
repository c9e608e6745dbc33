#include "stz/observe/field_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "observe/compensated_sum.hpp"
#include "observe/grid_check.hpp"
#include "stz/core/error.hpp"
#include "stz/observe/clusters.hpp"

namespace stz {

FieldMetrics field_metrics(const Grid& grid, std::span<const double> vm_strain,
                           std::span<const std::uint8_t> plastic, double extreme_threshold) {
    detail::require_valid_grid(grid, "field_metrics");
    const std::size_t n = grid.size();
    STZ_REQUIRE(vm_strain.size() == n, "field_metrics: the strain field has "
                                           << vm_strain.size() << " values but the grid has " << n
                                           << " voxels");
    STZ_REQUIRE(plastic.size() == n, "field_metrics: the plastic flags have "
                                         << plastic.size() << " values but the grid has " << n
                                         << " voxels");
    STZ_REQUIRE(!std::isnan(extreme_threshold), "field_metrics: the extreme threshold is NaN");
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    const auto dn = static_cast<double>(n);

    FieldMetrics m;
    m.voxels = n;

    // Pass 1: mean, range, extreme sites.
    detail::CompensatedSum sum;
    double lo = vm_strain[0];
    double hi = vm_strain[0];
    for (std::size_t i = 0; i < n; ++i) {
        const double a = vm_strain[i];
        STZ_REQUIRE(std::isfinite(a),
                    "field_metrics: voxel " << i << " has a non-finite value " << a);
        sum.add(a);
        lo = std::min(lo, a);
        hi = std::max(hi, a);
        if (a > extreme_threshold) ++m.extreme_sites;
    }
    // Rounding can leave a mean a few ulp outside [lo, hi]; a constant field must have its
    // own value as mean so that its deviations, hence std_dev and skewness, vanish exactly.
    m.mean = lo == hi ? lo : std::clamp(sum.value() / dn, lo, hi);
    m.max = hi;
    m.extreme_fraction = double(m.extreme_sites) / dn;

    // Pass 2: central moments about the mean (no cancellation, unlike sum a^2 - N <a>^2).
    detail::CompensatedSum s2;
    detail::CompensatedSum s3;
    for (const double a : vm_strain) {
        const double d = a - m.mean;
        s2.add(d * d);
        s3.add(d * d * d);
    }
    const double var = s2.value() / dn;
    m.std_dev = std::sqrt(var);
    // 000-eq 1: (a/<a> - 1)^2 = (a - <a>)^2 / <a>^2, so Psi = std_dev / |<a>|.
    m.psi = m.mean != 0 ? m.std_dev / std::abs(m.mean) : nan;
    m.skewness = m.std_dev > 0 ? (s3.value() / dn) / (var * m.std_dev) : nan;

    const std::vector<std::size_t> sizes = cluster_sizes(grid, plastic);
    for (const std::size_t s : sizes) m.plastic_voxels += s;
    m.largest_cluster = sizes.empty() ? 0 : sizes.front();
    m.cluster_fraction =
        m.plastic_voxels > 0 ? double(m.largest_cluster) / double(m.plastic_voxels) : nan;
    return m;
}

}  // namespace stz
