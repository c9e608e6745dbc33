#pragma once
// The softening law from barriers against local strain (paper 003 §3.1, eqs 10-12;
// MODEL.md §7): the mean barrier at local von Mises strain e is
//
//     Q(e) = Q0 exp(-eta(e)),   eta(e) = min(eta_max, kappa e^2),
//
// i.e. Q(e) = max(Q_sat, Q0 exp(-kappa e^2)) with Q_sat = Q0 exp(-eta_max), the saturated
// (supercooled-liquid) barrier. Fitted by least squares on the individual events (each
// barrier scatters about Q(e) with the spectrum's width), so the events' own strains are
// used rather than window centres.
#include <array>
#include <cstddef>
#include <span>

#include "stz/calibration/estimate.hpp"

namespace stz {

struct SofteningFit {
    std::size_t events = 0;
    std::size_t saturated_events = 0;  ///< events on the plateau (kappa e^2 >= eta_max)
    Estimate q0_eV;                    ///< Q0: mean barrier of the unstrained glass, eV
    Estimate kappa;                    ///< kappa of eta = kappa e^2 (total: kappa_p + kappa_t)
    Estimate saturated_eV;             ///< Q_sat, eV
    Estimate eta_max;                  ///< ln(Q0 / Q_sat) of this glass
    Estimate saturation_strain;        ///< e_c = sqrt(eta_max / kappa): where the plateau starts
    /// Covariance of (Q0, kappa, Q_sat).
    std::array<std::array<double, 3>, 3> cov{};
    double residual_std_eV = 0;  ///< scatter of barriers about Q(e)
    double r_squared = 0;        ///< over events (low by nature: the spectra are wide)
    double dof = 0;              ///< events - 3
    double t_factor = 0;         ///< two-sided t quantile used for the intervals

    /// eta(e) of the fitted law.
    [[nodiscard]] double eta(double strain) const;
    /// eta(e) with its pointwise confidence interval (delta method).
    [[nodiscard]] Estimate eta_at(double strain) const;
    /// The fitted mean barrier Q0 exp(-eta(e)), eV.
    [[nodiscard]] double barrier_eV(double strain) const;
};

/// Fits the law to (barrier, strain) events. Needs at least 10 events, softening in the
/// data (Q_sat < Q0) and at least 5 events on each side of the plateau's start, else
/// stz::Error saying which (e.g. local strains that never reach the plateau).
[[nodiscard]] SofteningFit fit_softening(std::span<const double> barriers_eV,
                                         std::span<const double> strains, double confidence);

}  // namespace stz
