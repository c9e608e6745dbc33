// RecentPace: the ETA of a job follows its pace over the last window, not its average.
#include <doctest/doctest.h>

#include <cmath>

#include "stz/core/error.hpp"
#include "stz/core/recent_pace.hpp"

using stz::RecentPace;

TEST_CASE("RecentPace: a steady job is forecast exactly") {
    RecentPace p(300);
    CHECK(std::isnan(p.eta_s()));  // one sample: no pace yet
    p.add(0, 0.0);
    CHECK(std::isnan(p.eta_s()));
    for (int t = 10; t <= 100; t += 10) p.add(t, 0.001 * t);  // 0.1 % per s
    // 90 % left at 0.1 % per s: 900 s; exact in binary up to round-off (1e-9 relative).
    CHECK(p.eta_s() == doctest::Approx(900).epsilon(1e-9));
}

TEST_CASE("RecentPace: after a fast phase the slow recent pace sets the forecast") {
    // 85 % in the first 600 s (a yield burst), then 0.01 % per s (band flow).
    RecentPace p(300);
    p.add(0, 0);
    for (int t = 10; t <= 600; t += 10) p.add(t, 0.85 * t / 600.0);
    for (int t = 610; t <= 1200; t += 10) p.add(t, 0.85 + 1e-4 * (t - 600));
    // Done: 0.85 + 0.06 = 0.91; left 0.09 at 1e-4 per s = 900 s. The window holds only the
    // slow phase (its oldest sample at t = 900 s), so the forecast is exact to round-off;
    // the average pace since the start would have said 1200 * 0.09 / 0.91 = 119 s.
    CHECK(p.eta_s() == doctest::Approx(900).epsilon(1e-9));
}

TEST_CASE("RecentPace: no progress or time going back") {
    RecentPace p(60);
    p.add(0, 0.5);
    p.add(30, 0.5);
    CHECK(std::isnan(p.eta_s()));  // stalled: unknown, not infinite or negative
    p.add(40, 0.6);
    CHECK(p.eta_s() == doctest::Approx(160).epsilon(1e-9));  // 0.1 per 40 s, 0.4 left
    CHECK_THROWS_AS(p.add(39, 0.7), stz::Error);
    CHECK_THROWS_AS(RecentPace(0), stz::Error);
}

TEST_CASE("RecentPace: the pace itself") {
    RecentPace p(60);
    CHECK(std::isnan(p.pace_per_s()));  // no sample
    p.add(0, 0.2);
    CHECK(std::isnan(p.pace_per_s()));  // one sample
    p.add(0, 0.3);
    CHECK(std::isnan(p.pace_per_s()));  // no time between them
    p.add(20, 0.1);
    CHECK(p.pace_per_s() == doctest::Approx(-0.005).epsilon(1e-12));  // fell back: negative
    CHECK(std::isnan(p.eta_s()));
    p.add(100, 0.5);  // the window keeps t = 20 (the newest at least 60 s old)
    CHECK(p.pace_per_s() == doctest::Approx(0.4 / 80).epsilon(1e-12));
}
