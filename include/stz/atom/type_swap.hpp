#pragma once
// Monte Carlo swaps of the species of two atoms at fixed positions (the hybrid MD/MC of
// paper 001, LAMMPS fix atom/swap with ke yes): pick a random pair of atoms of different
// species, accept with probability min(1, exp(-ΔE / k_B T)). ΔE is computed locally: the
// densities of the two atoms and of all their neighbours are recomputed, and the pair
// terms involving them. Velocities are rescaled by sqrt(m_old / m_new) so the kinetic
// energy is unchanged. Composition is conserved, so the chain samples the canonical
// ensemble of configurations at fixed positions and lets the glass order chemically far
// faster than MD alone (a lower effective cooling rate).
#include <cstdint>

#include "stz/atom/atoms.hpp"
#include "stz/atom/eam_force.hpp"

namespace stz::atom {

struct SwapStats {
    long attempted = 0;
    long accepted = 0;
    double energy_change_eV = 0;  ///< sum of the accepted ΔE
};

/// `attempts` swap trials at temperature T_K. The random numbers of round `round` come from
/// the stream (seed, round), so a run is reproducible. Leaves atoms.f stale: the caller
/// recomputes forces (EamForce::compute) before integrating on.
SwapStats attempt_type_swaps(Atoms& atoms, EamForce& force, double T_K, long attempts, std::uint64_t seed,
                             std::uint64_t round);

}  // namespace stz::atom
