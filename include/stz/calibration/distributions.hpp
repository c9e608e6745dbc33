#pragma once
// Distribution functions for confidence intervals: the normal, Student t and chi-squared
// laws, and the two special functions they rest on (regularized incomplete beta and gamma).
//
// Written from the standard algorithms (series and Lentz continued fractions, Numerical
// Recipes 3rd ed. ch. 6; the large-parameter expansion of DiDonato & Morris, ACM TOMS 18
// (1992) 360, "BGRAT"; the inverse normal of P. J. Acklam refined by a Halley step; the
// quantiles by Newton's method on ln F against ln x inside a bracket).
// Accuracy, checked against mpmath over dof 0.1 .. 1e12 and p 1e-300 .. 1 - 1e-10: CDFs to
// ~4e-14 relative (1e-13 where the value is below ~1e-200), quantiles to ~5e-14 relative;
// see each function for its limits.
//
// Every function throws stz::Error for an argument outside its domain (NaN included).
// Quantiles take p in the open interval (0, 1) and are computed from whichever tail is the
// smaller one, so that p = 1e-12 and p = 1 - 1e-12 are both resolved to full precision.
// All functions are pure and safe to call from several threads.

namespace stz {

/// The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b): the CDF at
/// `x` of the Beta(a, b) law. `a`, `b`: shape parameters, positive and finite; `x` in
/// [0, 1]. Relative error ~1e-13, but up to ~1e-12 for a shape parameter below ~0.01, up to
/// ~1e-16 * max(a, b) for x near 1 (or 0) when one parameter exceeds ~1e4 and the other 40,
/// and ~1e-15 * sqrt(a + b) near the mean when both are large. The work grows as
/// sqrt(a + b) near the mean: beyond ~1e12 it throws stz::Error.
[[nodiscard]] double regularized_incomplete_beta(double a, double b, double x);

/// The regularized lower incomplete gamma function P(a, x) = gamma(a, x) / Gamma(a): the
/// CDF at `x` of the Gamma(a, 1) law. `a`: shape, positive and finite; `x` >= 0 (+infinity
/// gives 1). Relative error ~1e-14, growing as ~3e-17 * sqrt(a) near x = a for large a (3e-12
/// at a = 1e10); the work grows as sqrt(a) too: beyond a ~ 1e12 it throws stz::Error.
[[nodiscard]] double regularized_lower_gamma(double a, double x);

/// The standard normal CDF Phi(x) = P(Z <= x). `x`: any number but NaN (+-infinity allowed).
[[nodiscard]] double normal_cdf(double x);

/// The standard normal quantile: z with Phi(z) = p, for `p` in (0, 1). Relative error
/// ~1e-15 (for p below ~1e-308, where Phi's density underflows, ~1e-9).
[[nodiscard]] double normal_quantile(double p);

/// The CDF P(T <= t) of Student's t law with `dof` degrees of freedom. `t`: any number but
/// NaN; `dof` > 0, not necessarily an integer; dof = +infinity gives the normal law.
[[nodiscard]] double student_t_cdf(double t, double dof);

/// The quantile of Student's t law: t with student_t_cdf(t, dof) = p, for `p` in (0, 1)
/// and `dof` > 0 (+infinity gives the normal quantile). Returns +-infinity where the
/// quantile exceeds the largest double (heavy tails: dof below ~1 and p near 0 or 1).
[[nodiscard]] double student_t_quantile(double p, double dof);

/// The CDF P(X <= x) of the chi-squared law with `dof` degrees of freedom (positive and
/// finite, not necessarily an integer; see regularized_lower_gamma for dof > ~1e6). `x`:
/// any number but NaN; 0 for x <= 0.
[[nodiscard]] double chi_squared_cdf(double x, double dof);

/// The quantile of the chi-squared law: x with chi_squared_cdf(x, dof) = p, for `p` in
/// (0, 1) and `dof` positive and finite. Returns 0 where the quantile is below the smallest
/// normal double (tiny dof and p near 0).
[[nodiscard]] double chi_squared_quantile(double p, double dof);

/// The factor k of a two-sided confidence interval mean +- k * standard_error when the
/// standard error is estimated with `dof` degrees of freedom: the Student t quantile at
/// 0.5 + confidence / 2 (e.g. 2.2281... for 95 % and dof = 10). `confidence`: the
/// coverage probability, in (0, 1); `dof` > 0 (+infinity gives the normal factor, 1.96 for
/// 95 %). Computed from the tail probability 1 - confidence, so 0.999999 keeps its digits.
[[nodiscard]] double two_sided_t_factor(double confidence, double dof);

}  // namespace stz
