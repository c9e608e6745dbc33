#pragma once
// ART nouveau (stz/atom/art.hpp) on atoms: the adapter that turns an Atoms sample and an
// EamForce into an EnergySurface, a local random kick, and one event search from a minimum.
//
// This first adapter evaluates the WHOLE system at every call (all 3N coordinates move,
// every force evaluation is a full EAM evaluation). Local evaluation with an active region
// (only atoms near the event move and are recomputed) is a later step.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "stz/atom/art.hpp"
#include "stz/atom/atoms.hpp"
#include "stz/atom/eam_force.hpp"

namespace stz::atom {

/// The largest |a_i - b_i| over atoms i of two flat 3N coordinate vectors, Å.
double max_atom_distance(const std::vector<double>& a, const std::vector<double>& b);

/// The energy surface of a copy of `atoms` under `force`: coordinates are the 3N Cartesian
/// positions (x0, y0, z0, x1, ...) in Å; the box and everything else stay fixed. The
/// gradient is -f (eV/Å). The force object is shared (its neighbour list follows the
/// copy's positions) and must outlive the surface.
///
/// Rigid translation is a zero mode of a periodic system, and ART's pushes and Newton
/// steps drift along it (the connectivity test then fails on a translated copy of the
/// minimum). The surface therefore adds a harmonic pin on the centre of position c(x) =
/// mean of the positions: E' = E + ½ k N |c(x) - c(x_ref)|², x_ref = the atoms given here.
/// Since Σ f = 0 for EAM, every stationary point of E' has c = c(x_ref) and E' = E there:
/// minima, saddles and barriers are unchanged; the three translation modes get curvature
/// k (translation_stiffness, eV/Å², per unit 3N-vector). 0 switches the pin off.
class AtomsSurface : public EnergySurface {
public:
    AtomsSurface(const Atoms& atoms, EamForce& force, double translation_stiffness = 1.0);
    [[nodiscard]] std::size_t dimension() const override { return 3 * atoms_.size(); }
    double energy_and_gradient(const std::vector<double>& x, std::vector<double>& grad) override;
    /// The largest displacement of a single atom between a and b, Å.
    [[nodiscard]] double distance(const std::vector<double>& a, const std::vector<double>& b) const override {
        return max_atom_distance(a, b);
    }

    /// The positions of `atoms` as a flat coordinate vector.
    [[nodiscard]] static std::vector<double> coordinates(const Atoms& atoms);
    /// The copy, with the positions and forces of the last evaluation.
    [[nodiscard]] const Atoms& atoms() const { return atoms_; }

private:
    Atoms atoms_;
    EamForce* force_;
    double k_;
    Vec3 c_ref_{};
    std::vector<Vec3> offset_;  ///< copy position - coordinate (a lattice vector after a wrap)
};

/// ART settings for metals with EAM (eV, Å), tried on Cu–Zr glasses and the Cu vacancy:
///   initial_displacement 0.3 Å   kick norm (the local kick is on ~13 atoms, ~0.08 Å each);
///   push_step 0.1 Å, max_activation_steps 30   at most 3 Å of pushing along the kick
///                         (with perpendicular relaxation) before a search gives up;
///   eigenvalue_threshold -0.02 eV/Å²   activation stops at the first clearly negative
///                         curvature (ART nouveau's inflection criterion; -0.1 and
///                         below left most searches in a 2000-atom Cu64Zr36 glass
///                         without an inflection after 2 Å of pushing);
///   max_step 0.1 Å        no atom jumps further than a small fraction of a nearest-
///                         neighbour distance (2.57 Å in Cu) per step;
///   force_tol 0.01 eV/Å  (2-norm of the force vector at the saddle; MODEL.md §8);
///   lanczos_fd_step 1e-3 Å, lanczos_size 15, lanczos_tol 1e-3 (warm-started);
///   push_over 0.15 Å, connect_distance 0.1 Å (largest single-atom displacement);
///   initial_force_tol 0.05 eV/Å (the start must be minimized at least to this).
ArtSettings atoms_art_settings();

/// A random kick direction local to atom `center`: a Gaussian random 3-vector on `center`
/// and on every atom within radius_A of it (periodic minimum image), zero elsewhere,
/// normalised so that the whole 3N vector has 2-norm norm_A. Random numbers come from
/// CounterRng(seed, RngStream::atom_placement, 1000000 + search): there is no ART stream in
/// random.hpp, and the counter offset 10^6 keeps the search streams apart from the
/// placement draws that use small counters. Throws stz::Error if center is out of range or
/// radius/norm are not positive.
std::vector<double> local_kick(const Atoms& atoms, std::size_t center, double radius_A, double norm_A,
                               std::uint64_t seed, std::uint64_t search);

/// One ART event found from a minimum.
struct ArtEvent {
    std::size_t center = 0;         ///< local index of the kicked atom
    long center_id = 0;             ///< its LAMMPS id
    double barrier_eV = 0;          ///< e_saddle - e_initial
    double e_initial_eV = 0, e_saddle_eV = 0, e_final_eV = 0;
    double max_displacement_A = 0;  ///< largest |r_saddle - r_initial| over atoms (minimum image)
    std::size_t max_displaced = 0;  ///< local index of the atom that moves most to the saddle
    std::size_t moved_atoms = 0;    ///< atoms displaced more than 0.1 Å at the saddle from the initial minimum
    bool connected = false;         ///< the saddle relaxes back to the initial minimum
    // Beyond the brief: the search's outcome and cost.
    bool converged = false;         ///< a saddle was found (otherwise the energies past e_initial are 0)
    std::string reason;             ///< SaddleResult::reason
    int iterations = 0, force_evaluations = 0;
};

/// Searches one event from `minimum` (unchanged: the search runs on a copy) with the kick
/// local_kick(minimum, center, kick_radius_A, settings.initial_displacement, seed, search).
ArtEvent search_event(Atoms& minimum, EamForce& force, std::size_t center, const ArtSettings& settings,
                      double kick_radius_A, std::uint64_t seed, std::uint64_t search);

/// Builds the event from a SaddleResult of a search from `minimum` (used by search_event;
/// public so that searches with a hand-made kick are summarised the same way).
ArtEvent make_event(const Atoms& minimum, std::size_t center, const SaddleResult& r);

}  // namespace stz::atom
