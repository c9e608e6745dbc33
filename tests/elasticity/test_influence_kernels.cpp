// Incremental updates with single-voxel kernels against the full solve, and the kernels'
// symmetries (MODEL.md §3).
#include <doctest/doctest.h>

#include <array>
#include <algorithm>
#include <cmath>
#include <random>

#include "stz/elasticity/eigen_basis.hpp"
#include "stz/elasticity/influence_kernels.hpp"

#ifdef STZ_WITH_OPENMP
#include <omp.h>
#endif

using namespace stz;

namespace {
const IsotropicElasticity kGlass(69.46, 0.365);

double rel_max_diff(const TensorField& a, const TensorField& b) {
    double m = 0, scale = 0;
    for (int s = 0; s < a.stored_components(); ++s)
        for (std::size_t i = 0; i < a.size(); ++i) {
            m = std::max(m, std::abs(a.slot(s)[i] - b.slot(s)[i]));
            scale = std::max(scale, std::abs(b.slot(s)[i]));
        }
    return m / scale;
}

/// Kernel value at periodic offset (dx, dy, dz) from the source.
SymTensor kernel_at(const InfluenceKernels& k, int b, int dx, int dy, int dz = 0) {
    const Grid& g = k.grid();
    const auto wrap = [](int v, int n) { return ((v % n) + n) % n; };
    return k.kernel(b).at(g.index(wrap(dx, g.nx), wrap(dy, g.ny), wrap(dz, g.nz)));
}
}  // namespace

TEST_CASE("incremental kernel updates equal the full solve after 1000 random events") {
    // Rectangular grids on purpose: the shift arithmetic must not assume nx == ny.
    for (const Grid g : {Grid{48, 40, 1}, Grid{14, 12, 10}}) {
        FftSolver solver(g, kGlass);
        const InfluenceKernels kernels(solver);
        const int nb = kernels.basis_size();
        TensorField eig(g), incremental(g), full(g);
        std::mt19937_64 rng(2024);
        std::uniform_int_distribution<std::size_t> site(0, g.size() - 1);
        std::normal_distribution<double> z(0.0, 0.07);  // gamma*/2 scale of 003-eq 4
        std::array<double, 5> dc{};
        for (int event = 0; event < 1000; ++event) {
            const std::size_t i = site(rng);
            for (int b = 0; b < nb; ++b) dc[b] = z(rng);
            kernels.add_source(incremental, i, std::span<const double>(dc.data(), nb));
            eig.add(i, from_deviatoric_coefficients(g.dim(), std::span<const double>(dc.data(), nb)));
        }
        solver.fluctuation_stress(eig, full);
        CAPTURE(g.dim());
        // 1000 sums of O(1) terms: round-off ~1e-13 relative; the issue asks for 1e-10.
        CHECK(rel_max_diff(incremental, full) < 1e-10);
    }
}

TEST_CASE("kernels have zero mean and are centrosymmetric") {
    for (const Grid g : {Grid{32, 32, 1}, Grid{12, 12, 12}}) {
        FftSolver solver(g, kGlass);
        const InfluenceKernels k(solver);
        for (int b = 0; b < k.basis_size(); ++b) {
            CHECK(norm(k.kernel(b).mean()) < 1e-14);
            double err = 0;
            for (int dz = 0; dz < g.nz; ++dz)
                for (int dy = 0; dy < g.ny; ++dy)
                    for (int dx = 0; dx < g.nx; ++dx)
                        err = std::max(err, norm(kernel_at(k, b, dx, dy, dz) -
                                                 kernel_at(k, b, -dx, -dy, -dz)));
            CHECK(err < 1e-14);
        }
    }
}

TEST_CASE("2D kernels obey the mirror and 90-degree rotation symmetries of the square grid") {
    const Grid g{32, 32, 1};
    FftSolver solver(g, kGlass);
    const InfluenceKernels k(solver);
    double mirror = 0, rot = 0;
    for (int y = 0; y < g.ny; ++y)
        for (int x = 0; x < g.nx; ++x) {
            // Mirror x -> -x keeps B1 = diag(1,-1) and flips B2 = xy: sigma_xy changes sign
            // for B1, sigma_xx and sigma_yy change sign for B2.
            const SymTensor a1 = kernel_at(k, 0, x, y), m1 = kernel_at(k, 0, -x, y);
            const SymTensor a2 = kernel_at(k, 1, x, y), m2 = kernel_at(k, 1, -x, y);
            mirror = std::max({mirror, std::abs(a1.xx - m1.xx), std::abs(a1.xy + m1.xy),
                               std::abs(a2.xx + m2.xx), std::abs(a2.xy - m2.xy)});
            // Rotation by 90 degrees, (x, y) -> (-y, x), maps B1 to -B1, so
            // K1_xx(-y, x) = -K1_yy(x, y) and K1_xy(-y, x) = +K1_xy(x, y).
            const SymTensor r1 = kernel_at(k, 0, -y, x);
            rot = std::max({rot, std::abs(r1.xx + a1.yy), std::abs(r1.xy - a1.xy),
                            std::abs(r1.zz + a1.zz)});
        }
    CHECK(mirror < 1e-14);
    CHECK(rot < 1e-14);
}

TEST_CASE("self-stress opposes the eigenstrain (a transformed voxel is held back)") {
    for (const Grid g : {Grid{32, 32, 1}, Grid{12, 12, 12}}) {
        FftSolver solver(g, kGlass);
        const InfluenceKernels k(solver);
        for (int b = 0; b < k.basis_size(); ++b)
            CHECK(ddot(k.self_stress(b), deviatoric_basis(g.dim(), b)) < 0.0);
    }
}

#ifdef STZ_WITH_OPENMP
TEST_CASE("kernel updates are bit-identical for 1 and 2 threads") {
    const Grid g{130, 128, 1};  // above the size where updates go parallel
    FftSolver solver(g, kGlass);
    const InfluenceKernels k(solver);
    TensorField a(g), b(g);
    const std::array<double, 2> dc{0.03, -0.05};
    const int saved = omp_get_max_threads();
    omp_set_num_threads(1);
    for (std::size_t i : {5u, 700u, 16000u}) k.add_source(a, i, dc);
    omp_set_num_threads(2);
    for (std::size_t i : {5u, 700u, 16000u}) k.add_source(b, i, dc);
    omp_set_num_threads(saved);
    CHECK(rel_max_diff(a, b) == 0.0);
}
#endif
