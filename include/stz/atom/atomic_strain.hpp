#pragma once
// Atomic strain and non-affine displacement D2min between two configurations, as OVITO's
// "Atomic strain" modifier defines them (Falk & Langer 1998; Shimizu, Ogata, Li 2007;
// MODEL.md §8), and clustering of selected (e.g. shear-transformed) atoms.
//
// For each atom i the neighbours j are those within `cutoff_A` in the REFERENCE
// configuration, periodic images included (any tilt, boxes smaller than twice the cutoff
// too: one neighbour may count several times through different images). With d0_j the
// reference pair vector and d_j the current one for the same neighbour and image:
//   V = Σ d0 d0ᵀ,  W = Σ d d0ᵀ,  F = W V⁻¹,  D2min = Σ |F d0 − d|²  (Å²),
//   E = ½(FᵀF − I) (Green–Lagrange),
//   η = sqrt(E_xy² + E_xz² + E_yz² + ((E_xx−E_yy)² + (E_xx−E_zz)² + (E_yy−E_zz)²)/6)
//       (von Mises shear strain, OVITO's "Shear Strain"),
//   volumetric strain (E_xx + E_yy + E_zz)/3.
// An atom whose V is singular (fewer than 3 non-coplanar neighbours: det V below 1e-10
// of (tr V / 3)³) is INVALID: flagged, counted, and given zero F, strains and D2min
// (OVITO's "select invalid particles"; zeros rather than NaN so dumps stay readable).
//
// Current pair vectors. Atoms are matched by LAMMPS id. Each atom's displacement is taken
// in fractional coordinates of its own box, Δs_i = s_i(current) − s_i(reference), so an
// affine change of the box (AQS shear, NPT) is no displacement at all. With a reference
// pair (i, j, lattice translation n) the current vector is
//   d = H_cur (s_j + Δs_j − s_i − Δs_i + n),   d0 = H_ref (s_j − s_i + n),
// i.e. the image found in the reference, translated by the CURRENT cell. Δs comes from
//   * Displacement::unwrapped (default): positions unwrapped with each file's image flags
//     (Atoms::unwrapped) — exact for any displacement, needs continuous image flags
//     (LAMMPS dumps with ix iy iz / data files do);
//   * Displacement::minimum_image: the wrapped positions, Δs reduced to [-½, ½) per
//     fractional component — for files without trustworthy image flags; valid while every
//     atom moves less than half a box (fractionally) between the two configurations.
// Both give identical results however the current file has its atoms wrapped, as long as
// its image flags agree with its positions (unwrapped) or the displacements are small
// (minimum_image). OVITO's default ("affine mapping: off") is the same construction.
#include <array>
#include <cstddef>
#include <vector>

#include "stz/atom/atoms.hpp"

namespace stz::atom {

struct AtomicStrainSettings {
    /// Neighbour cutoff in the reference configuration, Å. The first minimum of g(r)
    /// (3.8 Å for Cu–Zr); D2min values (and thresholds on them) depend on it.
    double cutoff_A = 3.8;
    enum class Displacement { unwrapped, minimum_image };
    Displacement displacement = Displacement::unwrapped;
};

/// Per-atom results, in the REFERENCE configuration's local atom order.
struct AtomicStrain {
    std::vector<double> shear;       ///< von Mises shear strain η
    std::vector<double> volumetric;  ///< (E_xx + E_yy + E_zz) / 3
    std::vector<double> d2min_A2;    ///< D2min, Å²
    /// F row-major: F[3 r + c] = F_rc.
    std::vector<std::array<double, 9>> deformation_gradient;
    /// Green–Lagrange strain (xx, yy, zz, xy, xz, yz).
    std::vector<std::array<double, 6>> strain;
    std::vector<int> neighbor_count;  ///< neighbours (with images) within the cutoff
    std::vector<char> invalid;        ///< 1 where V was singular
    std::size_t invalid_count = 0;
};

/// Atomic strain of `current` relative to `reference`. Both must hold the same atoms
/// (same count and ids, any order); throws stz::Error naming what differs, or a bad
/// cutoff or box.
AtomicStrain atomic_strain(const Atoms& reference, const Atoms& current, const AtomicStrainSettings& settings);

/// Clusters of selected atoms linked when closer than cutoff_A in `atoms` (periodic, any
/// tilt). cluster_of[i]: cluster index (0 = largest; equal sizes ordered by their lowest
/// atom index), -1 for unselected atoms; sizes: sorted descending. spans_box[k] is 1 when
/// cluster k wraps around the periodic box: following its links from one atom comes back
/// to the same atom in another periodic image (a percolating cluster, whose size the box
/// bounds rather than the physics).
struct Clusters {
    std::vector<int> cluster_of;
    std::vector<std::size_t> sizes;
    std::vector<char> spans_box;
};
Clusters cluster_atoms(const Atoms& atoms, const std::vector<char>& selected, double cutoff_A);

/// Shear-transformed atoms: valid atoms with D2min above `threshold_A2` (paper 001: 0.18 Å²
/// at a 3.8 Å cutoff), as a selection for cluster_atoms.
std::vector<char> select_shear_transformed(const AtomicStrain& strain, double threshold_A2);

}  // namespace stz::atom
