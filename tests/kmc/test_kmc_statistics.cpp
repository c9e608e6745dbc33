// Statistical checks of the kinetics over many events and seeds (MODEL.md §4).
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "kmc/kmc_test_util.hpp"
#include "stz/kmc/simulation.hpp"

using namespace stz;
using stz::test::small_config;

namespace {
/// Kolmogorov-Smirnov distance of a sample from the unit exponential law.
double ks_exponential(std::vector<double> x) {
    std::sort(x.begin(), x.end());
    const double n = double(x.size());
    double d = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double f = 1 - std::exp(-x[i]);
        d = std::max({d, std::abs(f - i / n), std::abs((i + 1) / n - f)});
    }
    return d;
}

struct Sample {
    double mean = 0, var = 0;
};
Sample stats(const std::vector<double>& v) {
    Sample s;
    for (double x : v) s.mean += x;
    s.mean /= v.size();
    for (double x : v) s.var += (x - s.mean) * (x - s.mean);
    s.var /= (v.size() - 1);
    return s;
}
}  // namespace

TEST_CASE("continuous scheme: waiting times times the total rate are Exp(1)") {
    // Hold at a fixed strain with softening off: between events nothing changes the rates,
    // so the wait after each event is exponential with the total rate R refreshed right
    // after it. Intervals are short (R dt ~ 0.05), so an interval rarely holds two events;
    // such intervals are skipped (their events' times are not all observable).
    // A small V keeps every barrier far from 0 (no athermal events, which would happen at
    // frozen time and are not part of the law).
    Config c = small_config(8, 1, 4, 21);
    c.catalog.barrier_mean_eV = 1.0;
    c.catalog.barrier_std_eV = 0.1;
    c.catalog.stz_volume_factor = 0.25;
    c.softening.kappa_p = c.softening.kappa_t = 0;
    Simulation sim(c);
    std::vector<double> scaled;
    double rate = sim.total_rate_per_s();
    const double dt = 0.05 / rate;
    double t_prev = sim.time_s();
    std::int64_t events = sim.counts().thermal;
    bool valid = true;  // the previous event's time is known
    while (scaled.size() < 2000) {
        sim.advance(0.0, dt);
        const std::int64_t now = sim.counts().thermal;
        REQUIRE(sim.counts().athermal == 0);
        if (now == events + 1) {
            if (valid) scaled.push_back(rate * (sim.last_event().time_s - t_prev));
            valid = true;
            t_prev = sim.last_event().time_s;
            rate = sim.total_rate_per_s();  // rates after the event (nothing else changes)
        } else if (now > events + 1) {
            valid = false;  // two events in one interval: restart the clock at the next one
            rate = sim.total_rate_per_s();
        }
        events = now;
    }
    const Sample s = stats(scaled);
    // Exp(1): mean 1, variance 1. 5 standard errors: 5/sqrt(2000) = 0.11 for the mean.
    CHECK(std::abs(s.mean - 1) < 5 / std::sqrt(double(scaled.size())));
    CHECK(std::abs(s.var - 1) < 0.32);  // SE of the variance of Exp(1) is sqrt(8/n) = 0.063
    // KS: the 1 % critical value is 1.63/sqrt(n) = 0.036.
    CHECK(ks_exponential(scaled) < 1.63 / std::sqrt(double(scaled.size())));
}

TEST_CASE("thinning, tree and direct paths: same statistics over 20 seeds at 32^2") {
    // Peak stress, thermal event count and mean avalanche size over seeds; a Welch
    // difference of means within 3 standard errors (two-sided, about 0.3 % per comparison
    // if the laws are equal). tree and direct select the same events for the same uniforms,
    // so their difference is zero in practice; thinning draws its own candidates, so it
    // agrees with direct only in distribution, which is what this checks.
    auto run = [](EventSelection sel, std::uint64_t seed) {
        Config c = small_config(32, 1, 8, seed);
        c.kinetics.selection = sel;
        Simulation sim(c);
        double peak = 0;
        while (sim.applied_strain() < 0.028) {
            sim.step();
            peak = std::max(peak, sim.stress_GPa());
        }
        double aval = 0;
        for (const auto& a : sim.avalanches()) aval += double(a.events);
        aval /= std::max<std::size_t>(1, sim.avalanches().size());
        return std::array<double, 3>{peak, double(sim.counts().thermal), aval};
    };
    std::array<std::vector<double>, 3> thin, tree, direct;
    for (std::uint64_t seed = 100; seed < 120; ++seed) {
        const auto a = run(EventSelection::tree, seed), b = run(EventSelection::direct, seed);
        const auto t = run(EventSelection::thinning, seed);
        for (int k = 0; k < 3; ++k) {
            tree[k].push_back(a[k]);
            direct[k].push_back(b[k]);
            thin[k].push_back(t[k]);
        }
    }
    for (int k = 0; k < 3; ++k) {
        const Sample d = stats(direct[k]);
        for (const auto* other : {&tree[k], &thin[k]}) {
            const Sample a = stats(*other);
            const double se = std::sqrt(a.var / other->size() + d.var / direct[k].size());
            CAPTURE(k);
            CAPTURE(a.mean);
            CAPTURE(d.mean);
            CHECK(std::abs(a.mean - d.mean) <= 3 * se + 1e-12 * std::abs(a.mean));
        }
    }
    // The glass yields in these runs (so the comparison covers plastic flow).
    CHECK(stats(thin[0]).mean > 1.0);
    CHECK(stats(thin[1]).mean > 10);
}
