#include "stz/calibration/softening_fit.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <vector>

#include "stz/calibration/distributions.hpp"
#include "stz/core/error.hpp"

namespace stz {

namespace {

constexpr int kMinEvents = 10;
constexpr int kMinPerBranch = 5;
constexpr double kChi2One999 = 10.828;  // 99.9 % point of chi^2 with 1 degree of freedom
constexpr double kChi2Two999 = 13.816;  // ... with 2

struct Params {
    double q0, kappa, qs;
};

double model(const Params& p, double e) { return std::max(p.qs, p.q0 * std::exp(-p.kappa * e * e)); }

double sse(const Params& p, std::span<const double> b, std::span<const double> e) {
    double s = 0;
    for (std::size_t i = 0; i < b.size(); ++i) {
        const double r = b[i] - model(p, e[i]);
        s += r * r;
    }
    return s;
}

/// For fixed kappa: Q0 and Q_sat by alternating branch assignment and linear least squares.
/// Without `plateau`, Q_sat is -infinity: the law Q0 exp(-kappa e^2) alone.
Params fit_at_kappa(double kappa, std::span<const double> b, std::span<const double> e,
                    Params start, bool plateau) {
    Params p = start;
    p.kappa = kappa;
    if (!plateau) p.qs = -std::numeric_limits<double>::infinity();
    for (int it = 0; it < 20; ++it) {
        double sgg = 0, sgb = 0, ssat = 0;
        std::size_t nsat = 0;
        for (std::size_t i = 0; i < b.size(); ++i) {
            const double g = std::exp(-kappa * e[i] * e[i]);
            if (p.q0 * g >= p.qs) {
                sgg += g * g;
                sgb += g * b[i];
            } else {
                ssat += b[i];
                ++nsat;
            }
        }
        Params next = p;
        if (sgg > 0) next.q0 = sgb / sgg;
        if (plateau && nsat > 0) next.qs = ssat / double(nsat);
        if (next.q0 == p.q0 && next.qs == p.qs) break;
        p = next;
    }
    return p;
}

struct Fitted {
    Params p;
    double sse;
};

/// Least squares over kappa (profiled: Q0 and Q_sat solved for each kappa): a log grid
/// spanning plateau starts from beyond the largest strain to 1/100 of it, then
/// golden-section refinement around the best grid point.
Fitted profile_fit(std::span<const double> b, std::span<const double> e, Params start,
                   double e_max, bool plateau) {
    const double eta_guess = std::max(std::log(start.q0 / std::max(start.qs, 1e-12)), 1e-3);
    const double k_lo = eta_guess / (4 * e_max * e_max) * 1e-2;
    const double k_hi = eta_guess / (e_max * e_max) * 1e4;
    constexpr int kGrid = 241;
    Params best = start;
    double best_sse = std::numeric_limits<double>::infinity();
    int best_k = 0;
    auto kappa_of = [&](double t) { return k_lo * std::pow(k_hi / k_lo, t); };
    for (int k = 0; k < kGrid; ++k) {
        const Params p = fit_at_kappa(kappa_of(double(k) / (kGrid - 1)), b, e, start, plateau);
        const double s = sse(p, b, e);
        if (s < best_sse) {
            best_sse = s;
            best = p;
            best_k = k;
        }
    }
    double ta = double(std::max(best_k - 1, 0)) / (kGrid - 1);
    double tb = double(std::min(best_k + 1, kGrid - 1)) / (kGrid - 1);
    const double gr = (std::sqrt(5.0) - 1) / 2;
    for (int it = 0; it < 60; ++it) {
        const double t1 = tb - gr * (tb - ta), t2 = ta + gr * (tb - ta);
        const Params p1 = fit_at_kappa(kappa_of(t1), b, e, best, plateau);
        const Params p2 = fit_at_kappa(kappa_of(t2), b, e, best, plateau);
        const double s1 = sse(p1, b, e), s2 = sse(p2, b, e);
        if (s1 < best_sse) {
            best_sse = s1;
            best = p1;
        }
        if (s2 < best_sse) {
            best_sse = s2;
            best = p2;
        }
        if (s1 < s2) {
            tb = t2;
        } else {
            ta = t1;
        }
    }

    return {best, best_sse};
}

Eigen::Vector3d gradient(const Params& p, double e) {
    const double g = std::exp(-p.kappa * e * e);
    if (p.q0 * g >= p.qs) return {g, -e * e * p.q0 * g, 0.0};
    return {0.0, 0.0, 1.0};
}

}  // namespace

double SofteningFit::eta(double strain) const {
    return std::min(eta_max.value, kappa.value * strain * strain);
}

double SofteningFit::barrier_eV(double strain) const { return q0_eV.value * std::exp(-eta(strain)); }

Estimate SofteningFit::eta_at(double strain) const {
    // Gradient of eta with respect to (Q0, kappa, Q_sat) on the branch that applies.
    Eigen::Vector3d g;
    const double e2 = strain * strain;
    if (kappa.value * e2 < eta_max.value) {
        g = {0.0, e2, 0.0};
    } else {
        g = {1 / q0_eV.value, 0.0, -1 / saturated_eV.value};
    }
    Eigen::Matrix3d c;
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) c(i, j) = cov[i][j];
    const double se = std::sqrt(std::max(0.0, g.dot(c * g)));
    return Estimate::symmetric(eta(strain), se, t_factor);
}

SofteningFit fit_softening(std::span<const double> b, std::span<const double> e, double confidence) {
    STZ_REQUIRE(b.size() == e.size(), "softening fit: " << b.size() << " barriers but " << e.size()
                                                        << " strains");
    const std::size_t n = b.size();
    STZ_REQUIRE(n >= std::size_t(kMinEvents),
                "the softening fit needs at least " << kMinEvents << " events, got " << n);
    const double e_max = *std::max_element(e.begin(), e.end());
    STZ_REQUIRE(e_max > 0, "the softening fit needs events at non-zero local strain; all "
                               << n << " are at 0");

    // Start: Q0 from the least-strained fifth, Q_sat from the most-strained fifth.
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](auto x, auto y) { return e[x] < e[y]; });
    const std::size_t fifth = std::max<std::size_t>(n / 5, 1);
    double lo_sum = 0, hi_sum = 0;
    for (std::size_t k = 0; k < fifth; ++k) {
        lo_sum += b[order[k]];
        hi_sum += b[order[n - 1 - k]];
    }
    Params start{lo_sum / double(fifth), 0, hi_sum / double(fifth)};

    const Fitted hinge = profile_fit(b, e, start, e_max, true);
    const Fitted no_plateau = profile_fit(b, e, start, e_max, false);
    const Params best = hinge.p;
    const double best_sse = hinge.sse;
    // Model checks, at a strict level because the plateau start is itself fitted (the usual
    // F quantiles would understate false alarms): the law must beat a constant barrier
    // (2 more parameters) and the law without plateau (1 more) by more than the 99.9 %
    // points of chi^2(2) / 2 and chi^2(1), in units of the residual variance.
    const double s2_hinge = best_sse / double(n - 3);
    double mean_b = 0;
    for (double x : b) mean_b += x;
    mean_b /= double(n);
    double sst = 0;
    for (double x : b) sst += (x - mean_b) * (x - mean_b);
    if (!(best.qs < best.q0) || (sst - best_sse) / (2 * s2_hinge) < kChi2Two999 / 2) {
        std::ostringstream os;
        os << "the softening fit finds no significant softening: the barriers do not decrease "
           << "with local strain beyond their scatter (fitted Q0 = " << best.q0
           << " eV, Q_sat = " << best.qs << " eV)";
        throw Error(os.str());
    }
    SofteningFit f;
    f.events = n;
    const double eta_max = std::log(best.q0 / best.qs);
    const double e_c = std::sqrt(eta_max / best.kappa);
    std::size_t n_sat = 0;
    for (double x : e) n_sat += (best.kappa * x * x >= eta_max) ? 1 : 0;
    f.saturated_events = n_sat;
    if (n_sat < std::size_t(kMinPerBranch) ||
        (no_plateau.sse - best_sse) / s2_hinge < kChi2One999) {
        std::ostringstream os;
        os << "the local strains do not reach the softening plateau: " << n_sat << " of " << n
           << " events lie beyond the fitted plateau start e_c = " << e_c
           << " (largest local strain " << e_max << "), and a law without plateau fits "
           << (n_sat < std::size_t(kMinPerBranch) ? "them" : "them as well")
           << "; Q_sat and eta_max need at least " << kMinPerBranch
           << " events on a significant plateau: add ART events from more strained regions";
        throw Error(os.str());
    }
    if (n - n_sat < std::size_t(kMinPerBranch)) {
        std::ostringstream os;
        os << "the softening fit puts all but " << (n - n_sat) << " of " << n
           << " events on the plateau (e_c = " << e_c
           << "): kappa cannot be fitted; add events at small local strain";
        throw Error(os.str());
    }

    // Covariance s^2 (J^T J)^-1 at the optimum (the model is smooth on each branch).
    Eigen::Matrix3d jtj = Eigen::Matrix3d::Zero();
    for (std::size_t i = 0; i < n; ++i) {
        const Eigen::Vector3d g = gradient(best, e[i]);
        jtj += g * g.transpose();
    }
    f.dof = double(n - 3);
    const double s2 = best_sse / f.dof;
    const Eigen::Matrix3d cov = s2 * jtj.inverse();
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) f.cov[i][j] = cov(i, j);
    f.t_factor = two_sided_t_factor(confidence, f.dof);
    f.q0_eV = Estimate::symmetric(best.q0, std::sqrt(cov(0, 0)), f.t_factor);
    f.kappa = Estimate::symmetric(best.kappa, std::sqrt(cov(1, 1)), f.t_factor);
    f.saturated_eV = Estimate::symmetric(best.qs, std::sqrt(cov(2, 2)), f.t_factor);
    // eta_max = ln Q0 - ln Q_sat; d/dQ0 = 1/Q0, d/dQs = -1/Qs.
    const double v_eta = cov(0, 0) / (best.q0 * best.q0) + cov(2, 2) / (best.qs * best.qs) -
                         2 * cov(0, 2) / (best.q0 * best.qs);
    f.eta_max = Estimate::symmetric(eta_max, std::sqrt(std::max(0.0, v_eta)), f.t_factor);
    // e_c = sqrt(eta_max / kappa): relative variance (1/4)(var eta/eta^2 + var k/k^2 - 2 cov/(eta k)).
    const double c_eta_k = cov(0, 1) / best.q0 - cov(2, 1) / best.qs;
    const double rel = 0.25 * (v_eta / (eta_max * eta_max) + cov(1, 1) / (best.kappa * best.kappa) -
                               2 * c_eta_k / (eta_max * best.kappa));
    f.saturation_strain = Estimate::symmetric(e_c, e_c * std::sqrt(std::max(0.0, rel)), f.t_factor);
    f.residual_std_eV = std::sqrt(s2);
    f.r_squared = sst > 0 ? 1 - best_sse / sst : 1.0;
    return f;
}

}  // namespace stz
