// Tests of the distribution functions used for confidence intervals.
//
// Reference values come from three places, named at each check:
//  - closed forms that hold exactly (Cauchy = t with 1 dof, t with 2 and 3 dof, chi-squared
//    with 1 and 2 dof, I_x(a, 1) = x^a, P(1, x) = 1 - e^-x, ...), evaluated here in double;
//  - standard tables, to all the digits printed (e.g. z_0.975 = 1.959963984540054);
//  - values computed with mpmath 1.3.0 at 40-50 significant digits (betainc, gammainc,
//    hyp2f1, erfc; quantiles as roots of ln F(x) = ln p), for the exact double inputs,
//    rounded to 17 digits.
//
// Tolerances. The library's CDFs are good to ~4e-14 relative and its quantiles to ~5e-14
// (checked against mpmath on wide grids while writing it). Here: 1e-15 for the normal
// quantile near the centre (Halley's step leaves the accuracy of erfc), 1e-14 in its tails
// and for large-dof limits, 1e-13 against closed forms (chosen in forms that are well
// conditioned in double, e.g. -1/tan(pi p) rather than tan(pi (p - 1/2))) and pinned
// values, which leaves a factor ~2 over the worst error seen. Round trips use
// check_quantile below, which allows for the conditioning of the CDF.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include "stz/calibration/distributions.hpp"
#include "stz/core/error.hpp"

using namespace stz;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPi = std::numbers::pi;

/// |got - want| <= rel * |want|, reporting both on failure.
void check_rel(double got, double want, double rel) {
    INFO("got " << got << ", want " << want);
    CHECK(std::fabs(got - want) <= rel * std::fabs(want));
}

/// x is the quantile of the increasing `cdf` at p to within 8 ulps of x and a relative
/// `rel` of p: cdf brackets p between x (1 - 8 eps) and x (1 + 8 eps). Checking cdf(x) == p
/// alone would fail in the far tails for a correctly rounded x: rounding x to a double moves
/// the CDF by x f(x) eps, and x f(x) / F(x) reaches ~1e5 for chi-squared with 1e7 dof at
/// p = 1e-300.
template <class Cdf>
void check_quantile(const Cdf& cdf, double x, double p, double rel) {
    const double dx = 8 * std::numeric_limits<double>::epsilon() * std::fabs(x);
    const double below = cdf(x - dx), above = cdf(x + dx);
    INFO("x = " << x << ", p = " << p << ", cdf(x -+ 8 ulp) = " << below << ", " << above);
    CHECK(below <= p * (1 + rel));
    CHECK(above >= p * (1 - rel));
}

// Probabilities for the round trips: deep tails, the usual levels, the centre.
constexpr std::array<double, 15> kP = {1e-300, 1e-100, 1e-12, 1e-6, 1e-3,  0.025, 0.1,     0.3,
                                       0.49,   0.5,    0.51,  0.9,  0.975, 0.999, 1 - 1e-9};
constexpr std::array<double, 12> kDof = {0.3, 1, 2, 2.5, 3, 7, 10, 29.5, 31, 120, 1e4, 1e7};

}  // namespace

// ------------------------------------------------------------------ normal

TEST_CASE("normal_quantile matches tabulated values to ~1e-15") {
    // z_0.975 from standard tables (all the digits printed there).
    check_rel(normal_quantile(0.975), 1.959963984540054, 1e-15);
    check_rel(normal_quantile(0.025), -1.959963984540054, 1e-15);
    // mpmath: sqrt(2) erfinv(2p - 1), or the root of erfc(z / sqrt 2) / 2 = p in the tails.
    check_rel(normal_quantile(0.995), 2.5758293035489005, 1e-15);
    check_rel(normal_quantile(0.75), 0.67448975019608174, 1e-15);
    check_rel(normal_quantile(1e-20), -9.2623400897984076, 1e-14);
    check_rel(normal_quantile(1e-300), -37.047096299361199, 1e-14);
    CHECK(normal_quantile(0.5) == 0.0);
}

TEST_CASE("normal_cdf matches erfc and the textbook values") {
    CHECK(normal_cdf(0) == 0.5);
    check_rel(normal_cdf(1.959963984540054), 0.975, 1e-15);
    check_rel(normal_cdf(-1), 0.15865525393145705, 1e-15);      // mpmath
    check_rel(normal_cdf(-10), 7.6198530241605261e-24, 1e-14);  // mpmath; erfc's own error
    CHECK(normal_cdf(-kInf) == 0.0);
    CHECK(normal_cdf(kInf) == 1.0);
}

TEST_CASE("normal quantile and CDF are inverse, symmetric and increasing") {
    double previous = -kInf;
    for (const double p : kP) {
        const double z = normal_quantile(p);
        CHECK(z > previous);
        previous = z;
        // p <= 1/2 matched directly; above, the upper tails by symmetry (1 - p is exact)
        if (p <= 0.5)
            check_quantile(normal_cdf, z, p, 1e-13);
        else
            check_quantile(normal_cdf, -z, 1 - p, 1e-13);
    }
    for (int k = 1; k < 512; k += 17) {  // dyadic p: 1 - p is exact, so symmetry is exact
        const double p = k / 1024.0;
        CHECK(normal_quantile(1 - p) == -normal_quantile(p));
    }
}

// ------------------------------------------------------------------ special functions

TEST_CASE("regularized_incomplete_beta matches closed forms and mpmath") {
    for (const double x : {1e-8, 0.01, 0.3, 0.5, 0.77, 0.999}) {
        check_rel(regularized_incomplete_beta(2.5, 1, x), std::pow(x, 2.5), 1e-13);  // x^a
        check_rel(regularized_incomplete_beta(1, 3.5, x), -std::expm1(3.5 * std::log1p(-x)),
                  1e-13);  // 1 - (1 - x)^b
        check_rel(regularized_incomplete_beta(0.5, 0.5, x), 2 / kPi * std::asin(std::sqrt(x)),
                  1e-13);  // arcsine law
        // I_x(2, 3) = 6x^2 - 8x^3 + 3x^4, written as x^2 (6 - 8x + 3x^2) (no cancellation)
        check_rel(regularized_incomplete_beta(2, 3, x), x * x * (6 - x * (8 - 3 * x)), 1e-13);
    }
    // mpmath, hyp2f1 form of I_x(a, b)
    check_rel(regularized_incomplete_beta(2.5, 4.5, 0.3), 0.40653901668245927, 1e-13);
    check_rel(regularized_incomplete_beta(0.5, 30, 0.01), 0.56066563109474878, 1e-13);
    // large a, x near 1: the asymptotic expansion in 1/a
    check_rel(regularized_incomplete_beta(1000, 0.5, 0.999), 0.15724727426672383, 1e-13);
    CHECK(regularized_incomplete_beta(3, 4, 0) == 0.0);
    CHECK(regularized_incomplete_beta(3, 4, 1) == 1.0);
}

TEST_CASE("regularized_incomplete_beta: I_x(a, b) + I_(1-x)(b, a) = 1") {
    for (const double a : {0.2, 1.5, 12.0, 40.0, 900.0}) {
        for (const double b : {0.5, 3.0, 60.0}) {
            for (int k = 1; k < 64; k += 5) {
                const double x = k / 64.0;  // 1 - x is exact
                // one side is computed, the other is 1 minus it; they differ by rounding
                // (ln x and ln(1 - x) are rounded apart, and multiplied by a or b)
                CHECK(std::fabs(regularized_incomplete_beta(a, b, x) +
                                regularized_incomplete_beta(b, a, 1 - x) - 1) <= 1e-14);
            }
        }
    }
}

TEST_CASE("regularized_lower_gamma matches closed forms and mpmath") {
    for (const double x : {1e-6, 0.1, 1.0, 2.5, 9.0, 30.0}) {
        check_rel(regularized_lower_gamma(1, x), -std::expm1(-x), 1e-13);  // 1 - e^-x
        check_rel(regularized_lower_gamma(0.5, x), std::erf(std::sqrt(x)), 1e-13);
    }
    for (const double x : {1.0, 2.5, 9.0, 30.0}) {  // 1 - (1 + x) e^-x; cancels below x ~ 1
        check_rel(regularized_lower_gamma(2, x), -std::expm1(-x) - x * std::exp(-x), 1e-13);
    }
    check_rel(regularized_lower_gamma(3.7, 2.1), 0.20770997967764118, 1e-13);
    check_rel(regularized_lower_gamma(0.25, 0.01), 0.34818645276048405, 1e-13);
    check_rel(regularized_lower_gamma(100, 90), 0.15822098918643017, 1e-13);
    check_rel(regularized_lower_gamma(1e4, 1.01e4), 0.84134875044717962, 1e-13);
    check_rel(regularized_lower_gamma(1e4, 9e3), 2.0732992024339280e-25, 1e-13);
    CHECK(regularized_lower_gamma(2, 0) == 0.0);
    CHECK(regularized_lower_gamma(2, kInf) == 1.0);
}

// ------------------------------------------------------------------ Student t

TEST_CASE("student_t_quantile matches tables and two_sided_t_factor") {
    // t_0.975 with 10 dof, from tables.
    check_rel(student_t_quantile(0.975, 10), 2.228138851986274, 1e-13);
    check_rel(two_sided_t_factor(0.95, 10), 2.228138851986274, 1e-13);
    // t_0.975 with 3 dof: the root of the closed-form CDF used below (mpmath, 50 digits) is
    // 3.18244630528370959 for p = 0.975 exactly and 3.18244630528370844 for the double
    // nearest 0.975; the 3.182446305284263 printed by some references is 1.7e-13 too high.
    check_rel(student_t_quantile(0.975, 3), 3.1824463052837084, 1e-13);
    // mpmath
    check_rel(student_t_quantile(1e-10, 5), -156.82559270889432, 1e-13);
    check_rel(student_t_quantile(0.999, 2.5), 13.822193110865960, 1e-13);
    check_rel(two_sided_t_factor(0.95, kInf), 1.959963984540054, 1e-15);
    for (const double dof : {1.0, 4.0, 30.0}) {
        for (const double c : {0.5, 0.68, 0.9, 0.95, 0.99}) {
            check_rel(two_sided_t_factor(c, dof), student_t_quantile(0.5 + c / 2, dof), 1e-13);
        }
    }
}

TEST_CASE("student_t with 1, 2 and 3 dof matches the closed forms") {
    for (const double p : kP) {
        // 1 dof (Cauchy): tan(pi (p - 1/2)) = -1 / tan(pi p), the latter well conditioned
        // for small p; used on the smaller side by symmetry.
        const double q = std::min(p, 1 - p), sign = p < 0.5 ? -1 : 1;
        if (p != 0.5) check_rel(student_t_quantile(p, 1), sign / std::tan(kPi * q), 1e-13);
        // 2 dof: t = (2p - 1) / sqrt(2 p (1 - p))
        check_rel(student_t_quantile(p, 2), (2 * p - 1) / std::sqrt(2 * p * (1 - p)), 1e-13);
    }
    for (const double t : {-1e6, -30.0, -2.0, -0.3, -1e-9}) {
        // 1 dof: F(t) = atan(1 / |t|) / pi for t < 0
        check_rel(student_t_cdf(t, 1), std::atan(-1 / t) / kPi, 1e-13);
        // 2 dof: F(t) = 1/2 (1 - |t| / sqrt(2 + t^2)) = 1 / (s (s + |t|)), s = sqrt(2 + t^2)
        const double s = std::sqrt(2 + t * t);
        check_rel(student_t_cdf(t, 2), 1 / (s * (s - t)), 1e-13);
        // 3 dof: F(t) = 1/2 + (u / (1 + u^2) + atan u) / pi, u = t / sqrt(3); used for
        // moderate |t| only, where the difference does not cancel
        const double u = t / std::sqrt(3.0);
        if (t > -3)
            check_rel(student_t_cdf(t, 3), 0.5 + (u / (1 + u * u) + std::atan(u)) / kPi, 1e-13);
    }
    check_rel(student_t_cdf(-3, 7), 0.0099710630659962690, 1e-13);       // mpmath
    check_rel(student_t_cdf(1.5, 0.5), 0.74604910467594578, 1e-13);      // mpmath
    check_rel(student_t_cdf(-40, 1e3), 5.2394260775866805e-210, 1e-13);  // mpmath
}

TEST_CASE("student_t: round trips, symmetry and monotonicity") {
    for (const double dof : kDof) {
        CAPTURE(dof);
        double previous = -kInf;
        for (const double p : kP) {
            CAPTURE(p);
            const double t = student_t_quantile(p, dof);
            if (std::isinf(t)) continue;  // dof = 0.3 and p = 1e-300: beyond the doubles
            CHECK(t > previous);
            previous = t;
            auto cdf = [dof](double x) { return student_t_cdf(x, dof); };
            if (p <= 0.5)
                check_quantile(cdf, t, p, 1e-13);
            else
                check_quantile(cdf, -t, 1 - p, 1e-13);
        }
        for (int k = 1; k < 512; k += 37) {  // dyadic p: exact symmetry
            const double p = k / 1024.0;
            CHECK(student_t_quantile(1 - p, dof) == -student_t_quantile(p, dof));
        }
        previous = 0;
        for (double t = -50; t <= 50; t += 0.625) {
            const double f = student_t_cdf(t, dof);
            CHECK(f >= previous);
            previous = f;
            CHECK(std::fabs(student_t_cdf(-t, dof) - (1 - f)) <= 2e-16);
        }
    }
}

TEST_CASE("student_t tends to the normal law as dof grows") {
    CHECK(student_t_quantile(0.975, kInf) == normal_quantile(0.975));
    CHECK(student_t_cdf(-2.5, kInf) == normal_cdf(-2.5));
    for (const double p : {1e-12, 0.01, 0.3, 0.9}) {
        CAPTURE(p);
        const double z = normal_quantile(p), z2 = z * z;
        // Fisher's expansion in 1/dof (Abramowitz & Stegun 26.7.5): at dof >= 1e5 the
        // terms after the third are below 1e-16 relative for |z| < 7.
        for (const double dof : {1e5, 1e8, 1e12}) {
            CAPTURE(dof);
            const double g1 = z * (z2 + 1) / 4;
            const double g2 = z * ((5 * z2 + 16) * z2 + 3) / 96;
            const double g3 = z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / 384;
            check_rel(student_t_quantile(p, dof), z + (g1 + (g2 + g3 / dof) / dof) / dof, 1e-13);
        }
        check_rel(student_t_quantile(p, 1e300), z, 1e-15);
        check_rel(student_t_cdf(z, 1e300), p, 1e-14);
    }
}

// ------------------------------------------------------------------ chi-squared

TEST_CASE("chi_squared_quantile matches tables") {
    check_rel(chi_squared_quantile(0.975, 10), 20.48317735080739, 1e-13);
    check_rel(chi_squared_quantile(0.025, 10), 3.246972780236841, 1e-13);
    // mpmath
    check_rel(chi_squared_quantile(1e-10, 3.5), 5.0661481496179253e-6, 1e-13);
    check_rel(chi_squared_quantile(1 - 1e-10, 3.5), 51.139917761921048, 1e-13);
    check_rel(chi_squared_quantile(0.5, 1e4), 9999.3333412351448, 1e-13);
    check_rel(chi_squared_quantile(0.05, 0.3), 2.6719889953731294e-9, 1e-13);
}

TEST_CASE("chi_squared with 1 and 2 dof matches the closed forms") {
    for (const double p : kP) {
        check_rel(chi_squared_quantile(p, 2), -2 * std::log1p(-p), 1e-13);  // 1 - e^(-x/2) = p
    }
    for (const double x : {1e-10, 0.01, 0.5, 3.0, 20.0, 200.0}) {
        check_rel(chi_squared_cdf(x, 2), -std::expm1(-x / 2), 1e-13);
        check_rel(chi_squared_cdf(x, 1), std::erf(std::sqrt(x / 2)), 1e-13);
    }
    CHECK(chi_squared_cdf(0, 3) == 0.0);
    CHECK(chi_squared_cdf(-1, 3) == 0.0);  // a CDF is defined on the whole line
    CHECK(chi_squared_cdf(kInf, 3) == 1.0);
}

TEST_CASE("chi_squared: round trips and monotonicity") {
    for (const double dof : kDof) {
        CAPTURE(dof);
        double previous = 0;
        for (const double p : kP) {
            CAPTURE(p);
            const double x = chi_squared_quantile(p, dof);
            if (x == 0) continue;  // e.g. dof = 1, p = 1e-300: x ~ 1e-600, below the doubles
            CHECK(x > previous);
            previous = x;
            auto cdf = [dof](double v) { return chi_squared_cdf(v, dof); };
            if (p <= 0.5) {
                check_quantile(cdf, x, p, 1e-13);
            } else {  // the upper tail is not public: compare within the rounding near 1
                const double dx = 8 * std::numeric_limits<double>::epsilon() * x;
                CHECK(cdf(x - dx) <= p + 2e-16);
                CHECK(cdf(x + dx) >= p - 2e-16);
            }
        }
        previous = 0;
        for (double x = dof / 64; x < 20 * dof + 50; x *= 1.5) {
            const double f = chi_squared_cdf(x, dof);
            CHECK(f >= previous);
            previous = f;
        }
    }
}

// ------------------------------------------------------------------ invalid arguments

TEST_CASE("invalid arguments throw stz::Error naming the function and the value") {
    for (const double p : {0.0, 1.0, -0.1, 1.5, kNaN}) {
        CHECK_THROWS_AS((void)normal_quantile(p), Error);
        CHECK_THROWS_AS((void)student_t_quantile(p, 5), Error);
        CHECK_THROWS_AS((void)chi_squared_quantile(p, 5), Error);
        CHECK_THROWS_AS((void)two_sided_t_factor(p, 5), Error);
    }
    for (const double dof : {0.0, -1.0, kNaN}) {
        CHECK_THROWS_AS((void)student_t_cdf(1, dof), Error);
        CHECK_THROWS_AS((void)student_t_quantile(0.5, dof), Error);
        CHECK_THROWS_AS((void)chi_squared_cdf(1, dof), Error);
        CHECK_THROWS_AS((void)chi_squared_quantile(0.5, dof), Error);
        CHECK_THROWS_AS((void)two_sided_t_factor(0.95, dof), Error);
    }
    CHECK_THROWS_AS((void)chi_squared_cdf(1, kInf), Error);
    CHECK_THROWS_AS((void)chi_squared_quantile(0.5, kInf), Error);
    CHECK_THROWS_AS((void)normal_cdf(kNaN), Error);
    CHECK_THROWS_AS((void)student_t_cdf(kNaN, 3), Error);
    CHECK_THROWS_AS((void)chi_squared_cdf(kNaN, 3), Error);
    CHECK_THROWS_AS((void)regularized_incomplete_beta(0, 1, 0.5), Error);
    CHECK_THROWS_AS((void)regularized_incomplete_beta(1, -2, 0.5), Error);
    CHECK_THROWS_AS((void)regularized_incomplete_beta(1, kInf, 0.5), Error);
    CHECK_THROWS_AS((void)regularized_incomplete_beta(1, 2, -0.1), Error);
    CHECK_THROWS_AS((void)regularized_incomplete_beta(1, 2, 1.1), Error);
    CHECK_THROWS_AS((void)regularized_lower_gamma(0, 1), Error);
    CHECK_THROWS_AS((void)regularized_lower_gamma(2, -1), Error);
    CHECK_THROWS_AS((void)regularized_lower_gamma(kNaN, 1), Error);
    try {
        (void)student_t_quantile(1.5, 4);
        FAIL("expected stz::Error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) ==
              "student_t_quantile: p must lie in the open interval (0, 1), got 1.5");
    }
    try {
        (void)chi_squared_cdf(2, -3);
        FAIL("expected stz::Error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) == "chi_squared_cdf: dof must be positive and finite, got -3");
    }
}
