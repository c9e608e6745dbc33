// RunForecast: the progress log's ETA, to the first of a run's limits.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "stz/core/error.hpp"
#include "stz/core/recent_pace.hpp"
#include "stz/kmc/run_forecast.hpp"

using stz::RunForecast;

TEST_CASE("RunForecast: steady loading to the applied-strain limit is forecast exactly") {
    RunForecast f({0.2, 0.0, 0});
    CHECK(std::isnan(f.eta_s()));
    f.add(0, 0.0, 0.0, 0);
    CHECK(std::isnan(f.eta_s()));  // one sample: no pace yet
    for (int k = 1; k <= 100; ++k) f.add(k, 1e-4 * k, 0.0, 10 * k);  // 1e-4 per s
    // 0.2 - 0.01 left at 1e-4 per s: 1900 s, to round-off (1e-9 relative).
    CHECK(f.eta_s() == doctest::Approx(1900).epsilon(1e-9));
}

TEST_CASE("RunForecast: the first limit wins") {
    SUBCASE("events") {
        RunForecast f({0.2, 0.0, 1'000'000});
        for (int k = 0; k <= 100; ++k) f.add(k, 1e-5 * k, 0.0, 1000 * k);
        // 900,000 events left at 1000 /s; the applied strain would take 19,900 s.
        CHECK(f.eta_s() == doctest::Approx(900).epsilon(1e-9));
    }
    SUBCASE("plastic strain, in steady flow") {
        RunForecast f({0.2, 0.021, 0});
        // Flow: the plastic strain follows the applied strain, 1e-5 per 10 s.
        for (int k = 0; k <= 100; ++k) f.add(10.0 * k, 0.02 + 1e-5 * k, 0.019 + 1e-5 * k, 100 * k);
        // 0.021 - 0.020 = 1e-3 left at 1e-6 per s: 1000 s.
        CHECK(f.eta_s() == doctest::Approx(1000).epsilon(1e-9));
    }
    SUBCASE("no pace: unknown") {
        RunForecast f({0.2, 0.021, 0});
        f.add(0, 0.02, 0.0, 0);
        f.add(10, 0.02, 0.001, 500);  // the applied strain has not moved (one long step)
        CHECK(std::isnan(f.eta_s()));
    }
    CHECK_THROWS_AS(RunForecast({0.0, 0.0, 0}), stz::Error);
    CHECK_THROWS_AS(RunForecast({0.2, -1.0, 0}), stz::Error);
}

TEST_CASE("RunForecast: band flow whose plastic strain jumps and falls back") {
    // A flowing band as at 512^2, Q = 1.8 eV (seed 1's log from 2.035 to 2.103 % applied
    // strain): a loading step (1e-5 of applied strain) takes 65-100 s of wall time, one in
    // twenty three to four times that, and the plastic strain follows the applied strain
    // with jumps of up to +-1e-4 (the stress's fluctuations / E), even falling back. The
    // run ends when the plastic strain first reaches 2.1 %.
    // Uniforms from the raw 64-bit engine (its output is fixed by the standard; the
    // library's distributions are not), so the series is the same everywhere.
    std::mt19937_64 rng(12345);
    const auto uniform = [&](double lo, double hi) { return lo + (hi - lo) * double(rng() >> 11) * 0x1.0p-53; };
    const auto step_s = [&] { return uniform(65.0, 100.0) * (uniform(0, 1) < 0.05 ? 3.5 : 1.0); };
    const auto jump = [&] { return uniform(-1e-4, 1e-4); };
    struct Row {
        double t_s, applied, plastic;
    };
    std::vector<Row> rows;
    double t = 0, applied = 0.0202;
    const double target = 0.021;
    for (;;) {
        const double plastic = applied - 2e-4 + jump();
        rows.push_back({t, applied, plastic});
        if (plastic >= target) break;
        t += step_s();
        applied += 1e-5;
    }
    const double t_end = rows.back().t_s;
    RunForecast f({0.2, target, 0});
    stz::RecentPace old(300.0);  // the forecast before RunForecast: the plastic strain's own pace
    std::vector<double> ratios;
    int old_off = 0, off = 0;
    for (const Row& r : rows) {
        f.add(r.t_s, r.applied, r.plastic, 0);
        old.add(r.t_s, std::max(r.applied / 0.2, r.plastic / target));
        const double truth = t_end - r.t_s;
        // Rows after the first 5 min, with at least about 40 steps (4e-4 of strain) to go.
        if (r.t_s < 300 || truth < 40 * 85.0) continue;
        const double ratio = f.eta_s() / truth;
        ratios.push_back(ratio);
        if (!(ratio > 0.5 && ratio < 2)) ++off;
        const double old_ratio = old.eta_s() / truth;
        if (!(old_ratio > 0.5 && old_ratio < 2)) ++old_off;
    }
    std::sort(ratios.begin(), ratios.end());
    const auto n = static_cast<int>(ratios.size());
    INFO("rows " << rows.size() << ", checked " << n << ", forecast / truth from " << ratios.front()
                 << " to " << ratios.back() << ", median " << ratios[ratios.size() / 2]
                 << "; off by more than 2x: " << off << " (old forecast: " << old_off << ")");
    REQUIRE(n >= 20);
    // Tolerances. The pace is that of the last step: 65-100 s against a mean of about 94 s
    // (0.7-1.1x), or 3.5 times that after a long step (1 in 20); the jumps of the plastic
    // strain now and at the end move the strain to go by up to 2e-4 of the 4e-4 or more left.
    // So unbiased (median within 0.8-1.25) and within 2x at all but the rows after a long step
    // (at most 1 in 10 here). The plastic strain's own pace (old) is off by more than 2x at a
    // quarter of the rows or more.
    CHECK(ratios[ratios.size() / 2] > 0.8);
    CHECK(ratios[ratios.size() / 2] < 1.25);
    CHECK(off <= n / 10);
    CHECK(old_off > n / 4);
}
