#include "stz/calibration/distributions.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>

#include "stz/core/error.hpp"

namespace stz {
namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kPi = std::numbers::pi;
// Lentz's method replaces a zero denominator by this tiny number (NR 3rd ed. 5.2).
constexpr double kLentzFloor = 1e-300;
// Series and continued fractions take O(sqrt(parameter)) terms near the mean; needing more
// than this many means the parameters are beyond the supported range (~1e12).
constexpr long kMaxTerms = 20'000'000;

// ------------------------------------------------------------------ elementary helpers

/// log(1 + u) - u for u > -1, without the cancellation of the direct difference at small u.
double log1pmx(double u) {
    if (std::fabs(u) > 0.5) return std::log1p(u) - u;
    // log(1 + u) = 2 atanh(r) = 2 (r + r^3/3 + ...) with r = u / (2 + u), and 2 r - u = -u r.
    const double r = u / (2 + u), r2 = r * r;
    double power = r, sum = 0;
    for (int k = 3;; k += 2) {  // |r| <= 1/3: at most ~17 terms
        power *= r2;
        const double term = power / k;
        sum += term;
        if (std::fabs(term) <= kEps * std::fabs(sum)) break;
    }
    return -u * r + 2 * sum;
}

/// Stirling's series ln Gamma(x) - [(x - 1/2) ln x - x + ln(2 pi) / 2] for x >= 10:
/// sum_k B_2k / (2k (2k - 1) x^(2k - 1)); the first omitted term is below 2e-18 at x = 10.
double stirling_series(double x) {
    STZ_ASSERT(x >= 10);
    constexpr std::array<double, 8> c = {1.0 / 12,   -1.0 / 360,      1.0 / 1260, -1.0 / 1680,
                                         1.0 / 1188, -691.0 / 360360, 1.0 / 156,  -3617.0 / 122400};
    const double r = 1 / x, r2 = r * r;
    double sum = 0;
    for (auto k = c.size(); k-- > 0;) sum = sum * r2 + c[k];
    return sum * r;
}

/// ln Gamma(x) for x > 0. Not std::lgamma: glibc's writes the global signgam, a data race
/// when the distributions are used from several threads; std::tgamma does not, and its
/// logarithm is also the more accurate below x ~ 10 (~3e-16 absolute near x = 1 and 2).
double log_gamma(double x) {
    if (x < 1e-300) return std::log(std::tgamma(1 + x)) - std::log(x);  // Gamma(x) overflows
    if (x < 100) return std::log(std::tgamma(x));
    return (x - 0.5) * std::log(x) - x + 0.5 * std::log(2 * kPi) + stirling_series(x);
}

/// ln(Gamma(a) a^b / Gamma(a + b)) for a >= 10, b > 0: O(b^2 / a), free of the cancellation
/// of the direct difference (the b ln a is left for the caller to combine with its own logs).
double lgamma_ratio_scaled(double a, double b) {
    return -(a + b - 0.5) * std::log1p(b / a) + b + stirling_series(a) - stirling_series(a + b);
}

/// ln(c w) for c > 0, w >= 0 given with its logarithm log_w: the product when it is a normal
/// double (no cancellation between ln c and log_w), else the sum of the logarithms.
double log_product(double c, double w, double log_w) {
    const double cw = c * w;
    return std::isnormal(cw) ? std::log(cw) : std::log(c) + log_w;
}

// ------------------------------------------------------------------ incomplete gamma

/// x^a e^-x / Gamma(a), the factor common to P(a, x) and Q(a, x) (a > 0, x >= 0).
double gamma_kernel(double a, double x) {
    if (x == 0 || std::isinf(x)) return 0;
    if (a < 10) return std::exp(a * std::log(x) - x - log_gamma(a));
    // About the mean, a ln(x/a) - (x - a) = a log1pmx((x - a)/a) keeps its relative precision
    // where the direct a ln x - x - lgamma(a) would cancel to ~eps * a.
    const double mu = (x - a) / a;
    const double e = std::fabs(mu) <= 0.5 ? a * log1pmx(mu) : a * std::log(x / a) - (x - a);
    return std::exp(e - stirling_series(a)) * std::sqrt(a / (2 * kPi));
}

/// The continued fraction with Q(a, x) = kernel * fraction (NR 3rd ed. 6.2.7),
/// 1/(x + 1 - a - 1 (1 - a)/(x + 3 - a - 2 (2 - a)/(x + 5 - a - ...))), by Lentz's method;
/// it converges quickly for x >= a + 1.
double gamma_fraction(double a, double x) {
    double b = x + 1 - a, c = 1 / kLentzFloor, d = 1 / b, h = d;
    for (long i = 1;; ++i) {
        STZ_REQUIRE(i < kMaxTerms, "regularized_lower_gamma: no convergence for a = "
                                       << a << ", x = " << x << " (a too large)");
        const double an = -static_cast<double>(i) * (static_cast<double>(i) - a);
        b += 2;
        d = an * d + b;
        if (std::fabs(d) < kLentzFloor) d = kLentzFloor;
        c = b + an / c;
        if (std::fabs(c) < kLentzFloor) c = kLentzFloor;
        d = 1 / d;
        const double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1) <= kEps) return h;
    }
}

struct GammaTails {
    double p, q;    ///< P(a, x) and Q(a, x) = 1 - P(a, x)
    double kernel;  ///< x^a e^-x / Gamma(a) = x * (density of Gamma(a, 1) at x)
};

/// P(a, x) by its series below x = a + 1, Q(a, x) by its continued fraction above (NR 3rd
/// ed. 6.2), the other as the complement: the directly computed one is the smaller, except
/// for a << 1, where Q ~ a near x = 1 loses ~log10(1/a) digits (a = 1/2 uses erf / erfc).
GammaTails incomplete_gamma(double a, double x) {
    if (x == 0) return {0, 1, 0};
    if (std::isinf(x)) return {1, 0, 0};
    const double kernel = gamma_kernel(a, x);
    if (a == 0.5) {  // chi-squared with 1 dof, Student t: both tails exact via erf / erfc
        const double r = std::sqrt(x);
        return {std::erf(r), std::erfc(r), kernel};
    }
    if (x < a + 1) {
        // P = kernel / a * sum_n x^n / ((a + 1) ... (a + n))
        double term = 1 / a, sum = term, ap = a;
        for (long n = 1; term >= kEps * sum; ++n) {
            STZ_REQUIRE(n < kMaxTerms, "regularized_lower_gamma: no convergence for a = "
                                           << a << ", x = " << x << " (a too large)");
            ap += 1;
            term *= x / ap;
            sum += term;
        }
        const double p = std::min(1.0, kernel * sum);
        return {p, 1 - p, kernel};
    }
    const double q = std::min(1.0, kernel * gamma_fraction(a, x));
    return {1 - q, q, kernel};
}

// ------------------------------------------------------------------ incomplete beta

/// The argument of I_x(a, b): x and y = 1 - x, each to full relative precision (so a t
/// statistic near 0 or a huge dof loses nothing to 1 - x), and their logarithms (finite
/// even where x itself underflows).
struct BetaArg {
    double x, y, log_x, log_y;
};

BetaArg swapped(const BetaArg& z) {
    return {z.y, z.x, z.log_y, z.log_x};
}

/// x^a y^b / B(a, b), the factor common to I_x(a, b) and its complement.
double beta_kernel(double a, double b, const BetaArg& z) {
    if (z.log_x == -kInf || z.log_y == -kInf) return 0;
    if (std::max(a, b) < 10) {
        return std::exp(a * z.log_x + b * z.log_y - log_gamma(a) - log_gamma(b) + log_gamma(a + b));
    }
    // One large: 1 / B(a, b) ~ a^b / Gamma(b) for a >> b, and x^a (a y)^b keeps its precision
    // where ln y and ln a are both large (Student t with a huge dof).
    if (b < 10) {
        return std::exp(a * z.log_x + b * log_product(a, z.y, z.log_y) - log_gamma(b) -
                        lgamma_ratio_scaled(a, b));
    }
    if (a < 10) {
        return std::exp(b * z.log_y + a * log_product(b, z.x, z.log_x) - log_gamma(a) -
                        lgamma_ratio_scaled(b, a));
    }
    // Both large: Stirling's formula about the mean x0 = a / (a + b). With lambda = a - s x,
    // a ln(x / x0) + b ln(y / (1 - x0)) = a log1pmx(-lambda / a) + b log1pmx(lambda / b),
    // which keeps its relative precision where the two logarithms would cancel.
    const double s = a + b;
    const double lambda = a > b ? s * z.y - b : a - s * z.x;
    const double ta = std::fabs(lambda) <= 0.5 * a ? a * log1pmx(-lambda / a)
                                                   : a * std::log(z.x * s / a) + lambda;
    const double tb =
        std::fabs(lambda) <= 0.5 * b ? b * log1pmx(lambda / b) : b * std::log(z.y * s / b) - lambda;
    const double e = ta + tb - stirling_series(a) - stirling_series(b) + stirling_series(s);
    return std::exp(e) * std::sqrt(a / (2 * kPi)) * std::sqrt(b / s);
}

/// The continued fraction with I_x(a, b) = kernel * fraction / a (NR 3rd ed. 6.4.5), by
/// Lentz's method; it converges quickly for x < (a + 1) / (a + b + 2).
double beta_fraction(double a, double b, double x) {
    const double qab = a + b, qap = a + 1, qam = a - 1;
    double c = 1, d = 1 - qab * x / qap;
    if (std::fabs(d) < kLentzFloor) d = kLentzFloor;
    d = 1 / d;
    double h = d;
    for (long m = 1;; ++m) {
        STZ_REQUIRE(m < kMaxTerms, "regularized_incomplete_beta: no convergence for a = "
                                       << a << ", b = " << b << ", x = " << x
                                       << " (a or b too large)");
        const double dm = static_cast<double>(m), m2 = 2 * dm;
        double aa = dm * (b - dm) * x / ((qam + m2) * (a + m2));  // even step
        d = 1 + aa * d;
        if (std::fabs(d) < kLentzFloor) d = kLentzFloor;
        c = 1 + aa / c;
        if (std::fabs(c) < kLentzFloor) c = kLentzFloor;
        d = 1 / d;
        h *= d * c;
        aa = -(a + dm) * (qab + dm) * x / ((a + m2) * (qap + m2));  // odd step
        d = 1 + aa * d;
        if (std::fabs(d) < kLentzFloor) d = kLentzFloor;
        c = 1 + aa / c;
        if (std::fabs(c) < kLentzFloor) c = kLentzFloor;
        d = 1 / d;
        const double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1) <= kEps) return h;
    }
}

/// I_x(a, b) for a >= 15, b <= 1 by the asymptotic expansion in 1/a of DiDonato & Morris
/// (ACM TOMS 18 (1992) 360, procedure BGRAT): a series in Q(b, z), z = -(a + (b - 1)/2) ln x.
/// It needs ln x, not 1 - x, so it stays exact where x is within rounding of 1 (the continued
/// fraction there loses ~eps * a, e.g. for Student t with a large dof).
double beta_large_a(double a, double b, const BetaArg& arg) {
    const double bm1 = b - 1;
    const double nu = a + 0.5 * bm1;
    const double lnx = arg.log_x;
    const double z = -nu * lnx;
    // ln u, u = r Gamma(a + b) / (Gamma(a) nu^b), r = z^b e^-z / Gamma(b); in logarithms, as
    // r underflows in the far tail where the result is still a normal double
    const double log_u =
        b * std::log(z) - z - log_gamma(b) - lgamma_ratio_scaled(a, b) - b * std::log(nu / a);
    const double v = 0.25 / (nu * nu);
    const double t2 = 0.25 * lnx * lnx;
    // I_x(a, b) = u * sum_n d_n J_n with J_0 = Q(b, z) / r; J_n, c_n and d_n by recurrence.
    // Q(b, z) / r is the continued fraction itself where that converges (z >= b + 1).
    double j = z >= b + 1 ? gamma_fraction(b, z) : incomplete_gamma(b, z).q / gamma_kernel(b, z);
    double sum = j, t = 1, cn = 1, n2 = 0;
    std::array<double, 30> c{}, d{};
    for (int n = 1; n <= 30; ++n) {
        const double bp2n = b + n2;
        j = (bp2n * (bp2n + 1) * j + (z + bp2n + 1) * t) * v;
        n2 += 2;
        t *= t2;
        cn /= n2 * (n2 + 1);
        c[n - 1] = cn;
        double s = 0, coef = b - n;
        for (int i = 1; i < n; ++i) {
            s += coef * c[i - 1] * d[n - i - 1];
            coef += b;
        }
        d[n - 1] = bm1 * cn + s / n;
        const double dj = d[n - 1] * j;
        sum += dj;
        STZ_ASSERT(sum > 0);
        if (std::fabs(dj) <= 15 * kEps * sum) break;
    }
    return std::exp(log_u + std::log(sum));
}

/// Whether I_x(a, b) is computed by the expansion in 1/a (BGRAT, after shifting b below 1):
/// a large, x near 1, b moderate. There the continued fraction would lose ~eps * a.
bool use_large_a(double a, double b, const BetaArg& z) {
    return a >= 15 && z.y < 0.29 && b <= 40;
}

/// I_x(a, b), directly: by the expansion in 1/a where use_large_a(), else by the continued
/// fraction (which needs x < (a + 1) / (a + b + 2) to converge quickly).
double beta_lower_direct(double a, double b, const BetaArg& z, double kernel) {
    if (use_large_a(a, b, z)) {
        // Shift b to its fractional part bf in (0, 1] with I_x(a, b + 1) = I_x(a, b) +
        // x^a y^b / (b B(a, b)): n positive terms, no cancellation.
        const double n = std::ceil(b) - 1, bf = b - n;
        double sum = beta_large_a(a, bf, z);
        for (int i = 0; i < static_cast<int>(n); ++i) sum += beta_kernel(a, bf + i, z) / (bf + i);
        return sum;
    }
    return kernel * beta_fraction(a, b, z.x) / a;
}

struct BetaTails {
    double lower, upper;  ///< I_x(a, b) and 1 - I_x(a, b)
    double kernel;        ///< x^a y^b / B(a, b) = x y * (density of Beta(a, b) at x)
};

/// I_x(a, b) and its complement. The side on which the continued fraction converges fast is
/// computed directly, the other as 1 - it; but when that direct value exceeds 1/2 (a small
/// shape parameter, e.g. I_y(1/2, dof/2) for a small t) and the expansion in 1/a applies to
/// the other side, the other side is computed directly instead, keeping its relative precision.
BetaTails incomplete_beta(double a, double b, const BetaArg& z) {
    if (z.log_x == -kInf) return {0, 1, 0};
    if (z.log_y == -kInf) return {1, 0, 0};
    const double kernel = beta_kernel(a, b, z);
    // x < (a + 1) / (a + b + 2), tested on the smaller of x and y: x may round to 1
    const bool direct = z.x <= 0.5 ? z.x * (a + b + 2) < a + 1 : z.y * (a + b + 2) > b + 1;
    if (direct) {
        double lower = std::clamp(beta_lower_direct(a, b, z, kernel), 0.0, 1.0);
        if (lower > 0.5 && use_large_a(b, a, swapped(z))) {
            lower = 1 - std::clamp(beta_lower_direct(b, a, swapped(z), kernel), 0.0, 1.0);
        }
        return {lower, 1 - lower, kernel};
    }
    double upper = std::clamp(beta_lower_direct(b, a, swapped(z), kernel), 0.0, 1.0);
    if (upper > 0.5 && use_large_a(a, b, z)) {
        upper = 1 - std::clamp(beta_lower_direct(a, b, z, kernel), 0.0, 1.0);
    }
    return {1 - upper, upper, kernel};
}

// ------------------------------------------------------------------ root finding

/// A value F(s) > 0 of a monotone function and its log-log slope d ln F / d ln s.
struct LogPoint {
    double value, log_slope;
};

/// Solves F(s) = target > 0 for s > 0, F monotone (increasing or not), by Newton's method on
/// ln F against ln s safeguarded by a bracket (NR 3rd ed. 9.4, rtsafe): a step that leaves
/// the bracket or fails to halve the step before last is replaced by bisection in ln s.
/// Power-law tails are straight lines in these coordinates, so Newton takes few steps even
/// from a poor guess. The bracket is found by walking from `s` by factors 2, 4, 16, ...
/// Returns 0 or +infinity where the root lies beyond the normal doubles.
template <class F>
double solve_log_log(const F& eval, double target, bool increasing, double s) {
    constexpr double kStepDone = 1e-12;  // a Newton step this small (in ln s) leaves ~1e-24
    constexpr double kMaxFactor = 0x1p64;
    const double sign = increasing ? 1.0 : -1.0, log_target = std::log(target);
    double dg = 0;  // g(s) = sign (ln F(s) - ln target) increases with s; dg = dg / d ln s
    auto g_at = [&](double at, double& slope) {
        const LogPoint pt = eval(at);
        slope = sign * pt.log_slope;
        return sign * (std::log(pt.value) - log_target);
    };
    double g = g_at(s, dg);
    if (g == 0) return s;
    double lo = s, hi = s;
    for (double factor = 2;; factor = std::min(factor * factor, kMaxFactor)) {
        const double next = g < 0 ? (s >= std::numeric_limits<double>::max() / factor
                                         ? std::numeric_limits<double>::max()
                                         : s * factor)
                                  : std::max(s / factor, std::numeric_limits<double>::min());
        if (next == s) return g < 0 ? kInf : 0.0;
        double dg_next = 0;
        const double g_next = g_at(next, dg_next);
        const bool crossed = (g < 0) != (g_next < 0);
        (g < 0 ? lo : hi) = s;
        s = next;
        g = g_next;
        dg = dg_next;
        if (g == 0) return s;
        if (crossed) {
            (g < 0 ? lo : hi) = s;
            break;
        }
    }
    double step = std::log(hi) - std::log(lo), step_before = step;
    for (int it = 0; it < 400; ++it) {
        const double newton = -g / dg;
        const double target_s = s * std::exp(newton);
        const bool use_newton = std::isfinite(newton) && dg > 0 && target_s > lo && target_s < hi &&
                                std::fabs(2 * newton) <= std::fabs(step_before);
        step_before = step;
        double next;
        if (use_newton) {
            step = newton;
            next = target_s;
            if (std::fabs(step) <= kStepDone) return next;
        } else {
            next = std::sqrt(lo) * std::sqrt(hi);
            step = std::log(next) - std::log(s);
            if (next <= lo || next >= hi) return next;  // bracket down to adjacent doubles
        }
        s = next;
        g = g_at(s, dg);
        if (g == 0) return s;
        (g < 0 ? lo : hi) = s;
    }
    return s;
}

// ------------------------------------------------------------------ normal

// Acklam's rational approximation of the normal quantile (relative error < 1.15e-9), P. J.
// Acklam, "An algorithm for computing the inverse normal cumulative distribution function".
constexpr double kAcklamLow = 0.02425;  // below: the tail form in sqrt(-2 ln p)
constexpr std::array<double, 6> kA = {-3.969683028665376e+01, 2.209460984245205e+02,
                                      -2.759285104469687e+02, 1.383577518672690e+02,
                                      -3.066479806614716e+01, 2.506628277459239e+00};
constexpr std::array<double, 5> kB = {-5.447609879822406e+01, 1.615858368580409e+02,
                                      -1.556989798598866e+02, 6.680131188771972e+01,
                                      -1.328068155288572e+01};
constexpr std::array<double, 6> kC = {-7.784894002430293e-03, -3.223964580411365e-01,
                                      -2.400758277161838e+00, -2.549732539343734e+00,
                                      4.374664141464968e+00,  2.938163982698783e+00};
constexpr std::array<double, 4> kD = {7.784695709041462e-03, 3.224671290700398e-01,
                                      2.445134137142996e+00, 3.754408661907416e+00};

/// z >= 0 with P(|Z| > z) = tail2 and P(|Z| < z) = central = 1 - tail2, both given so that
/// whichever is below 1/2 enters exactly. Acklam's approximation, then one Halley step on
/// Phi(-z) = tail2 / 2 computed with erfc (or erf about the centre), which brings the
/// relative error to that of erfc.
double normal_upper_quantile(double tail2, double central) {
    const double p = 0.5 * tail2;  // x = -z solves Phi(x) = p
    double x;
    if (p < kAcklamLow) {
        const double q = std::sqrt(-2 * std::log(p));
        x = (((((kC[0] * q + kC[1]) * q + kC[2]) * q + kC[3]) * q + kC[4]) * q + kC[5]) /
            ((((kD[0] * q + kD[1]) * q + kD[2]) * q + kD[3]) * q + 1);
    } else {
        const double q = tail2 < 0.5 ? p - 0.5 : -0.5 * central, r = q * q;
        x = (((((kA[0] * r + kA[1]) * r + kA[2]) * r + kA[3]) * r + kA[4]) * r + kA[5]) * q /
            (((((kB[0] * r + kB[1]) * r + kB[2]) * r + kB[3]) * r + kB[4]) * r + 1);
    }
    const double e = tail2 < 0.5 ? 0.5 * std::erfc(-x / std::numbers::sqrt2) - p
                                 : 0.5 * std::erf(x / std::numbers::sqrt2) + 0.5 * central;
    const double u = e * std::sqrt(2 * kPi) * std::exp(0.5 * x * x);  // e / density
    if (std::isfinite(u)) x -= u / (1 + 0.5 * x * u);                 // skipped below ~1e-308
    return -x;
}

// ------------------------------------------------------------------ Student t

/// The argument x = dof / (dof + s^2) of I_x(dof/2, 1/2) = P(|T| > s), without overflow.
BetaArg t_beta_arg(double s, double dof) {
    const double q = s / std::sqrt(dof);
    if (q <= 1) {
        const double q2 = q * q, l = std::log1p(q2);
        return {1 / (1 + q2), q2 / (1 + q2), -l, 2 * std::log(q) - l};
    }
    const double r = std::sqrt(dof) / s, r2 = r * r, l = std::log1p(r2);
    return {r2 / (1 + r2), 1 / (1 + r2), 2 * std::log(r) - l, -l};
}

/// lower: P(|T| > s), upper: P(|T| < s), kernel: s * (density of |T| at s) / 2.
BetaTails t_tails(double s, double dof) {
    return incomplete_beta(0.5 * dof, 0.5, t_beta_arg(s, dof));
}

/// s >= 0 with P(|T| > s) = tail2, P(|T| < s) = central = 1 - tail2 (both given exactly
/// where below 1/2); the smaller of the two is matched, to keep its relative precision.
double t_upper_quantile(double tail2, double central, double dof) {
    if (central == 0) return 0;
    const double z = normal_upper_quantile(tail2, central);
    if (std::isinf(dof)) return z;
    const bool match_central = central < 0.5;
    auto eval = [&](double s) {
        const BetaTails t = t_tails(s, dof);
        // d P(|T| > s) / d ln s = -2 kernel
        return match_central ? LogPoint{t.upper, 2 * t.kernel / t.upper}
                             : LogPoint{t.lower, -2 * t.kernel / t.lower};
    };
    // Cornish-Fisher expansion about the normal quantile (Abramowitz & Stegun 26.7.5).
    const double z2 = z * z;
    double guess = z + z * (z2 + 1) / (4 * dof) + z * ((5 * z2 + 16) * z2 + 3) / (96 * dof * dof);
    if (!(guess > 0 && std::isfinite(guess))) guess = 1;
    return solve_log_log(eval, match_central ? central : tail2, match_central, guess);
}

void require_probability(const char* what, double p) {
    STZ_REQUIRE(p > 0 && p < 1, what << ": p must lie in the open interval (0, 1), got " << p);
}

void require_t_dof(const char* what, double dof) {
    STZ_REQUIRE(dof > 0, what << ": dof must be positive (or +infinity), got " << dof);
}

void require_chi_squared_dof(const char* what, double dof) {
    STZ_REQUIRE(dof > 0 && std::isfinite(dof),
                what << ": dof must be positive and finite, got " << dof);
}

}  // namespace

// ------------------------------------------------------------------ public functions

double regularized_incomplete_beta(double a, double b, double x) {
    STZ_REQUIRE(a > 0 && std::isfinite(a) && b > 0 && std::isfinite(b),
                "regularized_incomplete_beta: a and b must be positive and finite, got a = "
                    << a << ", b = " << b);
    STZ_REQUIRE(x >= 0 && x <= 1, "regularized_incomplete_beta: x must lie in [0, 1], got " << x);
    return incomplete_beta(a, b, {x, 1 - x, std::log(x), std::log1p(-x)}).lower;
}

double regularized_lower_gamma(double a, double x) {
    STZ_REQUIRE(a > 0 && std::isfinite(a),
                "regularized_lower_gamma: a must be positive and finite, got " << a);
    STZ_REQUIRE(x >= 0, "regularized_lower_gamma: x must be >= 0, got " << x);
    return incomplete_gamma(a, x).p;
}

double normal_cdf(double x) {
    STZ_REQUIRE(!std::isnan(x), "normal_cdf: x is NaN");
    return 0.5 * std::erfc(-x / std::numbers::sqrt2);
}

double normal_quantile(double p) {
    require_probability("normal_quantile", p);
    if (p < 0.5) return -normal_upper_quantile(2 * p, 1 - 2 * p);
    if (p > 0.5) return normal_upper_quantile(2 * (1 - p), 2 * p - 1);  // both exact here
    return 0;
}

double student_t_cdf(double t, double dof) {
    STZ_REQUIRE(!std::isnan(t), "student_t_cdf: t is NaN");
    require_t_dof("student_t_cdf", dof);
    if (std::isinf(dof)) return normal_cdf(t);
    const BetaTails tails = t_tails(std::fabs(t), dof);
    return t < 0 ? 0.5 * tails.lower : 0.5 + 0.5 * tails.upper;
}

double student_t_quantile(double p, double dof) {
    require_probability("student_t_quantile", p);
    require_t_dof("student_t_quantile", dof);
    if (p < 0.5) return -t_upper_quantile(2 * p, 1 - 2 * p, dof);
    return t_upper_quantile(2 * (1 - p), 2 * p - 1, dof);  // both exact for p >= 1/2
}

double chi_squared_cdf(double x, double dof) {
    STZ_REQUIRE(!std::isnan(x), "chi_squared_cdf: x is NaN");
    require_chi_squared_dof("chi_squared_cdf", dof);
    return x <= 0 ? 0.0 : incomplete_gamma(0.5 * dof, 0.5 * x).p;
}

double chi_squared_quantile(double p, double dof) {
    require_probability("chi_squared_quantile", p);
    require_chi_squared_dof("chi_squared_quantile", dof);
    const double a = 0.5 * dof;
    const bool lower = p <= 0.5;  // match the smaller tail; 1 - p is exact for p > 1/2
    auto eval = [&](double x) {
        const GammaTails g = incomplete_gamma(a, 0.5 * x);
        // d P(a, x/2) / d ln x = kernel(a, x/2)
        return lower ? LogPoint{g.p, g.kernel / g.p} : LogPoint{g.q, -g.kernel / g.q};
    };
    // Wilson-Hilferty: (X / dof)^(1/3) is nearly normal; below it, P(a, x/2) ~ (x/2)^a / a!.
    const double h = 2 / (9 * dof), base = 1 - h + normal_quantile(p) * std::sqrt(h);
    double guess = base > 0 ? dof * base * base * base : 0;
    if (lower) guess = std::max(guess, 2 * std::exp((std::log(p) + log_gamma(a + 1)) / a));
    if (!(guess > 0 && std::isfinite(guess))) guess = dof;
    return solve_log_log(eval, lower ? p : 1 - p, lower, guess);
}

double two_sided_t_factor(double confidence, double dof) {
    STZ_REQUIRE(
        confidence > 0 && confidence < 1,
        "two_sided_t_factor: confidence must lie in the open interval (0, 1), got " << confidence);
    require_t_dof("two_sided_t_factor", dof);
    return t_upper_quantile(1 - confidence, confidence, dof);
}

}  // namespace stz
