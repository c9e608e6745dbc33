#pragma once
// Gaussian and log-normal fits of a sample, with confidence intervals.
#include <cstddef>
#include <span>

#include "stz/calibration/estimate.hpp"

namespace stz {

/// N(mean, std) fitted to a sample: the sample mean and the (n - 1) standard deviation.
/// Intervals at `confidence`: the mean by Student's t with n - 1 degrees of freedom,
/// the standard deviation by the chi-squared law of (n - 1) s^2 / sigma^2.
struct GaussianFit {
    std::size_t count = 0;
    Estimate mean;  ///< se = s / sqrt(n)
    Estimate std;   ///< se = s / sqrt(2 (n - 1)) (large-sample), interval exact for normal data
};

/// Needs at least two values, all finite (throws stz::Error otherwise); 0 < confidence < 1.
[[nodiscard]] GaussianFit fit_gaussian(std::span<const double> x, double confidence);

/// Log-normal fitted to positive values: mu and sigma of ln x (as fit_gaussian on ln x),
/// and the mean of the distribution exp(mu + sigma^2 / 2) with its delta-method standard
/// error and an interval taken on the log scale (Cox's method).
struct LogNormalFit {
    std::size_t count = 0;
    Estimate mu;     ///< mean of ln x
    Estimate sigma;  ///< standard deviation of ln x
    Estimate mean;   ///< E[x] = exp(mu + sigma^2 / 2)
    double median = 0;  ///< exp(mu)
    /// Kolmogorov-Smirnov distance between the empirical law of ln x and N(mu, sigma)
    /// (a diagnostic: with fitted parameters its usual p-values do not apply).
    double ks_distance = 0;
};

/// Needs at least two values, all finite and > 0; throws stz::Error otherwise.
[[nodiscard]] LogNormalFit fit_lognormal(std::span<const double> x, double confidence);

}  // namespace stz
