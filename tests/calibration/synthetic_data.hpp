#pragma once
// Synthetic atomistic data drawn from known parameters, for the calibration tests.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "stz/core/random.hpp"

namespace stz::test {

/// Paper-003-like softening: Q(e) = max(Q_sat, Q0 exp(-kappa e^2)), Gaussian scatter.
struct SofteningTruth {
    double q0_eV = 2.0;
    double kappa = 52;  ///< kappa_p + kappa_t of paper 003 (13 + 39)
    double saturated_eV = 1.2;
    double width_eV = 0.25;
    double max_strain = 0.3;

    [[nodiscard]] double mean_at(double e) const {
        return std::max(saturated_eV, q0_eV * std::exp(-kappa * e * e));
    }
    [[nodiscard]] double eta_max() const { return std::log(q0_eV / saturated_eV); }
};

struct ArtSample {
    std::vector<double> barrier_eV, strain;
};

/// `n` events with local strains uniform on [0, max_strain); barriers <= 0 redrawn.
inline ArtSample draw_art(const SofteningTruth& t, std::size_t n, std::uint64_t seed) {
    CounterRng rng(seed, RngStream::test, 1);
    ArtSample s;
    for (std::size_t i = 0; i < n; ++i) {
        const double e = t.max_strain * rng.uniform();
        double b = 0;
        do {
            b = t.mean_at(e) + t.width_eV * rng.normal();
        } while (b <= 0);
        s.strain.push_back(e);
        s.barrier_eV.push_back(b);
    }
    return s;
}

}  // namespace stz::test
