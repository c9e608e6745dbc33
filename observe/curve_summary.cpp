#include "stz/observe/curve_summary.hpp"

#include <cmath>
#include <cstddef>

#include "observe/compensated_sum.hpp"
#include "stz/core/error.hpp"

namespace stz {

namespace {

void validate(std::span<const double> strain, std::span<const double> stress, double modulus,
              const CurveOptions& opt) {
    STZ_REQUIRE(
        strain.size() == stress.size(),
        "summarize_curve: " << strain.size() << " strains but " << stress.size() << " stresses");
    STZ_REQUIRE(strain.size() >= 2,
                "summarize_curve: need at least 2 points, got " << strain.size());
    STZ_REQUIRE(std::isfinite(modulus) && modulus > 0,
                "summarize_curve: the modulus must be a positive number of GPa, got " << modulus);
    STZ_REQUIRE(std::isfinite(opt.offset) && opt.offset > 0,
                "summarize_curve: the yield offset must be a positive strain, got " << opt.offset);
    STZ_REQUIRE(std::isfinite(opt.flow_window_fraction) && opt.flow_window_fraction > 0 &&
                    opt.flow_window_fraction <= 1,
                "summarize_curve: the flow window fraction must lie in (0, 1], got "
                    << opt.flow_window_fraction);
    for (std::size_t i = 0; i < strain.size(); ++i) {
        STZ_REQUIRE(std::isfinite(strain[i]) && std::isfinite(stress[i]),
                    "summarize_curve: point " << i << " is not finite (strain " << strain[i]
                                              << ", stress " << stress[i] << ")");
        STZ_REQUIRE(i == 0 || strain[i] > strain[i - 1],
                    "summarize_curve: the strain must be strictly increasing, but point "
                        << i << " has strain " << strain[i] << " after " << strain[i - 1]);
    }
}

}  // namespace

CurveSummary summarize_curve(std::span<const double> strain, std::span<const double> stress,
                             double modulus_GPa, const CurveOptions& opt) {
    validate(strain, stress, modulus_GPa, opt);
    const std::size_t n = strain.size();
    CurveSummary s;  // every field NaN until found

    // Offset yield: g = sigma - E' (eps - offset) is linear on each segment, so the crossing
    // interpolated from g is exact for the polyline.
    const auto g = [&](std::size_t i) {
        return stress[i] - modulus_GPa * (strain[i] - opt.offset);
    };
    for (std::size_t i = 1; i < n; ++i) {
        const double g0 = g(i - 1);
        const double g1 = g(i);
        if (g0 > 0 && g1 <= 0) {
            const double t = g0 / (g0 - g1);
            s.yield_strain = strain[i - 1] + t * (strain[i] - strain[i - 1]);
            s.yield_stress_GPa = stress[i - 1] + t * (stress[i] - stress[i - 1]);
            break;
        }
    }

    std::size_t ip = 0;
    for (std::size_t i = 1; i < n; ++i)
        if (stress[i] > stress[ip]) ip = i;
    s.peak_stress_GPa = stress[ip];
    s.peak_strain = strain[ip];

    const double end = strain[n - 1];
    const double start = end - opt.flow_window_fraction * (end - s.peak_strain);
    s.flow_window_start = start;
    s.flow_window_end = end;
    if (end > start) {
        // Integral of the polyline over [start, end], the first segment clipped at start.
        detail::CompensatedSum integral;
        for (std::size_t i = 1; i < n; ++i) {
            if (strain[i] <= start) continue;
            double e0 = strain[i - 1];
            double s0 = stress[i - 1];
            if (e0 < start) {
                const double t = (start - e0) / (strain[i] - e0);
                s0 += t * (stress[i] - s0);
                e0 = start;
            }
            integral.add(0.5 * (s0 + stress[i]) * (strain[i] - e0));
        }
        s.flow_stress_GPa = integral.value() / (end - start);
        s.stress_drop_GPa = s.peak_stress_GPa - s.flow_stress_GPa;
    }
    return s;
}

}  // namespace stz
