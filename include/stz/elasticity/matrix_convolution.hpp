#pragma once
// Periodic convolution of a field of nb coefficients per voxel with an nb x nb matrix kernel,
// by FFT: out_b(i) = sum_j sum_c J_bc(i - j) in_c(j). The thinning path of the kMC engine
// uses it to recompute the stress work p of every voxel from the plastic eigenstrain
// coefficients in one pass (J = the work kernel, docs/performance.md): nb forward and nb
// inverse real transforms and a product with the kernel's spectra, instead of solving for
// the stress tensor and projecting it.
#include <cstddef>
#include <memory>

#include "stz/core/grid.hpp"

namespace stz {

class MatrixConvolution {
public:
    /// `kernel` holds J for every voxel offset r (numbered like voxels), [r][b][c] row-major,
    /// nb x nb per offset; its spectra are computed here and kept (nb^2 complex half-spectra).
    MatrixConvolution(const Grid& grid, int nb, const double* kernel);
    ~MatrixConvolution();
    MatrixConvolution(MatrixConvolution&&) noexcept;
    MatrixConvolution& operator=(MatrixConvolution&&) noexcept;
    MatrixConvolution(const MatrixConvolution&) = delete;
    MatrixConvolution& operator=(const MatrixConvolution&) = delete;

    /// out[i * out_stride + b] = (J * in)_b(i) for every voxel i and b < nb; `in` is
    /// [voxel][nb]. Other entries of `out` are left as they are. Transforms of different
    /// components run on OpenMP threads; the result does not depend on their number.
    void apply(const double* in, double* out, std::size_t out_stride);

    [[nodiscard]] std::size_t memory_bytes() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace stz
