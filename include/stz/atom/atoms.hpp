#pragma once
// The state of an atomistic sample: box, per-atom arrays and species. Per-atom arrays are
// parallel vectors indexed by local atom index; `id` keeps LAMMPS's atom ids, which are
// what files and analyses refer to (the local order may change, e.g. when atoms are sorted
// for memory locality).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "stz/atom/box.hpp"
#include "stz/atom/vec3.hpp"

namespace stz::atom {

/// One atom type: LAMMPS numeric type (index + 1), element name and mass.
struct Species {
    std::string element;  ///< element symbol as the potential names it ("Cu"); may be empty
    double mass_amu = 0;  ///< g/mol
};

struct Atoms {
    Box box;
    std::vector<Species> species;                 ///< species[t]: LAMMPS type t + 1
    std::vector<std::int64_t> id;                 ///< LAMMPS atom ids (1-based, unique)
    std::vector<int> type;                        ///< 0-based index into species
    std::vector<Vec3> x;                          ///< positions, Å (unwrapped between neighbour builds)
    std::vector<Vec3> v;                          ///< velocities, Å/ps
    std::vector<Vec3> f;                          ///< forces, eV/Å (set by the force engine)
    std::vector<std::array<int, 3>> image;        ///< periodic image flags, as LAMMPS keeps them

    [[nodiscard]] std::size_t size() const { return x.size(); }
    /// Appends an atom with zero velocity and force; id = size()+1 if id < 0.
    void add(int type0, const Vec3& position, std::int64_t atom_id = -1);
    /// Mass of atom i, amu.
    [[nodiscard]] double mass(std::size_t i) const { return species[static_cast<std::size_t>(type[i])].mass_amu; }
    /// Maps every position into the box (fractional coordinates in [0,1)), updating image.
    void wrap();
    /// Position of atom i with its image flags undone (continuous trajectory), Å.
    [[nodiscard]] Vec3 unwrapped(std::size_t i) const;
    /// Number of atoms of each species.
    [[nodiscard]] std::vector<std::size_t> count_by_species() const;
    /// Throws stz::Error if arrays disagree in length, types are out of range, masses are
    /// not positive, ids are not unique, or a coordinate is not finite.
    void validate(const std::string& context) const;
    /// Reorders all per-atom arrays: new atom k is old atom order[k].
    void permute(const std::vector<std::size_t>& order);
};

}  // namespace stz::atom
