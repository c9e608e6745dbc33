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
    /// nb x nb per offset; its spectra are computed here and kept: nb^2 complex half-spectra,
    /// or, when J is even and symmetric (J(-r) = J(r), J_bc = J_cb, as the work kernel of the
    /// elastic Green operator) and so its spectra are real and symmetric to round-off
    /// (1e-11 of their largest value), only the nb (nb + 1) / 2 real parts for b <= c: a
    /// third (2D) to a quarter (3D) of the memory and half the multiplications.
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

    /// Whether the kernel was found even and symmetric (real spectra kept, see above).
    [[nodiscard]] bool even_symmetric() const;
    [[nodiscard]] std::size_t memory_bytes() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace stz
