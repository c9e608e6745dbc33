// Resolved inclusions against Eshelby's closed forms (MODEL.md §3): interior stress within
// 2 %, and the exterior field of the circular inclusion.
//
// Discretisation: the inclusion is the set of voxels whose centre lies within radius a of
// the centre; the spectral solution of that staircase shape rings (Gibbs) near the
// interface, so the interior is averaged over r < a/2 and the exterior is sampled at
// r >= 2 a (at 1.5 a the staircase still shows: ~6 % of the interior stress). Outside, the
// closed form uses the radius of the disc with the staircase's area (the far field is set
// by the inclusion's area); it differs from a by < 1 %.
// Images: the cell is periodic and >= 8 radii wide; with zero mean stress (E = <eps*>)
// the image and mean-field corrections are of order the volume fraction (< 1 %).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "stz/elasticity/eshelby_analytic.hpp"
#include "stz/elasticity/fft_solver.hpp"

using namespace stz;

namespace {
const IsotropicElasticity kGlass(69.46, 0.365);

/// Whether voxel i's centre lies within radius a of the grid centre.
bool inside(const Grid& g, double a, std::size_t i) {
    const int x = int(i % g.nx), y = int((i / g.nx) % g.ny), z = int(i / (std::size_t(g.nx) * g.ny));
    const double dz = g.dim() == 3 ? z - g.nz / 2 : 0.0;
    return std::hypot(x - g.nx / 2, y - g.ny / 2, dz) <= a;
}

/// Inclusion of radius a (voxels) centred at the middle of the grid; returns the solved
/// stress at zero mean stress (mean strain = mean eigenstrain, i.e. free boundaries).
TensorField solve_inclusion(const Grid& g, double a, const SymTensor& e) {
    TensorField eig(g), sig(g);
    for (std::size_t i = 0; i < g.size(); ++i)
        if (inside(g, a, i)) eig.set(i, e);
    FftSolver solver(g, kGlass);
    SymTensor mean = eig.mean();
    if (g.dim() == 2) mean.zz = 0;  // plane strain: E_zz = 0 (eps* has no zz here)
    solver.stress(eig, mean, sig);
    return sig;
}

SymTensor interior_average(const TensorField& sig, double a) {
    const Grid& g = sig.grid();
    const double cx = g.nx / 2, cy = g.ny / 2, cz = g.nz / 2;
    SymTensor sum;
    int n = 0;
    for (int z = 0; z < g.nz; ++z)
        for (int y = 0; y < g.ny; ++y)
            for (int x = 0; x < g.nx; ++x) {
                const double dz = g.dim() == 3 ? z - cz : 0.0;
                if (std::hypot(x - cx, y - cy, dz) < 0.5 * a) {
                    sum += sig.at(g.index(x, y, z));
                    ++n;
                }
            }
    return sum * (1.0 / n);
}
}  // namespace

TEST_CASE("circular inclusion (plane strain, a = 16, 512^2): interior and exterior fields") {
    const Grid g{512, 512, 1};
    const double a = 16;
    for (const SymTensor e : {SymTensor{0, 0, 0, 0, 0, 0.01}, SymTensor{0.01, -0.01, 0, 0, 0, 0},
                              SymTensor{0.006, -0.006, 0, 0, 0, -0.008}}) {
        const TensorField sig = solve_inclusion(g, a, e);
        const SymTensor expect = circular_inclusion_interior_stress(kGlass, e);
        const SymTensor got = interior_average(sig, a);
        const double scale = norm(expect);
        CAPTURE(got.xx);
        CAPTURE(got.xy);
        CAPTURE(expect.xx);
        CAPTURE(expect.xy);
        CHECK(norm(got - expect) < 0.02 * scale);  // MODEL.md: within 2 %

        // Exterior: Eshelby's field at r/a = 2, 3, 4 on 16 directions. The error is measured
        // against the amplitude |s| = mu |e| / (2 (1 - nu)) of the interior stress, the
        // field's natural scale; measured worst: 1.4 % at 512^2, 0.9 % at 1024^2.
        int count = 0;
        for (std::size_t i = 0; i < g.size(); ++i) count += inside(g, a, i);
        const double a_eff = std::sqrt(count / std::numbers::pi);
        const double amp = norm(expect) / std::sqrt(2.0);
        double worst = 0;
        for (double ra : {2.0, 3.0, 4.0})
            for (int k = 0; k < 16; ++k) {
                const double th = 2 * std::numbers::pi * k / 16;
                const double r = ra * a;
                // Sample at the voxel nearest the point, and compare at that voxel's own r, theta.
                const int x = int(std::lround(g.nx / 2 + r * std::cos(th)));
                const int y = int(std::lround(g.ny / 2 + r * std::sin(th)));
                const double rx = x - g.nx / 2, ry = y - g.ny / 2;
                const double rr = std::hypot(rx, ry), tt = std::atan2(ry, rx);
                const PolarStress num = to_polar(sig.at(g.index(x, y)), tt);
                const PolarStress ana = circular_inclusion_stress(kGlass, e, a_eff, rr, tt);
                worst = std::max({worst, std::abs(num.rr - ana.rr), std::abs(num.tt - ana.tt),
                                  std::abs(num.rt - ana.rt), std::abs(num.zz - ana.zz)});
            }
        CAPTURE(worst / amp);
        CHECK(worst < 0.02 * amp);
    }
}

TEST_CASE("spherical inclusion (a = 16, 128^3): interior stress within 2 %") {
    const Grid g{128, 128, 128};
    const double a = 16;
    for (const SymTensor e : {SymTensor{0, 0, 0, 0, 0, 0.01}, SymTensor{0.004, 0.003, -0.007, 0.002, 0, 0}}) {
        const TensorField sig = solve_inclusion(g, a, e);
        const SymTensor expect = spherical_inclusion_interior_stress(kGlass, e);
        const SymTensor got = interior_average(sig, a);
        CAPTURE(got.xy);
        CAPTURE(expect.xy);
        CHECK(norm(got - expect) < 0.02 * norm(expect));
    }
}
