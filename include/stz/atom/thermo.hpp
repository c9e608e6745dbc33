#pragma once
// Thermodynamic quantities of an atomistic state, as LAMMPS defines them (compute temp,
// compute pressure): kinetic energy and tensor, temperature, pressure tensor.
#include <array>
#include <cstdint>

#include "stz/atom/atoms.hpp"

namespace stz::atom {

/// Kinetic tensor sum_i m_i v_i ⊗ v_i in eV (xx, yy, zz, xy, xz, yz).
std::array<double, 6> kinetic_tensor_eV(const Atoms& atoms);
/// Kinetic energy, eV.
double kinetic_energy_eV(const Atoms& atoms);
/// Temperature 2 KE / (dof k_B), K, with dof = 3N - 3 (momentum conserved), LAMMPS's
/// default for compute temp.
double temperature_K(const Atoms& atoms);
/// Degrees of freedom used by temperature_K.
double degrees_of_freedom(const Atoms& atoms);

/// Pressure tensor (kinetic + virial) / V in bar (LAMMPS sign: positive in compression).
/// Pass a zero kinetic tensor for the virial part alone.
std::array<double, 6> pressure_tensor_bar(const std::array<double, 6>& virial_eV,
                                          const std::array<double, 6>& kinetic_eV, double volume_A3);
/// Scalar pressure: trace / 3 of the tensor, bar.
double pressure_bar(const std::array<double, 6>& tensor_bar);

/// Gives every atom a Gaussian velocity for temperature T_K, with zero total momentum and
/// rescaled to exactly T_K (LAMMPS velocity create ... dist gaussian mom yes). Velocities
/// of atom i come from the counter-based stream (seed, id_i), so they do not depend on
/// the order of atoms or the thread count.
void assign_velocities(Atoms& atoms, double T_K, std::uint64_t seed);
/// Removes the centre-of-mass velocity.
void zero_momentum(Atoms& atoms);

}  // namespace stz::atom
