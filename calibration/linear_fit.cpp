#include "stz/calibration/linear_fit.hpp"

#include <cmath>
#include <algorithm>
#include <limits>
#include <vector>

#include "stz/calibration/distributions.hpp"
#include "stz/core/error.hpp"

namespace stz {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

double LinearFit::factor() const {
    if (std::isnan(dof)) return kNaN;
    return two_sided_t_factor(confidence, dof);
}

double LinearFit::predict_se(double x) const {
    return std::sqrt(std::max(0.0, cov_aa + 2 * x * cov_ab + x * x * cov_bb));
}

Estimate LinearFit::at(double x) const {
    return Estimate::symmetric(predict(x), predict_se(x), factor());
}

Estimate LinearFit::intercept_estimate() const {
    return Estimate::symmetric(intercept, std::sqrt(cov_aa), factor());
}

Estimate LinearFit::slope_estimate() const {
    return Estimate::symmetric(slope, std::sqrt(cov_bb), factor());
}

LinearFit fit_line(std::span<const double> x, std::span<const double> y,
                   std::optional<std::span<const double>> sigma, double confidence) {
    const std::size_t n = x.size();
    STZ_REQUIRE(y.size() == n, "fit_line: " << n << " x values but " << y.size() << " y values");
    STZ_REQUIRE(!sigma || sigma->size() == n,
                "fit_line: " << n << " points but " << sigma->size() << " standard errors");
    STZ_REQUIRE(n >= 2, "a straight-line fit needs at least 2 points, got " << n);
    STZ_REQUIRE(confidence > 0 && confidence < 1,
                "confidence must lie strictly between 0 and 1, got " << confidence);
    std::vector<double> w(n, 1.0);
    for (std::size_t i = 0; i < n; ++i) {
        STZ_REQUIRE(std::isfinite(x[i]) && std::isfinite(y[i]),
                    "fit_line: point " << i << " is not finite");
        if (sigma) {
            const double s = (*sigma)[i];
            STZ_REQUIRE(std::isfinite(s) && s > 0,
                        "fit_line: standard error of point " << i << " must be positive, got " << s);
            w[i] = 1 / (s * s);
        }
    }
    // Centred sums: stable when x is far from 0 (log10 of cooling rates ~ 5..12).
    double sw = 0, swx = 0, swy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        sw += w[i];
        swx += w[i] * x[i];
        swy += w[i] * y[i];
    }
    const double xm = swx / sw, ym = swy / sw;
    double sxx = 0, sxy = 0, syy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double dx = x[i] - xm, dy = y[i] - ym;
        sxx += w[i] * dx * dx;
        sxy += w[i] * dx * dy;
        syy += w[i] * dy * dy;
    }
    STZ_REQUIRE(sxx > 0, "a straight-line fit needs at least two distinct x values");
    LinearFit f;
    f.points = n;
    f.weighted = sigma.has_value();
    f.confidence = confidence;
    f.slope = sxy / sxx;
    f.intercept = ym - f.slope * xm;
    double rss = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double r = y[i] - f.predict(x[i]);
        rss += w[i] * r * r;
    }
    f.r_squared = syy > 0 ? 1 - rss / syy : 1.0;
    // Covariance of (a, b) for unit weights scale: var(b) = 1/sxx, var(a) = 1/sw + xm^2/sxx,
    // cov(a, b) = -xm/sxx; multiplied by the scale below.
    double scale = 1;
    if (n > 2) {
        f.reduced_chi2 = rss / double(n - 2);
        scale = f.weighted ? std::max(1.0, f.reduced_chi2) : f.reduced_chi2;
        f.dof = (f.weighted && f.reduced_chi2 <= 1) ? kInf : double(n - 2);
    } else {
        f.reduced_chi2 = kNaN;
        f.dof = f.weighted ? kInf : kNaN;
        scale = f.weighted ? 1.0 : kNaN;
    }
    f.cov_bb = scale / sxx;
    f.cov_aa = scale * (1 / sw + xm * xm / sxx);
    f.cov_ab = -scale * xm / sxx;
    return f;
}

}  // namespace stz
