#pragma once
// Local force evaluation for ART nouveau on atoms (MODEL.md §8): only the atoms within an
// active radius of the event's central atom move, and only the atoms whose forces or
// energies can change are evaluated, so one search costs the same in a 2,000- and a
// 30,000-atom sample.
//
// Regions, all spheres around the central atom's initial position (r_c = potential cutoff,
// m = margin, the furthest an active atom may move from where it started):
//   active    r < R_a                 these atoms move (the search's coordinates);
//   energy    r < R_a + m + r_c       atoms whose density or pair terms can change;
//   kept      r < R_a + m + 2 r_c     every atom the energy region's densities need.
// The kept atoms are copied, at their minimum-image positions about the centre, into an
// orthogonal periodic box so large that no atom sees another's image (an open cluster).
// EAM on that copy is exact for every term that can change: an active atom's force
// involves F'(ρ_j) of atoms j within r_c of it, and ρ_j involves atoms within r_c of j, all
// kept. Atoms near the copy's surface get wrong densities (missing neighbours), but none of
// their neighbours move, so their wrong energy is a constant: energy DIFFERENCES (barriers)
// and active forces equal those of the whole periodic sample. The copy's energy differs
// from the sample's by that constant; LocalAtomsSurface::energy_offset_eV() returns it.
//
// The open copy needs the box to hold the kept sphere without overlapping its own images
// (perpendicular widths > 2 (R_a + m + 2 r_c), about 8,000 Cu–Zr atoms); otherwise fits()
// is false and the surface holds the whole periodic sample instead, with the same active
// atoms moving and every other atom held: the same search, evaluated whole (exact, cost N).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "stz/atom/art.hpp"
#include "stz/atom/art_atoms.hpp"
#include "stz/atom/atoms.hpp"
#include "stz/atom/eam_force.hpp"
#include "stz/atom/eam_potential.hpp"

namespace stz::atom {

struct LocalRegion {
    double active_radius_A = 7.0;  ///< R_a: atoms within this of the centre move, Å
    double margin_A = 2.0;         ///< m: how far an active atom may move from its start, Å

    /// Throws stz::Error unless both are positive and finite.
    void validate() const;
    /// R_a + m + 2 r_c: the radius of the kept sphere, Å.
    [[nodiscard]] double kept_radius_A(double cutoff_A) const { return active_radius_A + margin_A + 2 * cutoff_A; }
    /// Whether the box holds the kept sphere without overlapping its images (an open copy).
    [[nodiscard]] bool fits(const Box& box, double cutoff_A) const;
};

/// The energy surface of the active atoms around `center` (see the file comment):
/// coordinates are the active atoms' Cartesian positions (3 per atom, in active order) in
/// the copy's frame, where atom `center` keeps its position and the others sit at their
/// minimum image about it. The gradient is -f on the active atoms (eV/Å). Owns its force
/// engine (one thread: searches run in parallel, not within). Throws stz::Error if the
/// centre is out of range or, without an open copy, R_a exceeds half the box width.
class LocalAtomsSurface : public EnergySurface {
public:
    LocalAtomsSurface(const Atoms& atoms, std::shared_ptr<const EamPotential> potential, std::vector<int> type_element,
                      std::size_t center, const LocalRegion& region);

    [[nodiscard]] std::size_t dimension() const override { return 3 * active_.size(); }
    double energy_and_gradient(const std::vector<double>& x, std::vector<double>& grad) override;
    /// Non-empty when, in an open copy, an active atom is further than the margin from its
    /// start (the copy would no longer be exact); never for the whole sample.
    [[nodiscard]] std::string out_of_bounds(const std::vector<double>& x) const override;
    /// The largest displacement of a single active atom between a and b, Å.
    [[nodiscard]] double distance(const std::vector<double>& a, const std::vector<double>& b) const override {
        return max_atom_distance(a, b);
    }

    /// The starting coordinates (the active atoms as given).
    [[nodiscard]] std::vector<double> start() const;
    /// Local index in the sample of active atom k.
    [[nodiscard]] const std::vector<std::size_t>& active_atoms() const { return active_; }
    /// Whether the evaluated atoms are an open copy of the region (else the whole sample).
    [[nodiscard]] bool open_copy() const { return open_; }
    /// Atoms in the copy: the ones evaluated at every call.
    [[nodiscard]] std::size_t evaluated_atoms() const { return copy_.size(); }
    /// The whole sample's energy minus the copy's at the same active positions, eV (computed
    /// from `sample_energy_eV`, the sample's energy at the start, by the first call to this).
    [[nodiscard]] double energy_offset_eV(double sample_energy_eV);
    /// Coordinates x (in this surface's frame) as the sample's full 3N vector: the active
    /// atoms at x, every other atom where it was.
    [[nodiscard]] std::vector<double> full_coordinates(const std::vector<double>& x) const;

private:
    Atoms copy_;                       ///< kept atoms (open copy) or the whole sample
    bool open_ = true;
    std::vector<std::size_t> active_;  ///< sample index of active atom k
    std::vector<std::size_t> slot_;    ///< copy index of active atom k
    std::vector<Vec3> shift_;          ///< sample position + shift = coordinate in this surface's frame
    std::vector<Vec3> offset_;         ///< copy position - coordinate (a lattice vector after a wrap)
    std::vector<Vec3> sample_x_;       ///< the sample's positions (for full_coordinates)
    double margin_A_ = 0;
    EamForce force_;
    double start_energy_eV_ = 0;
};

/// How one search is evaluated and what it cost.
struct ArtSearchCost {
    bool local = false;              ///< an open copy of the region (else the whole sample, atoms held)
    std::size_t active_atoms = 0;    ///< atoms that move
    std::size_t evaluated_atoms = 0; ///< atoms in each force evaluation
};

/// One event from `minimum` with the kick local_kick(minimum, center, kick_radius_A,
/// settings.initial_displacement, seed, search) on a LocalAtomsSurface (an open copy if the
/// region fits the box, else the whole sample with the atoms beyond R_a held). Energies in
/// the event are the whole sample's (the copy's offset added). `cost`, if given, says
/// which evaluation ran and how many atoms it held.
ArtEvent search_event_local(const Atoms& minimum, double minimum_energy_eV,
                            const std::shared_ptr<const EamPotential>& potential,
                            const std::vector<int>& type_element, std::size_t center,
                            const ArtSettings& settings, const LocalRegion& region, double kick_radius_A,
                            std::uint64_t seed, std::uint64_t search, ArtSearchCost* cost = nullptr);

}  // namespace stz::atom
