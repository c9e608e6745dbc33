// Straight-line fits: exact lines, textbook covariance, the band, weighting rules.
#include "stz/calibration/linear_fit.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "stz/core/error.hpp"
#include "stz/core/random.hpp"

using namespace stz;

TEST_CASE("fit_line: collinear points give the line exactly and a zero-width band") {
    const std::vector<double> x = {7.25, 5.75, 4.25}, y = {1.8, 2.0, 2.2};
    const LinearFit f = fit_line(x, y, std::nullopt, 0.95);
    CHECK(f.slope == doctest::Approx(-0.2 / 1.5).epsilon(1e-13));
    CHECK(f.intercept == doctest::Approx(2.0 + 0.2 / 1.5 * 5.75).epsilon(1e-13));
    CHECK(f.r_squared == doctest::Approx(1.0));
    CHECK(f.predict_se(3.0) < 1e-12);
    CHECK(f.dof == 1.0);
}

TEST_CASE("fit_line: OLS standard errors match the textbook formulas") {
    // y = 1 + 2x + noise on x = 0..9: se(b)^2 = s^2 / Sxx, se(a)^2 = s^2 (1/n + xbar^2 / Sxx).
    std::vector<double> x, y;
    CounterRng rng(5, RngStream::test, 1);
    for (int i = 0; i < 10; ++i) {
        x.push_back(i);
        y.push_back(1 + 2 * i + 0.5 * rng.normal());
    }
    const LinearFit f = fit_line(x, y, std::nullopt, 0.95);
    double rss = 0;
    for (int i = 0; i < 10; ++i) rss += std::pow(y[i] - f.predict(x[i]), 2);
    const double s2 = rss / 8, sxx = 82.5, xbar = 4.5;
    CHECK(f.slope_estimate().se == doctest::Approx(std::sqrt(s2 / sxx)).epsilon(1e-12));
    CHECK(f.intercept_estimate().se ==
          doctest::Approx(std::sqrt(s2 * (0.1 + xbar * xbar / sxx))).epsilon(1e-12));
    // The band is narrowest at xbar and equals se(a) at x = 0.
    CHECK(f.predict_se(xbar) == doctest::Approx(std::sqrt(s2 / 10)).epsilon(1e-12));
    CHECK(f.predict_se(0) == doctest::Approx(f.intercept_estimate().se).epsilon(1e-12));
    // t_{0.975, 8} = 2.306004135204166 (tables).
    CHECK(f.factor() == doctest::Approx(2.306004135204166).epsilon(1e-9));
}

TEST_CASE("fit_line: weighted fit with stated errors; two points without errors give no interval") {
    const std::vector<double> x = {0, 1, 2}, y = {1, 3, 5.2}, s = {0.1, 0.1, 0.2};
    const LinearFit w = fit_line(x, y, std::span<const double>(s), 0.95);
    CHECK(w.weighted);
    // Weighted normal equations solved by hand: w = 100, 100, 25.
    const double sw = 225, swx = 150, swx2 = 200, swy = 530, swxy = 560;
    const double det = sw * swx2 - swx * swx;
    CHECK(w.slope == doctest::Approx((sw * swxy - swx * swy) / det).epsilon(1e-12));
    CHECK(w.intercept == doctest::Approx((swx2 * swy - swx * swxy) / det).epsilon(1e-12));
    const LinearFit two = fit_line(std::vector<double>{1, 2}, std::vector<double>{3, 4},
                                   std::nullopt, 0.95);
    CHECK_FALSE(two.at(1.5).has_interval());
    CHECK(two.slope == doctest::Approx(1.0));
    CHECK_THROWS_AS((void)fit_line(std::vector<double>{1, 1}, std::vector<double>{3, 4},
                                   std::nullopt, 0.95),
                    Error);
    CHECK_THROWS_AS((void)fit_line(std::vector<double>{1}, std::vector<double>{3}, std::nullopt, 0.95),
                    Error);
}
