// Stress-strain curve summary on synthetic piecewise-linear curves whose vertices are
// samples, so every answer is exact for the polyline: tolerances are round-off of sums of
// O(100) terms of O(1) GPa, 1e-12 absolute (GPa or strain).
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "stz/core/error.hpp"
#include "stz/observe/curve_summary.hpp"

using namespace stz;

namespace {

constexpr double kTol = 1e-12;

// Overshoot curve: elastic with E' = 80 GPa up to the peak (0.03, 2.4 GPa), linear decline
// (slope -30 GPa) to (0.05, 1.8 GPa), plateau at 1.8 GPa to 0.15.
double overshoot(double e) {
    if (e <= 0.03) return 80.0 * e;
    if (e <= 0.05) return 2.4 - 30.0 * (e - 0.03);
    return 1.8;
}

struct Curve {
    std::vector<double> strain, stress;
};

}  // namespace

TEST_CASE("elastic-perfectly-plastic curve: offset yield, flat flow, no drop") {
    // E' = 80 GPa up to sigma_y = 2 GPa at 0.025, flat to 0.1 (spacing 1e-3). The offset line
    // 80 (eps - 0.002) reaches 2 GPa at eps = 0.027, on the plateau.
    Curve c;
    for (int i = 0; i <= 100; ++i) {
        c.strain.push_back(i / 1000.0);
        c.stress.push_back(i < 25 ? 80.0 * (i / 1000.0) : 2.0);
    }
    const CurveSummary s = summarize_curve(c.strain, c.stress, 80.0);
    CHECK(s.yield_strain == doctest::Approx(0.027).epsilon(kTol));
    CHECK(s.yield_stress_GPa == doctest::Approx(2.0).epsilon(kTol));
    CHECK(s.peak_stress_GPa == 2.0);
    CHECK(s.peak_strain == 0.025);  // the first sample at the maximum
    CHECK(s.flow_window_end == 0.1);
    CHECK(s.flow_window_start == doctest::Approx(0.1 - 0.25 * 0.075).epsilon(kTol));
    CHECK(s.flow_stress_GPa == doctest::Approx(2.0).epsilon(kTol));
    CHECK(std::abs(s.stress_drop_GPa) < kTol);
}

TEST_CASE("overshoot curve: peak, offset yield in the decline, flow and drop by hand") {
    Curve c;
    for (int i = 0; i <= 150; ++i) {
        c.strain.push_back(i / 1000.0);
        c.stress.push_back(overshoot(i / 1000.0));
    }
    // Yield: 2.4 - 30 (e - 0.03) = 80 (e - 0.002)  ->  e = 3.46 / 110, sigma = 80 (e - 0.002).
    const double ey = 3.46 / 110.0;
    const CurveSummary s = summarize_curve(c.strain, c.stress, 80.0);
    CHECK(s.yield_strain == doctest::Approx(ey).epsilon(kTol));
    CHECK(s.yield_stress_GPa == doctest::Approx(80.0 * (ey - 0.002)).epsilon(kTol));
    CHECK(s.peak_stress_GPa == doctest::Approx(2.4).epsilon(1e-15));
    CHECK(s.peak_strain == 0.03);
    // Default window: last quarter of [0.03, 0.15] = [0.12, 0.15], on the plateau.
    CHECK(s.flow_window_start == doctest::Approx(0.12).epsilon(kTol));
    CHECK(s.flow_stress_GPa == doctest::Approx(1.8).epsilon(kTol));
    CHECK(s.stress_drop_GPa == doctest::Approx(0.6).epsilon(kTol));

    // Whole post-peak range: (0.5 (2.4 + 1.8) 0.02 + 1.8 * 0.1) / 0.12 = 0.222 / 0.12 = 1.85.
    const CurveSummary w = summarize_curve(c.strain, c.stress, 80.0, {0.002, 1.0});
    CHECK(w.flow_window_start == doctest::Approx(0.03).epsilon(kTol));
    CHECK(w.flow_stress_GPa == doctest::Approx(1.85).epsilon(kTol));
    CHECK(w.stress_drop_GPa == doctest::Approx(0.55).epsilon(kTol));

    // A 1 % offset moves the yield point: 2.4 - 30 (e - 0.03) = 80 (e - 0.01) -> e = 4.1 / 110.
    const CurveSummary o = summarize_curve(c.strain, c.stress, 80.0, {0.01, 0.25});
    CHECK(o.yield_strain == doctest::Approx(4.1 / 110.0).epsilon(kTol));
}

TEST_CASE("uneven sampling gives the polyline answer, not the sample mean") {
    // Only the four vertices, plus many samples crowded into the decline: a plain mean of
    // samples would be pulled towards the decline; the trapezoid mean is not.
    Curve c{{0.0, 0.03}, {0.0, 2.4}};
    for (int i = 1; i < 200; ++i) {
        const double e = 0.03 + 0.02 * i / 200.0;
        c.strain.push_back(e);
        c.stress.push_back(overshoot(e));
    }
    for (const double e : {0.05, 0.15}) {
        c.strain.push_back(e);
        c.stress.push_back(overshoot(e));
    }
    const CurveSummary w = summarize_curve(c.strain, c.stress, 80.0, {0.002, 1.0});
    CHECK(w.flow_stress_GPa == doctest::Approx(1.85).epsilon(kTol));
    double sample_mean = 0;
    int in_window = 0;
    for (std::size_t i = 0; i < c.strain.size(); ++i)
        if (c.strain[i] >= 0.03) {
            sample_mean += c.stress[i];
            ++in_window;
        }
    sample_mean /= in_window;
    CHECK(sample_mean > 2.05);  // what the trapezoid rule avoids
    CHECK(w.yield_strain == doctest::Approx(3.46 / 110.0).epsilon(kTol));

    // Four vertices only; window start 0.15 - 0.9 * 0.12 = 0.042 falls inside the decline,
    // where sigma = 2.4 - 30 * 0.012 = 2.04:
    // flow = (0.5 (2.04 + 1.8) 0.008 + 1.8 * 0.1) / 0.108 = 0.19536 / 0.108.
    const std::vector<double> e4{0.0, 0.03, 0.05, 0.15};
    const std::vector<double> s4{0.0, 2.4, 1.8, 1.8};
    const CurveSummary v = summarize_curve(e4, s4, 80.0, {0.002, 0.9});
    CHECK(v.flow_window_start == doctest::Approx(0.042).epsilon(kTol));
    CHECK(v.flow_stress_GPa == doctest::Approx(0.19536 / 0.108).epsilon(kTol));
    CHECK(v.yield_strain == doctest::Approx(3.46 / 110.0).epsilon(kTol));
}

TEST_CASE("a curve that never yields and peaks at its end has no yield, flow or drop") {
    const std::vector<double> e{0.0, 0.01, 0.02};
    const std::vector<double> s{0.0, 0.8, 1.6};
    const CurveSummary r = summarize_curve(e, s, 80.0);
    CHECK(std::isnan(r.yield_strain));
    CHECK(std::isnan(r.yield_stress_GPa));
    CHECK(r.peak_stress_GPa == 1.6);
    CHECK(r.peak_strain == 0.02);
    CHECK(r.flow_window_start == 0.02);
    CHECK(r.flow_window_end == 0.02);
    CHECK(std::isnan(r.flow_stress_GPa));
    CHECK(std::isnan(r.stress_drop_GPa));
}

TEST_CASE("summarize_curve rejects bad input with a clear message") {
    const std::vector<double> e{0.0, 0.01, 0.02};
    const std::vector<double> s{0.0, 0.8, 1.0};
    CHECK_THROWS_WITH_AS((void)summarize_curve(e, std::vector<double>{0.0, 1.0}, 80.0),
                         doctest::Contains("3 strains but 2 stresses"), Error);
    CHECK_THROWS_WITH_AS(
        (void)summarize_curve(std::vector<double>{0.0}, std::vector<double>{0.0}, 80.0),
        doctest::Contains("at least 2 points"), Error);
    CHECK_THROWS_WITH_AS((void)summarize_curve(std::vector<double>{0.0, 0.01, 0.01}, s, 80.0),
                         doctest::Contains("strictly increasing"), Error);
    CHECK_THROWS_AS((void)summarize_curve(std::vector<double>{0.0, 0.02, 0.01}, s, 80.0), Error);
    CHECK_THROWS_WITH_AS((void)summarize_curve(e, s, 0.0), doctest::Contains("modulus"), Error);
    CHECK_THROWS_AS((void)summarize_curve(e, s, -80.0), Error);
    CHECK_THROWS_AS((void)summarize_curve(e, s, std::nan("")), Error);
    CHECK_THROWS_AS((void)summarize_curve(e, std::vector<double>{0.0, std::nan(""), 1.0}, 80.0),
                    Error);
    CHECK_THROWS_AS((void)summarize_curve(e, s, 80.0, {0.0, 0.25}), Error);
    CHECK_THROWS_AS((void)summarize_curve(e, s, 80.0, {0.002, 0.0}), Error);
    CHECK_THROWS_AS((void)summarize_curve(e, s, 80.0, {0.002, 1.5}), Error);
}
