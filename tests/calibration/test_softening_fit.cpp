// Softening law fit: recovery of known parameters, interval coverage, refusals.
#include "stz/calibration/softening_fit.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "stz/core/error.hpp"
#include "synthetic_data.hpp"

using namespace stz;
using stz::test::SofteningTruth;

TEST_CASE("fit_softening recovers Q0, kappa and Q_sat of paper-003-like data") {
    // 3000 events, strains uniform on [0, 0.3), width 0.25 eV, kappa = 52 (13 + 39),
    // Q0 = 2 eV, Q_sat = 1.2 eV (plateau from e_c = 0.099). Each estimate must lie within
    // 4 of its standard errors of the truth, and the errors must be small enough to be
    // useful (kappa to 15 %, the barriers to 0.03 eV).
    const SofteningTruth t;
    const auto s = test::draw_art(t, 3000, 42);
    const SofteningFit f = fit_softening(s.barrier_eV, s.strain, 0.95);
    CHECK(f.events == 3000);
    CHECK(std::abs(f.q0_eV.value - t.q0_eV) < 4 * f.q0_eV.se);
    CHECK(std::abs(f.kappa.value - t.kappa) < 4 * f.kappa.se);
    CHECK(std::abs(f.saturated_eV.value - t.saturated_eV) < 4 * f.saturated_eV.se);
    CHECK(std::abs(f.eta_max.value - t.eta_max()) < 4 * f.eta_max.se);
    CHECK(f.kappa.se < 0.15 * t.kappa);
    CHECK(f.q0_eV.se < 0.03);
    CHECK(f.saturated_eV.se < 0.03);
    CHECK(f.residual_std_eV == doctest::Approx(t.width_eV).epsilon(0.05));
    // The plateau starts at sqrt(eta_max / kappa) and about (0.3 - 0.099) / 0.3 of the
    // events lie on it.
    CHECK(std::abs(f.saturation_strain.value - std::sqrt(t.eta_max() / t.kappa)) <
          4 * f.saturation_strain.se);
    CHECK(double(f.saturated_events) / 3000 == doctest::Approx(0.67).epsilon(0.05));
    // The law itself.
    CHECK(f.eta(0) == 0);
    CHECK(f.eta(0.25) == f.eta_max.value);
    CHECK(f.barrier_eV(0.25) == doctest::Approx(f.saturated_eV.value).epsilon(1e-12));
    const Estimate mid = f.eta_at(0.05);
    CHECK(mid.value == doctest::Approx(f.kappa.value * 0.0025));
    CHECK(mid.hi - mid.lo == doctest::Approx(2 * f.t_factor * 0.0025 * f.kappa.se));
}

TEST_CASE("fit_softening: 95 % intervals of kappa and Q_sat cover the truth in most seeds") {
    // 12 seeds of 800 events: covering intervals ~ Binomial(12, 0.95), mean 11.4; at least
    // 9 required (P(<= 8) = 0.2 % for a correct interval), and a too-narrow interval
    // (e.g. one that ignored the scatter) fails.
    const SofteningTruth t;
    int kappa_in = 0, qs_in = 0;
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        const auto s = test::draw_art(t, 800, seed);
        const SofteningFit f = fit_softening(s.barrier_eV, s.strain, 0.95);
        kappa_in += f.kappa.covers(t.kappa);
        qs_in += f.saturated_eV.covers(t.saturated_eV);
    }
    CHECK(kappa_in >= 9);
    CHECK(qs_in >= 9);
}

TEST_CASE("fit_softening refuses data that cannot determine the law") {
    SofteningTruth t;
    SUBCASE("local strains below the plateau") {
        t.max_strain = 0.08;  // e_c = 0.099: no event on the plateau
        const auto s = test::draw_art(t, 500, 3);
        CHECK_THROWS_WITH_AS((void)fit_softening(s.barrier_eV, s.strain, 0.95),
                             doctest::Contains("plateau"), Error);
    }
    SUBCASE("no softening at all") {
        t.kappa = 0;
        const auto s = test::draw_art(t, 500, 4);
        CHECK_THROWS_AS((void)fit_softening(s.barrier_eV, s.strain, 0.95), Error);
    }
    SUBCASE("too few events") {
        const auto s = test::draw_art(t, 9, 5);
        CHECK_THROWS_WITH_AS((void)fit_softening(s.barrier_eV, s.strain, 0.95),
                             doctest::Contains("at least 10 events"), Error);
    }
}
