#include "stz/calibration/sample_stats.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "stz/calibration/distributions.hpp"
#include "stz/core/error.hpp"

namespace stz {

GaussianFit fit_gaussian(std::span<const double> x, double confidence) {
    STZ_REQUIRE(confidence > 0 && confidence < 1,
                "confidence must lie strictly between 0 and 1, got " << confidence);
    const std::size_t n = x.size();
    STZ_REQUIRE(n >= 2, "a Gaussian fit needs at least 2 values, got " << n);
    // Two passes (mean, then squared deviations): no cancellation for narrow spectra.
    double sum = 0;
    for (double v : x) {
        STZ_REQUIRE(std::isfinite(v), "a Gaussian fit got a non-finite value " << v);
        sum += v;
    }
    const double mean = sum / double(n);
    double ss = 0;
    for (double v : x) ss += (v - mean) * (v - mean);
    const double dof = double(n - 1);
    const double s = std::sqrt(ss / dof);
    GaussianFit f;
    f.count = n;
    const double sem = s / std::sqrt(double(n));
    f.mean = Estimate::symmetric(mean, sem, two_sided_t_factor(confidence, dof));
    const double alpha = 1 - confidence;
    f.std.value = s;
    f.std.se = s / std::sqrt(2 * dof);
    f.std.lo = s * std::sqrt(dof / chi_squared_quantile(1 - alpha / 2, dof));
    f.std.hi = s * std::sqrt(dof / chi_squared_quantile(alpha / 2, dof));
    return f;
}

LogNormalFit fit_lognormal(std::span<const double> x, double confidence) {
    std::vector<double> logs;
    logs.reserve(x.size());
    for (double v : x) {
        STZ_REQUIRE(std::isfinite(v) && v > 0, "a log-normal fit needs positive values, got " << v);
        logs.push_back(std::log(v));
    }
    const GaussianFit g = fit_gaussian(logs, confidence);
    LogNormalFit f;
    f.count = g.count;
    f.mu = g.mean;
    f.sigma = g.std;
    const double n = double(g.count);
    const double mu = g.mean.value, s = g.std.value;
    const double mean = std::exp(mu + s * s / 2);
    // ln E[x] = mu + sigma^2/2; var = sigma^2/n + sigma^4/(2 (n-1)) (Cox's method).
    const double log_se = std::sqrt(s * s / n + s * s * s * s / (2 * (n - 1)));
    const double q = two_sided_t_factor(confidence, n - 1);
    f.mean = {mean, mean * log_se, mean * std::exp(-q * log_se), mean * std::exp(q * log_se)};
    f.median = std::exp(mu);
    std::sort(logs.begin(), logs.end());
    double d = 0;
    for (std::size_t i = 0; i < logs.size(); ++i) {
        const double cdf = s > 0 ? normal_cdf((logs[i] - mu) / s) : (logs[i] >= mu ? 1.0 : 0.0);
        d = std::max({d, std::abs(double(i + 1) / n - cdf), std::abs(cdf - double(i) / n)});
    }
    f.ks_distance = d;
    return f;
}

}  // namespace stz
