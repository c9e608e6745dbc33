// Gaussian and log-normal fits: exact values on fixed samples, interval coverage over seeds.
#include "stz/calibration/sample_stats.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "stz/core/error.hpp"
#include "stz/core/random.hpp"

using namespace stz;

TEST_CASE("fit_gaussian: mean, n-1 deviation and t / chi-squared intervals of a fixed sample") {
    const std::vector<double> x = {1.0, 2.0, 3.0, 4.0, 5.0};
    const GaussianFit f = fit_gaussian(x, 0.95);
    CHECK(f.count == 5);
    CHECK(f.mean.value == doctest::Approx(3.0).epsilon(1e-15));
    const double s = std::sqrt(2.5);
    CHECK(f.std.value == doctest::Approx(s).epsilon(1e-15));
    // t_{0.975,4} = 2.776445105197793; chi2_{0.975,4} = 11.143286781877794,
    // chi2_{0.025,4} = 0.484418557087593 (standard tables; 1e-9 relative).
    CHECK(f.mean.hi - 3.0 == doctest::Approx(2.776445105197793 * s / std::sqrt(5.0)).epsilon(1e-9));
    CHECK(f.std.lo == doctest::Approx(s * std::sqrt(4 / 11.143286781877794)).epsilon(1e-9));
    CHECK(f.std.hi == doctest::Approx(s * std::sqrt(4 / 0.484418557087593)).epsilon(1e-9));
}

TEST_CASE("fit_gaussian: 95 % intervals cover the true mean and width about 95 % of the time") {
    // 200 samples of 30 draws from N(2, 0.3): the number of covering intervals is
    // Binomial(200, 0.95) = 190 +- 3.1; accept 180..199 (more than 3 SD either way fails).
    int cover_mean = 0, cover_std = 0;
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        CounterRng rng(seed, RngStream::test, 7);
        std::vector<double> x;
        for (int i = 0; i < 30; ++i) x.push_back(2.0 + 0.3 * rng.normal());
        const GaussianFit f = fit_gaussian(x, 0.95);
        cover_mean += f.mean.covers(2.0);
        cover_std += f.std.covers(0.3);
    }
    CHECK(cover_mean >= 180);
    CHECK(cover_mean <= 199);
    CHECK(cover_std >= 180);
    CHECK(cover_std <= 199);
}

TEST_CASE("fit_gaussian rejects fewer than two values and non-finite ones") {
    CHECK_THROWS_AS((void)fit_gaussian(std::vector<double>{1.0}, 0.95), Error);
    CHECK_THROWS_AS((void)fit_gaussian(std::vector<double>{1.0, NAN}, 0.95), Error);
    CHECK_THROWS_AS((void)fit_gaussian(std::vector<double>{1.0, 2.0}, 1.0), Error);
}

TEST_CASE("fit_lognormal recovers mu, sigma and the mean exp(mu + sigma^2/2)") {
    // 20 000 draws of exp(N(2.5, 0.4)): standard errors 0.0028 (mu), 0.002 (sigma),
    // 0.3 % (mean); the checks allow 4 standard errors.
    CounterRng rng(11, RngStream::test, 3);
    std::vector<double> x;
    for (int i = 0; i < 20000; ++i) x.push_back(std::exp(2.5 + 0.4 * rng.normal()));
    const LogNormalFit f = fit_lognormal(x, 0.95);
    CHECK(f.mu.value == doctest::Approx(2.5).epsilon(4 * 0.0028 / 2.5));
    CHECK(f.sigma.value == doctest::Approx(0.4).epsilon(4 * 0.002 / 0.4));
    const double mean = std::exp(2.5 + 0.08);
    CHECK(std::abs(f.mean.value - mean) < 4 * f.mean.se);
    CHECK(f.mean.covers(mean));
    CHECK(f.median == doctest::Approx(std::exp(f.mu.value)));
    CHECK(f.ks_distance < 0.02);  // ~ 1.36 / sqrt(n) = 0.0096 at 5 % for known parameters
    CHECK_THROWS_AS((void)fit_lognormal(std::vector<double>{1.0, 0.0, 2.0}, 0.95), Error);
}
