// STZ size -> V, l0 -> gamma*: paper 003's numbers and recovery from synthetic clusters.
#include "stz/calibration/stz_geometry.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "stz/core/error.hpp"
#include "stz/core/random.hpp"

using namespace stz;

TEST_CASE("STZ geometry from log-normal cluster sizes: V = N Omega, l0 = V^(1/3)") {
    // Sizes exp(N(ln 18, 0.35)): mean size 18 exp(0.35^2 / 2) = 19.13 atoms; with an
    // atomic volume of 18 A^3, V = 0.3443 nm^3 and l0 = 0.701 nm (paper 003: ~7 A).
    // 4000 clusters: the mean size is known to ~0.6 %; checks allow 4 standard errors.
    CounterRng rng(21, RngStream::test, 4);
    std::vector<double> sizes;
    for (int i = 0; i < 4000; ++i) sizes.push_back(std::exp(std::log(18.0) + 0.35 * rng.normal()));
    const StzGeometry g = fit_stz_geometry(sizes, {18.0, 0.0, 18.0, 18.0}, 0.95);
    const double n_true = 18 * std::exp(0.35 * 0.35 / 2);
    CHECK(std::abs(g.size_atoms.mean.value - n_true) < 4 * g.size_atoms.mean.se);
    CHECK(g.volume_nm3.value == doctest::Approx(g.size_atoms.mean.value * 18e-3).epsilon(1e-14));
    CHECK(g.edge_nm.value == doctest::Approx(std::cbrt(g.volume_nm3.value)).epsilon(1e-14));
    CHECK(g.edge_nm.value == doctest::Approx(0.701).epsilon(0.01));
    // l0's relative error is a third of V's.
    CHECK(g.edge_nm.se / g.edge_nm.value ==
          doctest::Approx(g.volume_nm3.se / g.volume_nm3.value / 3).epsilon(1e-12));
    CHECK(g.volume_nm3.covers(n_true * 18e-3));
}

TEST_CASE("gamma* = characteristic displacement / STZ size: paper 003's 1 A / 7 A") {
    const std::vector<double> d = {0.8, 1.2, 0.9, 1.1, 1.0};  // mean 1 A
    const EigenstrainFit f = fit_gamma_star(d, {0.7, 0.0, 0.7, 0.7}, 0.95);
    CHECK(f.displacement_A.value == doctest::Approx(1.0));
    CHECK(f.gamma_star.value == doctest::Approx(1.0 / 7.0).epsilon(1e-14));  // paper: 0.14
    CHECK(f.gamma_star.covers(1.0 / 7.0));
    CHECK(f.events == 5);
    CHECK_THROWS_AS((void)fit_gamma_star(d, {0.0, 0.0, 0.0, 0.0}, 0.95), Error);
    CHECK_THROWS_AS((void)fit_stz_geometry(d, {-1.0, 0.0, 0.0, 0.0}, 0.95), Error);
}
