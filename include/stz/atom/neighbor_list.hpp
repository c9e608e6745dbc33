#pragma once
// Half Verlet list built from a binned cell list, for periodic boxes of any tilt and any
// size: a pair is stored with the periodic image of j it refers to, so a box smaller than
// twice the cutoff (where an atom sees several images of one neighbour, even of itself)
// is handled exactly. Each unordered pair (i, j, image) appears once: under i when j > i,
// and for j == i (an atom and its own image) only for the image with positive
// lexicographic sign.
//
// Building wraps the atoms into the box. Between builds atoms move continuously and the
// stored images stay valid; `needs_rebuild` says when some pair might have crossed the
// list radius cutoff + skin (half the skin of displacement, as LAMMPS's "check yes",
// plus the change of the periodic images when the box deforms).
#include <cstdint>
#include <vector>

#include "stz/atom/atoms.hpp"

namespace stz {
class StateWriter;
class StateReader;
}  // namespace stz

namespace stz::atom {

class NeighborList {
public:
    struct Entry {
        std::int32_t j;      ///< neighbour's local index
        std::int32_t image;  ///< index into image_vectors()
    };

    NeighborList(double cutoff_A, double skin_A);

    /// Wraps atoms into the box and lists every pair closer than cutoff + skin.
    void build(Atoms& atoms);
    [[nodiscard]] bool needs_rebuild(const Atoms& atoms) const;

    [[nodiscard]] double cutoff_A() const { return cutoff_A_; }
    [[nodiscard]] double skin_A() const { return skin_A_; }
    [[nodiscard]] std::size_t atom_count() const { return first_.empty() ? 0 : first_.size() - 1; }
    [[nodiscard]] std::size_t begin(std::size_t i) const { return first_[i]; }
    [[nodiscard]] std::size_t end(std::size_t i) const { return first_[i + 1]; }
    [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }
    /// Integer lattice translations (na, nb, nc): image n of j sits at x_j + H n.
    [[nodiscard]] const std::vector<std::array<int, 3>>& image_vectors() const { return images_; }
    /// Cartesian image shifts H n for the current box, Å.
    [[nodiscard]] std::vector<Vec3> image_shifts(const Box& box) const;
    [[nodiscard]] long builds() const { return builds_; }
    /// Bins along each edge in the last build (for diagnostics).
    [[nodiscard]] std::array<int, 3> bins() const { return bins_; }

    /// The whole list with its build reference (positions, box), for checkpoints: the order
    /// of the pairs and the time of the next rebuild decide the round-off of what follows,
    /// so a resumed job must continue with exactly this list.
    void save_state(StateWriter& w) const;
    void load_state(StateReader& r);

private:
    double cutoff_A_, skin_A_;
    std::vector<std::size_t> first_;
    std::vector<Entry> entries_;
    std::vector<std::array<int, 3>> images_;
    std::vector<Vec3> x_at_build_;
    Box box_at_build_;
    double image_reach_ = 0;  ///< largest |n| of any stored image (lattice units)
    std::array<int, 3> bins_{};
    long builds_ = 0;
};

}  // namespace stz::atom
