#pragma once
// Starting structures for glass preparation: random positions at a given density, or a
// lattice, with a given composition. Which atom gets which species is random (counter-
// based stream keyed by the seed), and the counts are exact: round(fraction * N), the
// remainder given to the largest fractions.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "stz/atom/atoms.hpp"

namespace stz::atom {

struct Composition {
    std::vector<Species> species;   ///< element names and masses, in type order
    std::vector<double> fractions;  ///< atom fractions, same order, summing to 1
};

/// Exact species counts for n atoms (largest-remainder rounding).
std::vector<std::size_t> species_counts(const Composition& c, std::size_t n);

/// n atoms at uniformly random positions in a cubic box of the given number density
/// (atoms/Å^3), no two closer than min_distance_A (periodic). Throws if the density is
/// too high to place them that way.
Atoms random_structure(const Composition& c, std::size_t n, double density_per_A3, double min_distance_A,
                       std::uint64_t seed);

/// A cubic lattice ("fcc", "bcc" or "sc") of cells[0] x cells[1] x cells[2] conventional
/// cells of edge a_A, species assigned at random with exact counts.
Atoms lattice_structure(const Composition& c, const std::string& lattice, double a_A, const std::array<int, 3>& cells,
                        std::uint64_t seed);

/// `atoms` repeated reps[0] x reps[1] x reps[2] times along the box edge vectors a, b, c
/// (tilts scale with their edges); ids 1..N in order of replica then atom, velocities kept.
/// Throws stz::Error unless every count is >= 1.
Atoms replicate(const Atoms& atoms, const std::array<int, 3>& reps);

/// Randomly relabels the species of `atoms` to the composition's exact counts.
void assign_species(Atoms& atoms, const Composition& c, std::uint64_t seed);

}  // namespace stz::atom
