#pragma once
// Straight-line least squares y = a + b x, optionally weighted, with the covariance of
// (a, b) and the confidence band of the fitted line.
#include <cstddef>
#include <optional>
#include <span>

#include "stz/calibration/estimate.hpp"

namespace stz {

struct LinearFit {
    std::size_t points = 0;
    bool weighted = false;     ///< fitted with weights 1 / sigma_i^2
    double intercept = 0;      ///< a
    double slope = 0;          ///< b
    double cov_aa = 0, cov_ab = 0, cov_bb = 0;  ///< covariance of (a, b); NaN if unknown
    /// Degrees of freedom of the quantile used for intervals: n - 2 when the scatter was
    /// estimated from the residuals, +infinity (normal quantile) when the standard errors
    /// were taken as given. NaN: no interval (two points without standard errors).
    double dof = 0;
    double reduced_chi2 = 0;  ///< weighted: chi^2 / (n - 2); unweighted: residual variance
    double r_squared = 0;     ///< (weighted) coefficient of determination
    double confidence = 0.95;

    [[nodiscard]] double predict(double x) const { return intercept + slope * x; }
    /// Standard error of the fitted line's value at x (not of a new observation).
    [[nodiscard]] double predict_se(double x) const;
    /// The line at x with its confidence interval (the band).
    [[nodiscard]] Estimate at(double x) const;
    [[nodiscard]] Estimate intercept_estimate() const;
    [[nodiscard]] Estimate slope_estimate() const;
    /// The two-sided quantile factor for `confidence` and `dof` (NaN without interval).
    [[nodiscard]] double factor() const;
};

/// Fits y = a + b x. With `sigma` (standard errors of y, all > 0) the fit is weighted and
/// the covariance is (X^T W X)^-1 scaled by max(1, reduced chi^2) when n > 2 (scatter
/// beyond the stated errors widens the intervals, never narrows them; t with n - 2 dof
/// then), unscaled with the normal quantile when n = 2. Without sigma: ordinary least
/// squares, covariance from the residual variance, t with n - 2 dof; no interval for
/// n = 2. Needs at least two points with two distinct x; throws stz::Error otherwise.
[[nodiscard]] LinearFit fit_line(std::span<const double> x, std::span<const double> y,
                                 std::optional<std::span<const double>> sigma, double confidence);

}  // namespace stz
