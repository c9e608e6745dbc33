// Number of shear modes M = E_f / e_d: paper 003's numbers and an Arrhenius recovery.
#include "stz/calibration/mode_count.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "stz/core/error.hpp"
#include "stz/core/random.hpp"
#include "stz/core/units.hpp"

using namespace stz;

TEST_CASE("paper 003: E_f = 2.41 eV and e_d = 0.146 eV give M = 16.5") {
    CHECK(modes_from_energies(2.41, 0.146) == doctest::Approx(16.5).epsilon(0.001));
    CHECK_THROWS_AS((void)modes_from_energies(2.41, 0.0), Error);
}

TEST_CASE("fit_mode_count recovers e_d from displacements at four fictive temperatures") {
    // d = d0 exp(e_d / (k_B T_f)) with e_d = 0.146 eV, d0 chosen so d(800 K) = 1 A; 400 events
    // per glass scattered by 20 %. e_d is known to about 2 %: within 4 standard errors.
    const double ed = 0.146, kb = units::kBoltzmannEvPerK;
    const double d0 = 1.0 / std::exp(ed / (kb * 800));
    std::vector<double> d, tf;
    CounterRng rng(17, RngStream::test, 5);
    for (double t : {700.0, 800.0, 900.0, 1000.0})
        for (int i = 0; i < 400; ++i) {
            d.push_back(d0 * std::exp(ed / (kb * t)) * (1 + 0.2 * rng.normal()));
            tf.push_back(t);
        }
    const ModeCountFit f = fit_mode_count(d, tf, {2.41, 0.0, 2.41, 2.41}, 0.95, "art.csv");
    REQUIRE(f.groups.size() == 4);
    CHECK(f.groups[0].fictive_T_K == 700.0);
    CHECK(std::abs(f.e_d_eV.value - ed) < 4 * f.e_d_eV.se);
    CHECK(f.e_d_eV.se < 0.05 * ed);
    CHECK(f.modes.value == doctest::Approx(2.41 / f.e_d_eV.value));
    CHECK(f.modes.covers(2.41 / ed));
    CHECK(f.modes_rounded == int(std::lround(f.modes.value)));
}

TEST_CASE("fit_mode_count refuses one fictive temperature and displacements that grow with it") {
    const std::vector<double> d = {1.0, 1.1, 0.9};
    const std::vector<double> t1 = {800, 800, 800};
    CHECK_THROWS_WITH_AS((void)fit_mode_count(d, t1, {2.41, 0, 2.41, 2.41}, 0.95, "art.csv"),
                         doctest::Contains("two or more fictive temperatures"), Error);
    const std::vector<double> d2 = {1.0, 1.1, 2.0, 2.1};
    const std::vector<double> t2 = {700, 700, 900, 900};
    CHECK_THROWS_WITH_AS((void)fit_mode_count(d2, t2, {2.41, 0, 2.41, 2.41}, 0.95, "art.csv"),
                         doctest::Contains("does not shrink"), Error);
}
