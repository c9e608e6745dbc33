#include "stz/elasticity/influence_kernels.hpp"

#include <cmath>

#include "stz/core/error.hpp"
#include "stz/elasticity/eigen_basis.hpp"
#include "stz/internal/omp.hpp"

namespace stz {

InfluenceKernels::InfluenceKernels(FftSolver& solver) : grid_(solver.grid()) {
    const int dim = grid_.dim();
    TensorField source(grid_);
    for (int b = 0; b < deviatoric_basis_size(dim); ++b) {
        source.fill_zero();
        source.set(0, deviatoric_basis(dim, b));
        TensorField k(grid_);
        solver.fluctuation_stress(source, k);
        // Guard (docs/reliability.md): every later stress update adds these fields, so a
        // non-finite value here (material constants at the edge of the double range) would
        // spread to the whole run. Checked once, O(N).
        for (int c = 0; c < k.stored_components(); ++c) {
            const auto f = k.slot(c);
            for (std::size_t i = 0; i < f.size(); ++i)
                STZ_REQUIRE(std::isfinite(f[i]),
                            "influence kernel of eigenstrain basis tensor "
                                << b << " is not finite (" << f[i] << ") at voxel " << i
                                << " of the " << grid_.nx << " x " << grid_.ny << " x " << grid_.nz
                                << " grid: check material.young_modulus_GPa and poisson_ratio");
        }
        kernels_.push_back(std::move(k));
    }
}

void InfluenceKernels::add_source(TensorField& stress, std::size_t voxel,
                                  std::span<const double> dcoeff) const {
    const int nb = basis_size();
    STZ_REQUIRE(static_cast<int>(dcoeff.size()) == nb,
                "expected " << nb << " eigenstrain coefficients, got " << dcoeff.size());
    STZ_REQUIRE(stress.grid() == grid_, "stress field grid does not match the kernels' grid");
    STZ_REQUIRE(voxel < grid_.size(), "voxel index " << voxel << " outside the grid");

    const int nx = grid_.nx, ny = grid_.ny, nz = grid_.nz;
    const int ix = static_cast<int>(voxel % nx);
    const int iy = static_cast<int>((voxel / nx) % ny);
    const int iz = static_cast<int>(voxel / (static_cast<std::size_t>(nx) * ny));
    const int ncomp = stress.stored_components();
    // Skip basis tensors whose coefficient did not change (common in tests, free otherwise).
    int active[5];
    int na = 0;
    for (int b = 0; b < nb; ++b)
        if (dcoeff[b] != 0.0) active[na++] = b;
    if (na == 0) return;

    const int rows = ny * nz;
    // Below ~16k voxels the update is faster than waking a thread team.
    STZ_OMP(parallel for schedule(static) if (static_cast<long long>(rows) * nx >= 16384))
    for (int row = 0; row < rows; ++row) {
        const int y = row % ny, z = row / ny;
        const int ky = (y - iy + ny) % ny, kz = (z - iz + nz) % nz;
        const std::size_t dst_row = static_cast<std::size_t>(row) * nx;
        const std::size_t src_row = (static_cast<std::size_t>(kz) * ny + ky) * nx;
        for (int c = 0; c < ncomp; ++c) {
            double* dst = stress.slot(c).data() + dst_row;
            // Target x maps to kernel x - ix (mod nx): two contiguous runs, no modulo inside.
            for (int a = 0; a < na; ++a) {
                const double w = dcoeff[active[a]];
                const double* src = kernels_[active[a]].slot(c).data() + src_row;
                for (int x = 0; x < ix; ++x) dst[x] += w * src[x - ix + nx];
                for (int x = ix; x < nx; ++x) dst[x] += w * src[x - ix];
            }
        }
    }
}

std::size_t InfluenceKernels::memory_bytes() const {
    std::size_t n = 0;
    for (const auto& k : kernels_) n += k.size() * k.stored_components() * sizeof(double);
    return n;
}

}  // namespace stz
