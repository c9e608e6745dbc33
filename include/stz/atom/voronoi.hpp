#pragma once
// Voronoi analysis of atomic structure as OVITO's "Voronoi analysis" modifier does it by
// default (plain, non-radical tessellation; MODEL.md §8): per-atom Voronoi index
// ⟨n3, n4, n5, n6, ...⟩ (number of faces with 3, 4, 5, 6, ... edges), cell volume,
// coordination (number of faces) and face neighbours; full icosahedra ⟨0,0,12,0⟩ and
// clusters of interpenetrating icosahedra.
//
// Construction, per atom i (independent of the others, OpenMP over atoms): start from a
// cube of half-edge cutoff_A centred on the atom and clip it by the bisector plane of every
// neighbour j within cutoff_A (periodic images included, any tilt, boxes smaller than twice
// the cutoff too: one neighbour may bound the cell through several images), nearest first.
// The cell is a set of convex polygonal faces, each remembering its plane and the neighbour
// that made it; clipping clips every face (Sutherland–Hodgman) and adds the cap face made
// of the points on the plane, ordered by angle around its normal. Clipping stops once the
// next bisector lies beyond the cell's farthest vertex. The result is exact (no neighbour
// beyond the cutoff can cut) when every vertex lies within cutoff_A / 2 of the atom; an
// atom whose cell is not (a face of the starting cube survives or a vertex lies farther)
// makes voronoi_cells throw stz::Error asking for a larger cutoff.
//
// Degeneracies (fcc, bcc: vertices where 4 or more planes meet, planes touching the cell
// at one vertex or edge) use a tolerance eps = 1e-10 × cutoff_A: a vertex within eps of a
// plane is on it (a plane that only touches the cell adds no face), and before counting
// edges each face's polygon has vertices closer than 10 eps merged and vertices on the line
// through their neighbours (within 10 eps) dropped. Perfect fcc gives ⟨0,12,0,0⟩, bcc
// ⟨0,6,0,8⟩, as in OVITO.
//
// Thresholds, as OVITO's (both default 0 = count everything):
//   * min_edge_length_A ("edge length threshold"): edges shorter than this are not counted
//     in their face's number of edges;
//   * min_face_area_fraction ("relative face area threshold"): faces whose area is below
//     this fraction of the cell's total surface area are ignored.
// A face left with fewer than 3 counted edges, or below the area threshold, is left out
// of the index, `faces` and `neighbors`; the volume always uses the whole cell.
#include <array>
#include <cstddef>
#include <vector>

#include "stz/atom/atoms.hpp"

namespace stz::atom {

struct VoronoiSettings {
    double cutoff_A = 6.0;                ///< neighbour cutoff (and starting cube half-edge), Å
    double min_edge_length_A = 0.0;       ///< OVITO's edge length threshold, Å
    double min_face_area_fraction = 0.0;  ///< OVITO's relative face area threshold
};

struct VoronoiCell {
    /// index[k]: counted faces with k + 3 edges (3..10). Faces with more than 10 edges
    /// count in `faces` only.
    std::array<int, 8> index{};
    int faces = 0;          ///< counted faces (the Voronoi coordination)
    double volume_A3 = 0;   ///< cell volume, Å^3 (whole cell, thresholds aside)
    /// Local index of the neighbour behind each counted face (a neighbour may appear more
    /// than once in a small periodic box: once per image that bounds the cell).
    std::vector<std::size_t> neighbors;
};

/// Voronoi cells of every atom, in local atom order. Throws stz::Error on a bad box or
/// settings, or when some cell is not closed within cutoff_A / 2 (increase the cutoff).
std::vector<VoronoiCell> voronoi_cells(const Atoms& atoms, const VoronoiSettings& settings = {});

/// ⟨0,0,12,0⟩ and no faces of any other order.
bool is_full_icosahedron(const VoronoiCell& c);

/// Interpenetrating icosahedral clusters: full-icosahedron centres linked when one is a
/// Voronoi neighbour of the other (either direction). cluster_of[i]: cluster index
/// (0 = largest; equal sizes ordered by their lowest atom index), -1 for atoms that are
/// not centres; sizes: sorted descending. `cells` must come from voronoi_cells(atoms).
struct IcosahedralClusters {
    std::vector<int> cluster_of;
    std::vector<std::size_t> sizes;
};
IcosahedralClusters icosahedral_clusters(const Atoms& atoms, const std::vector<VoronoiCell>& cells);

}  // namespace stz::atom
