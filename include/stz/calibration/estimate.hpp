#pragma once
// A fitted number with its uncertainty, as every calibration result reports it.
#include <cmath>
#include <limits>

namespace stz {

/// A value, its standard error and a two-sided confidence interval [lo, hi] at the
/// calibration's confidence level. A NaN se/lo/hi means "no interval" (e.g. a line
/// through two points without standard errors); the value is still meaningful.
struct Estimate {
    double value = std::numeric_limits<double>::quiet_NaN();
    double se = std::numeric_limits<double>::quiet_NaN();
    double lo = std::numeric_limits<double>::quiet_NaN();
    double hi = std::numeric_limits<double>::quiet_NaN();

    /// value +- factor * se (factor: the t or normal quantile of the confidence level).
    static Estimate symmetric(double value, double se, double factor) {
        return {value, se, value - factor * se, value + factor * se};
    }
    [[nodiscard]] bool has_interval() const { return std::isfinite(lo) && std::isfinite(hi); }
    /// Whether `x` lies in [lo, hi].
    [[nodiscard]] bool covers(double x) const { return has_interval() && lo <= x && x <= hi; }
};

}  // namespace stz
