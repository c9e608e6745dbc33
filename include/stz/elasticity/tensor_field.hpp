#pragma once
// A symmetric-tensor field on the voxel grid, one contiguous array per component
// (structure of arrays, x fastest), so that kernels stream through memory.
//
// 2D (plane strain) fields store xx, yy, zz, xy: yz and xz vanish identically.
// 3D fields store all six components.
#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "stz/core/grid.hpp"
#include "stz/core/sym_tensor.hpp"

namespace stz {

/// Tensor component, in Voigt order.
enum class Comp : int { xx = 0, yy = 1, zz = 2, yz = 3, xz = 4, xy = 5 };

class TensorField {
public:
    TensorField() = default;
    explicit TensorField(const Grid& grid);

    [[nodiscard]] const Grid& grid() const { return grid_; }
    [[nodiscard]] std::size_t size() const { return grid_.size(); }
    /// Number of stored components: 4 in 2D, 6 in 3D.
    [[nodiscard]] int stored_components() const { return static_cast<int>(comps_.size()); }
    /// The component held in storage slot s (0 <= s < stored_components()).
    [[nodiscard]] Comp slot_component(int s) const { return comps_[s]; }
    /// Whether component c is stored (false for yz, xz in 2D: they are zero).
    [[nodiscard]] bool has(Comp c) const { return slot_[static_cast<int>(c)] >= 0; }

    /// The values of component c over the grid; c must be stored.
    [[nodiscard]] std::span<double> operator[](Comp c);
    [[nodiscard]] std::span<const double> operator[](Comp c) const;
    [[nodiscard]] std::span<double> slot(int s) { return {data_.data() + s * size(), size()}; }
    [[nodiscard]] std::span<const double> slot(int s) const {
        return {data_.data() + s * size(), size()};
    }

    /// The tensor at voxel i (absent components are 0).
    [[nodiscard]] SymTensor at(std::size_t i) const;
    /// Set voxel i; in 2D the yz and xz components of t must be 0.
    void set(std::size_t i, const SymTensor& t);
    /// Add t at voxel i; in 2D the yz and xz components of t must be 0.
    void add(std::size_t i, const SymTensor& t);
    /// Mean over all voxels.
    [[nodiscard]] SymTensor mean() const;
    /// Set every component of every voxel to zero.
    void fill_zero();
    /// Largest |value| over all components and voxels.
    [[nodiscard]] double max_abs() const;

private:
    Grid grid_;
    std::vector<Comp> comps_;
    std::array<int, 6> slot_{-1, -1, -1, -1, -1, -1};
    std::vector<double> data_;
};

}  // namespace stz
