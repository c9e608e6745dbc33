#include "stz/kmc/work_bounds.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>

#include "stz/core/error.hpp"
#include "stz/internal/omp.hpp"

namespace stz {

std::vector<double> work_kernel_table(const InfluenceKernels& kernels,
                                      const std::vector<std::array<double, 6>>& basis_weights,
                                      double half_v_eV_per_GPa) {
    const int nb = kernels.basis_size();
    STZ_REQUIRE(static_cast<int>(basis_weights.size()) == nb, "work kernel: basis size mismatch");
    const std::size_t n = kernels.grid().size(), jj = static_cast<std::size_t>(nb) * nb;
    const int ns = kernels.kernel(0).stored_components();
    std::vector<double> jker(n * jj, 0.0);
    for (int c = 0; c < nb; ++c) {
        const TensorField& k = kernels.kernel(c);
        for (int s = 0; s < ns; ++s) {
            const auto ks = k.slot(s);
            for (int b = 0; b < nb; ++b) {
                const double w = half_v_eV_per_GPa * basis_weights[b][static_cast<int>(k.slot_component(s))];
                for (std::size_t r = 0; r < n; ++r) jker[r * jj + b * nb + c] += w * ks[r];
            }
        }
    }
    return jker;
}

std::vector<double> max_work_kernel_norm(const BlockLayout& layout, int nb,
                                         const std::vector<double>& jker, int line_half) {
    const Grid g = layout.grid();
    const std::size_t n = g.size(), jj = static_cast<std::size_t>(nb) * nb;
    STZ_REQUIRE(nb >= 1 && nb <= 5 && jker.size() == n * jj,
                "work bounds: kernel table of " << jker.size() << " values for " << n
                                                << " offsets and basis size " << nb);

    // |J(r)|_2, the operator norm (largest singular value), for every voxel offset r: the
    // square root of the largest eigenvalue of J^T J, raised by 1e-12 relative for its
    // round-off (and never above the Frobenius norm, which also bounds it).
    std::vector<double> norm(n);
    const long long nn = static_cast<long long>(n);
    STZ_OMP(parallel for schedule(static) if (nn >= 16384))
    for (long long rr = 0; rr < nn; ++rr) {
        const std::size_t r = static_cast<std::size_t>(rr);
        Eigen::Matrix<double, 5, 5> j = Eigen::Matrix<double, 5, 5>::Zero();
        for (int b = 0; b < nb; ++b)
            for (int c = 0; c < nb; ++c) j(b, c) = jker[r * jj + b * nb + c];
        const double frob = j.norm();
        double op2 = 0;
        if (nb == 2) {
            const double f2 = frob * frob, det = j(0, 0) * j(1, 1) - j(0, 1) * j(1, 0);
            op2 = 0.5 * (f2 + std::sqrt(std::max(0.0, f2 * f2 - 4 * det * det)));
        } else {
            const Eigen::Matrix<double, 5, 5> jtj = j.transpose() * j;
            op2 = Eigen::SelfAdjointEigenSolver<Eigen::Matrix<double, 5, 5>>(jtj, Eigen::EigenvaluesOnly)
                      .eigenvalues()
                      .maxCoeff();
        }
        norm[r] = std::min(frob, std::sqrt(std::max(0.0, op2)) * (1 + 1e-12) + 1e-300);
    }

    // Block offset o = (ox, oy, oz): voxel offsets o * edge + (-(edge - 1) .. edge - 1),
    // periodically, except those on the lines through the source (stored at once).
    const auto ring = [](int v, int n) { return std::min(v, n - v); };  // v in [0, n)
    std::vector<double> out(layout.blocks(), 0.0);
    const long long nblocks = static_cast<long long>(layout.blocks());
    STZ_OMP(parallel for schedule(static) if (nblocks >= 1024))
    for (long long oo = 0; oo < nblocks; ++oo) {
        const std::size_t o = static_cast<std::size_t>(oo);
        if (layout.near(o)) continue;  // stored at once, followed exactly: no bound needed
        const int ox = static_cast<int>(o % layout.nbx);
        const int oy = static_cast<int>((o / layout.nbx) % layout.nby);
        const int oz = static_cast<int>(o / (static_cast<std::size_t>(layout.nbx) * layout.nby));
        double m = 0;
        for (int dz = -(layout.bz - 1); dz <= layout.bz - 1; ++dz) {
            const int z = (((oz * layout.bz + dz) % g.nz) + g.nz) % g.nz;
            for (int dy = -(layout.by - 1); dy <= layout.by - 1; ++dy) {
                const int y = (((oy * layout.by + dy) % g.ny) + g.ny) % g.ny;
                for (int dx = -(layout.bx - 1); dx <= layout.bx - 1; ++dx) {
                    const int x = (((ox * layout.bx + dx) % g.nx) + g.nx) % g.nx;
                    if (ring(x, g.nx) <= line_half || ring(y, g.ny) <= line_half) continue;
                    m = std::max(m, norm[g.index(x, y, z)]);
                }
            }
        }
        out[o] = m;
    }
    return out;
}

}  // namespace stz
