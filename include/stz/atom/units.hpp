#pragma once
// LAMMPS "metal" units, used throughout the atomistic front end: length Å, time ps,
// energy eV, mass g/mol (amu), temperature K, pressure bar (stresses are also reported in
// GPa). The conversion constants are the ones LAMMPS uses (src/update.cpp, "metal"), so
// that temperatures and pressures agree with LAMMPS to the last digit on the same state.

namespace stz::atom::units {

/// Boltzmann constant in eV/K (LAMMPS metal `boltz`).
inline constexpr double kBoltzmann_eV_per_K = 8.617343e-5;
/// m v^2 in amu Å²/ps² to eV (LAMMPS metal `mvv2e`).
inline constexpr double kMvv2e = 1.0364269e-4;
/// Force/mass in (eV/Å)/amu to acceleration in Å/ps² (LAMMPS metal `ftm2v`).
inline constexpr double kFtm2v = 1.0 / 1.0364269e-4;
/// Energy density eV/Å³ to bar (LAMMPS metal `nktv2p`).
inline constexpr double kBarPerEvPerA3 = 1.6021765e6;
/// Energy density eV/Å³ to GPa (1 bar = 1e-4 GPa).
inline constexpr double kGPaPerEvPerA3 = kBarPerEvPerA3 * 1e-4;

}  // namespace stz::atom::units
