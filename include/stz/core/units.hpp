#pragma once
// Internal units of the mesoscale model (MODEL.md §0): length nm, stress GPa,
// energy eV, time s, temperature K. Conversions are explicit constants.

namespace stz::units {

/// Energy of 1 GPa acting on 1 nm^3, in eV (1e9 Pa * 1e-27 m^3 / 1.602176634e-19 J/eV).
inline constexpr double kEvPerGPaNm3 = 6.241509074;
/// Boltzmann constant in eV/K.
inline constexpr double kBoltzmannEvPerK = 8.617333262e-5;

}  // namespace stz::units
