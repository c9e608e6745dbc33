#pragma once
// Energy, forces and virial of an EAM potential over a half neighbour list, threaded with
// OpenMP. Results are bitwise identical for any thread count and any split of the work:
// each atom's sums over its own list run in double in a fixed order, and everything that
// crosses atoms (contributions to a neighbour j, the per-atom totals, energy and virial) is
// added in 64-bit fixed point, where addition is associative. The quanta are far below the
// round-off of the tables: forces 2^-34 eV/Å, density 2^-36, energy and virial 2^-34 eV
// (totals up to 5e8 eV, about 1e8 atoms).
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "stz/atom/atoms.hpp"
#include "stz/atom/eam_potential.hpp"
#include "stz/atom/neighbor_list.hpp"

namespace stz::atom {

/// Result of one force evaluation.
struct ForceResult {
    double energy_eV = 0;                   ///< total potential energy
    /// Virial W = sum over pairs r_ij ⊗ f_ij (xx, yy, zz, xy, xz, yz), eV. The virial
    /// stress is -W/V; LAMMPS's virial pressure tensor is +W/V (times nktv2p).
    std::array<double, 6> virial_eV{};
    std::vector<double> per_atom_energy_eV; ///< filled when asked for
};

class EamForce {
public:
    /// `type_element[t]`: the potential's element index for atom type t (0-based).
    EamForce(std::shared_ptr<const EamPotential> potential, std::vector<int> type_element, double skin_A = 2.0);

    /// Maps the atoms' species to the potential's elements by name (Species::element).
    static std::vector<int> map_species(const EamPotential& potential, const std::vector<Species>& species);

    /// Sets atoms.f and returns energy and virial. Rebuilds the neighbour list first if
    /// atoms moved more than half the skin since the last build (which wraps them).
    ForceResult compute(Atoms& atoms, bool per_atom_energy = false);
    /// Forces the next compute() to rebuild the list (after atoms were added or replaced).
    void invalidate() { rebuild_next_ = true; }

    [[nodiscard]] const EamPotential& potential() const { return *pot_; }
    [[nodiscard]] const NeighborList& neighbors() const { return list_; }
    [[nodiscard]] double cutoff_A() const { return pot_->cutoff_A(); }
    /// The neighbour list and whether the next compute() rebuilds it (checkpoints; see
    /// NeighborList::save_state). The atoms are saved separately.
    void save_state(StateWriter& w) const;
    void load_state(StateReader& r);

    /// Electron densities rho_i of the last evaluation.
    [[nodiscard]] const std::vector<double>& densities() const { return rho_; }

private:
    std::shared_ptr<const EamPotential> pot_;
    std::vector<int> type_element_;
    NeighborList list_;
    bool rebuild_next_ = true;
    std::vector<double> rho_, fp_;
    std::vector<std::vector<std::int64_t>> acc_;  ///< per-thread fixed-point accumulators

    /// Spline coefficients interleaved per element pair and interval (built once,
    /// immutable, shared by copies), so one pair reads one or two cache lines per pass.
    struct Tables;
    std::shared_ptr<const Tables> tables_;
    /// Pairs within the cutoff found by pass 1 (stored at the atom's list offset), reused
    /// by pass 2 without the distance test and square root.
    struct Close {
        std::int32_t j, image;
        double r;
    };
    std::vector<Close> close_;
    std::vector<std::uint32_t> close_count_;
};

}  // namespace stz::atom
