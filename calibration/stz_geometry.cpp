#include "stz/calibration/stz_geometry.hpp"

#include <cmath>

#include "stz/calibration/distributions.hpp"
#include "stz/core/error.hpp"

namespace stz {

namespace {

/// value with relative standard error `rel`, interval exp(+-q rel) on the log scale.
Estimate log_scale(double value, double rel, double q) {
    return {value, value * rel, value * std::exp(-q * rel), value * std::exp(q * rel)};
}

}  // namespace

StzGeometry fit_stz_geometry(std::span<const double> sizes_atoms, const Estimate& atomic_volume_A3,
                             double confidence) {
    STZ_REQUIRE(atomic_volume_A3.value > 0,
                "the STZ volume needs a positive atomic volume, got " << atomic_volume_A3.value);
    StzGeometry g;
    g.size_atoms = fit_lognormal(sizes_atoms, confidence);
    g.atomic_volume_A3 = atomic_volume_A3;
    const double n = g.size_atoms.mean.value;
    const double rel_n = g.size_atoms.mean.se / n;
    const double se_om = std::isfinite(atomic_volume_A3.se) ? atomic_volume_A3.se : 0.0;
    const double rel_om = se_om / atomic_volume_A3.value;
    const double rel_v = std::sqrt(rel_n * rel_n + rel_om * rel_om);
    const double q = two_sided_t_factor(confidence, double(g.size_atoms.count - 1));
    const double v_nm3 = n * atomic_volume_A3.value * 1e-3;  // 1 A^3 = 1e-3 nm^3
    g.volume_nm3 = log_scale(v_nm3, rel_v, q);
    g.edge_nm = log_scale(std::cbrt(v_nm3), rel_v / 3, q);
    return g;
}

EigenstrainFit fit_gamma_star(std::span<const double> d, const Estimate& edge_nm,
                              double confidence) {
    STZ_REQUIRE(edge_nm.value > 0, "gamma* needs a positive STZ size, got " << edge_nm.value);
    const GaussianFit m = fit_gaussian(d, confidence);
    STZ_REQUIRE(m.mean.value > 0, "gamma* needs a positive mean displacement, got "
                                      << m.mean.value << " A");
    EigenstrainFit f;
    f.events = m.count;
    f.displacement_A = m.mean;
    const double l0_A = edge_nm.value * 10;
    const double rel_d = m.mean.se / m.mean.value;
    const double rel_l = std::isfinite(edge_nm.se) ? edge_nm.se / edge_nm.value : 0.0;
    const double rel = std::sqrt(rel_d * rel_d + rel_l * rel_l);
    const double q = two_sided_t_factor(confidence, double(m.count - 1));
    f.gamma_star = log_scale(m.mean.value / l0_A, rel, q);
    return f;
}

}  // namespace stz
