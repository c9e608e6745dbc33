#pragma once
// Activation energy barrier spectra (AEBS) per local-strain window (paper 003 §3.1, Fig. 1b;
// MODEL.md §7): events binned by the von Mises strain of their central atom, a Gaussian
// fitted in each window.
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "stz/calibration/sample_stats.hpp"

namespace stz {

/// One local-strain window [lo, hi); hi = +infinity for the last.
struct StrainWindow {
    double lo = 0;
    double hi = std::numeric_limits<double>::infinity();
    /// "e < 0.05", "0.05 <= e < 0.1", "e >= 0.2"
    [[nodiscard]] std::string label() const;
    [[nodiscard]] bool contains(double strain) const { return strain >= lo && strain < hi; }
};

/// The windows [0, e1), [e1, e2), ..., [ek, inf) for inner edges e1 < ... < ek (k >= 0).
[[nodiscard]] std::vector<StrainWindow> strain_windows(std::span<const double> inner_edges);

struct AebsWindow {
    StrainWindow range;
    std::vector<double> barriers_eV;  ///< the window's barriers, in input order
    double strain_mean = 0;           ///< mean local strain of its events
    GaussianFit fit;                  ///< N(mean, std) of its barriers
};

/// Bins (barrier, strain) pairs into the windows and fits each. A window with fewer than
/// `min_events` events is an error naming `source`, the window and the count, and how to
/// fix it (wider windows, more events).
[[nodiscard]] std::vector<AebsWindow> fit_aebs_windows(std::span<const double> barriers_eV,
                                                       std::span<const double> strains,
                                                       std::span<const double> inner_edges,
                                                       int min_events, double confidence,
                                                       const std::string& source);

}  // namespace stz
