#pragma once
// The processing map (paper 003 §2.2, §4.1; MODEL.md §7): the mean unstrained barrier
// against cooling rate, linear in log10(rate), extrapolated to experimental rates, and
// the softening room it leaves, eta_max(rate) = ln(Q(rate) / Q_sat).
#include <span>
#include <string>
#include <vector>

#include "stz/calibration/estimate.hpp"
#include "stz/calibration/linear_fit.hpp"

namespace stz {

/// One glass: its cooling rate and mean barrier.
struct ProcessingPoint {
    double cooling_rate_K_per_s = 0;
    double barrier_mean_eV = 0;
    double barrier_sem_eV = 0;  ///< standard error of the mean; NaN if unknown
    double count = 0;           ///< events behind the mean; NaN if unknown
};

struct ProcessingMap {
    std::vector<ProcessingPoint> points;
    LinearFit line;      ///< Q = intercept + slope log10(rate / (K/s))
    std::string source;  ///< where the points came from, for messages and provenance

    /// Q at `rate` (K/s) with its confidence interval (the band).
    [[nodiscard]] Estimate barrier_at(double rate_K_per_s) const;
    /// eta_max = ln(Q(rate) / Q_sat) with an interval from the independent uncertainties
    /// of Q(rate) and Q_sat (delta method); NaN value if Q(rate) <= Q_sat.
    [[nodiscard]] Estimate eta_max_at(double rate_K_per_s, const Estimate& saturated_eV) const;
};

/// Fits the map. Needs at least two distinct cooling rates (one rate alone is an error
/// naming `source`); uses the standard errors when every point has one.
[[nodiscard]] ProcessingMap fit_processing_map(std::vector<ProcessingPoint> points,
                                               const std::string& source, double confidence);

/// Points from ART events of several glasses: for each distinct cooling rate, the mean and
/// standard error of the barriers of its events with local strain below `max_strain`
/// (the unstrained spectrum). Rates with fewer than 2 such events are an error.
[[nodiscard]] std::vector<ProcessingPoint> processing_points_from_events(
    std::span<const double> barriers_eV, std::span<const double> strains,
    std::span<const double> cooling_rates_K_per_s, double max_strain, const std::string& source);

}  // namespace stz
