// Processing map: paper 003's numbers, extrapolation band, eta_max, refusals.
#include "stz/calibration/processing_map.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "stz/core/error.hpp"
#include "stz/core/random.hpp"

using namespace stz;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

TEST_CASE("paper 003: Q = 1.8 / 2.0 / 2.2 eV and Q_sat = 1.2 eV give eta_max = -ln 0.67, -ln 0.6, -ln 0.55") {
    // 003 §2.4 and §4.1: the three glasses at 10^7.25, 10^5.75, 10^4.25 K/s.
    const std::vector<ProcessingPoint> pts = {{std::pow(10.0, 7.25), 1.8, kNaN, kNaN},
                                              {std::pow(10.0, 5.75), 2.0, kNaN, kNaN},
                                              {std::pow(10.0, 4.25), 2.2, kNaN, kNaN}};
    const ProcessingMap m = fit_processing_map(pts, "paper 003", 0.95);
    const Estimate qs{1.2, 0.0, 1.2, 1.2};
    const double rates[] = {7.25, 5.75, 4.25};
    const double q[] = {1.8, 2.0, 2.2};
    const double paper_factor[] = {0.67, 0.6, 0.55};  // exp(-eta_max) as the paper prints it
    for (int i = 0; i < 3; ++i) {
        const double rate = std::pow(10.0, rates[i]);
        CHECK(m.barrier_at(rate).value == doctest::Approx(q[i]).epsilon(1e-12));
        const Estimate eta = m.eta_max_at(rate, qs);
        CHECK(eta.value == doctest::Approx(std::log(q[i] / 1.2)).epsilon(1e-12));
        // The paper rounds exp(-eta_max) to two digits: 0.667, 0.6, 0.545.
        CHECK(std::abs(std::exp(-eta.value) - paper_factor[i]) <= 0.005);
    }
    // Extrapolation: 10^5 K/s ("experimental", 003 §2.2) gives about 2.1 eV.
    CHECK(m.barrier_at(1e5).value == doctest::Approx(2.1).epsilon(1e-12));
}

TEST_CASE("processing map: the band widens away from the data and covers the true line") {
    // Truth: Q = 2.7667 - 0.13333 log10(rate); six glasses at 10^8 .. 10^10.5 K/s with
    // standard errors 0.02 eV. The band at the data is about the point error / sqrt(n);
    // extrapolated 4 decades below it is several times wider.
    const double a = 2.0 + 0.2 / 1.5 * 5.75, b = -0.2 / 1.5;
    std::vector<ProcessingPoint> pts;
    CounterRng rng(9, RngStream::test, 2);
    for (int i = 0; i < 6; ++i) {
        const double x = 8.0 + 0.5 * i;
        pts.push_back({std::pow(10.0, x), a + b * x + 0.02 * rng.normal(), 0.02, 400});
    }
    const ProcessingMap m = fit_processing_map(pts, "synthetic", 0.95);
    CHECK(m.line.weighted);
    const Estimate at_data = m.barrier_at(std::pow(10.0, 9.25));
    const Estimate far = m.barrier_at(std::pow(10.0, 5.0));
    CHECK(at_data.se == doctest::Approx(0.02 / std::sqrt(6.0)).epsilon(0.5));
    CHECK(far.se > 4 * at_data.se);
    CHECK(far.covers(a + b * 5.0));
    CHECK(std::abs(m.line.slope - b) < 4 * m.line.slope_estimate().se);
    // eta_max at a rate where Q < Q_sat is undefined (NaN), not a negative number.
    CHECK(std::isnan(m.eta_max_at(1e20, {1.2, 0.01, 1.18, 1.22}).value));
}

TEST_CASE("processing map: one cooling rate only is an error naming the source and the rate") {
    const std::vector<ProcessingPoint> pts = {{1e10, 1.5, 0.01, 100}, {1e10, 1.52, 0.01, 100}};
    CHECK_THROWS_WITH_AS((void)fit_processing_map(pts, "data/rates.csv", 0.95),
                         doctest::Contains("data/rates.csv: the processing map needs glasses at two or more cooling rates, got one (1e+10 K/s)"),
                         Error);
}

TEST_CASE("processing points from events: mean and standard error of the unstrained events per rate") {
    const std::vector<double> b = {1.0, 2.0, 3.0, 9.0, 4.0, 6.0};
    const std::vector<double> e = {0.01, 0.02, 0.03, 0.5, 0.0, 0.04};
    const std::vector<double> r = {1e9, 1e9, 1e9, 1e9, 1e11, 1e11};
    const auto pts = processing_points_from_events(b, e, r, 0.05, "x.csv");
    REQUIRE(pts.size() == 2);
    CHECK(pts[0].cooling_rate_K_per_s == 1e9);
    CHECK(pts[0].barrier_mean_eV == doctest::Approx(2.0));  // the strained 9.0 is left out
    CHECK(pts[0].barrier_sem_eV == doctest::Approx(1.0 / std::sqrt(3.0)));
    CHECK(pts[1].barrier_mean_eV == doctest::Approx(5.0));
    const std::vector<double> r1 = {1e9, 1e9, 1e9, 1e9, 1e11, 1e11};
    const std::vector<double> e1 = {0.01, 0.02, 0.03, 0.5, 0.0, 0.4};
    CHECK_THROWS_WITH_AS((void)processing_points_from_events(b, e1, r1, 0.05, "x.csv"),
                         doctest::Contains("1e+11 K/s has 1 event"), Error);
}
