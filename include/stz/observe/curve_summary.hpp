#pragma once
// Yield, peak, flow stress and stress drop of a stress-strain curve (MODEL.md §5).
//
// The curve is the polyline through the samples (strain_i, stress_i); every quantity below is
// exact for that polyline (crossings and window edges are linearly interpolated, integrals
// are trapezoids), so it does not depend on how densely or evenly the curve was sampled.
#include <limits>
#include <span>

namespace stz {

struct CurveOptions {
    /// Plastic strain offset of the yield construction (dimensionless; 0.002 = 0.2 %), > 0.
    double offset = 0.002;
    /// Fraction f of the post-peak applied-strain range averaged for the flow stress, in (0, 1].
    double flow_window_fraction = 0.25;
};

struct CurveSummary {
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

    /// 0.2 % offset yield point: the first crossing of the curve from above by the line
    /// sigma = E' (eps - offset), i.e. the first segment where sigma - E' (eps - offset) goes
    /// from > 0 to <= 0, interpolated linearly. NaN if the curve never crosses it.
    double yield_stress_GPa = kNaN;
    double yield_strain = kNaN;
    /// Largest stress and the applied strain where it first occurs.
    double peak_stress_GPa = kNaN;
    double peak_strain = kNaN;
    /// Mean stress over the flow window [flow_window_start, flow_window_end] = the integral of
    /// the polyline over the window divided by its width. NaN if the window is empty (the
    /// peak is the last sample).
    double flow_stress_GPa = kNaN;
    /// peak_stress_GPa - flow_stress_GPa (NaN with the flow stress).
    double stress_drop_GPa = kNaN;
    /// Flow window: [end - f (end - peak_strain), end], end = the last applied strain.
    double flow_window_start = kNaN;
    double flow_window_end = kNaN;
};

/// Summary of the curve sigma(eps) given by `strain` (applied loading strain, dimensionless,
/// strictly increasing) and `stress` (loading stress, GPa). `modulus_GPa` is the apparent
/// modulus E' of the loading (d sigma / d eps of the elastic branch; E / (1 - nu^2) in 2D
/// plane-strain uniaxial tension, E in 3D uniaxial tension, mu in shear).
///
/// Throws stz::Error if the lengths differ, there are fewer than 2 samples, a value is not
/// finite, the strain is not strictly increasing (equal consecutive strains are rejected),
/// modulus_GPa is not a positive number or the options are out of range.
[[nodiscard]] CurveSummary summarize_curve(std::span<const double> strain,
                                           std::span<const double> stress, double modulus_GPa,
                                           const CurveOptions& opt = {});

}  // namespace stz
