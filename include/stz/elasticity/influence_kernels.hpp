#pragma once
// Incremental stress updates from single-voxel influence kernels (MODEL.md §3).
//
// Kernel b is the zero-mean stress field of a unit coefficient of the deviatoric basis
// tensor B_b (eigen_basis.hpp) in voxel 0, computed once by the FFT solver. When voxel i's
// eigenstrain changes by sum_b dc_b B_b, the fluctuation stress everywhere changes by
// sum_b dc_b K_b(x - x_i): O(N) work per update, OpenMP over grid rows, and the same
// arithmetic per voxel whatever the thread count. The mean stress is not in the kernels:
// it follows from the mean eigenstrain through the boundary condition (mixed_bc.hpp).
#include <cstddef>
#include <span>
#include <vector>

#include "stz/core/grid.hpp"
#include "stz/elasticity/fft_solver.hpp"
#include "stz/elasticity/tensor_field.hpp"

namespace stz {

class InfluenceKernels {
public:
    /// Computes the kernels with `solver` (deviatoric_basis_size(dim) full solves).
    explicit InfluenceKernels(FftSolver& solver);

    [[nodiscard]] const Grid& grid() const { return grid_; }
    /// Number of kernels: 2 in 2D, 5 in 3D.
    [[nodiscard]] int basis_size() const { return static_cast<int>(kernels_.size()); }
    /// Kernel b: fluctuation stress (GPa) of a unit coefficient of B_b at voxel 0.
    [[nodiscard]] const TensorField& kernel(int b) const { return kernels_[b]; }
    /// Stress at the source voxel itself of a unit coefficient of B_b (its self-stress).
    [[nodiscard]] SymTensor self_stress(int b) const { return kernels_[b].at(0); }

    /// Adds to `stress` the fluctuation stress of an eigenstrain change sum_b dcoeff[b] B_b
    /// at `voxel`. dcoeff.size() must equal basis_size().
    void add_source(TensorField& stress, std::size_t voxel, std::span<const double> dcoeff) const;

    /// Bytes held by the kernels.
    [[nodiscard]] std::size_t memory_bytes() const;

private:
    Grid grid_;
    std::vector<TensorField> kernels_;
};

}  // namespace stz
