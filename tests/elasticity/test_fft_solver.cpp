// Closed-form checks of the full FFT solve (MODEL.md §3) on small grids.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include "stz/elasticity/fft_solver.hpp"

#ifdef STZ_WITH_OPENMP
#include <omp.h>
#endif

using namespace stz;

namespace {
const IsotropicElasticity kGlass(69.46, 0.365);  // seed Table 1

TensorField random_eigenstrain(const Grid& g, unsigned seed, bool with_trace) {
    // Plastic-like (traceless; in-plane in 2D) or general (with dilatation) eigenstrains.
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> z(0.0, 0.05);
    TensorField f(g);
    for (std::size_t i = 0; i < g.size(); ++i) {
        SymTensor t;
        if (g.dim() == 2) {
            const double a = z(rng), b = z(rng), c = z(rng), d = z(rng);
            t = with_trace ? SymTensor{a, b, c, 0, 0, d} : SymTensor{a, -a, 0, 0, 0, d};
        } else {
            t = SymTensor{z(rng), z(rng), z(rng), z(rng), z(rng), z(rng)};
            if (!with_trace) t = t.deviator();
        }
        f.set(i, t);
    }
    return f;
}

}  // namespace

TEST_CASE("a uniform eigenstrain causes no fluctuation stress (2D and 3D)") {
    for (const Grid g : {Grid{32, 24, 1}, Grid{12, 10, 8}}) {
        FftSolver solver(g, kGlass);
        TensorField eig(g), sig(g);
        const SymTensor e = g.dim() == 2 ? SymTensor{0.01, -0.004, 0.002, 0, 0, 0.03}
                                         : SymTensor{0.01, -0.004, 0.002, 0.005, -0.02, 0.03};
        for (std::size_t i = 0; i < g.size(); ++i) eig.set(i, e);
        solver.fluctuation_stress(eig, sig);
        // Round-off of a transform of a constant: ~1e-16 relative to |C:e| ~ 1 GPa.
        CHECK(sig.max_abs() < 1e-12);
        // With zero mean strain the stress is -C:e everywhere.
        solver.stress(eig, SymTensor{}, sig);
        const SymTensor expect = kGlass.stress(e) * -1.0;
        CHECK(norm(sig.at(7) - expect) < 1e-12);
    }
}

TEST_CASE("laminate: eigenstrain varying along x only gives the exact 1D solution") {
    // eps*_yy = f(x): compatibility and equilibrium force sigma_xx = 0 and
    // sigma_yy = -4 mu (lambda + mu) / (lambda + 2 mu) f(x) for zero-mean f, pointwise.
    const double lam = kGlass.lame_lambda_GPa(), mu = kGlass.shear_modulus_GPa();
    for (const Grid g : {Grid{64, 8, 1}, Grid{32, 4, 6}}) {
        FftSolver solver(g, kGlass);
        TensorField eig(g), sig(g);
        for (std::size_t i = 0; i < g.size(); ++i) {
            const double x = double(i % g.nx);
            const double f = 0.01 * std::sin(2 * std::numbers::pi * 3 * x / g.nx) +
                             0.004 * std::cos(2 * std::numbers::pi * 5 * x / g.nx);
            eig.set(i, SymTensor{0, f, 0, 0, 0, 0});
        }
        solver.fluctuation_stress(eig, sig);
        double err = 0;
        for (std::size_t i = 0; i < g.size(); ++i) {
            const SymTensor s = sig.at(i);
            const double f = eig.at(i).yy;
            err = std::max({err, std::abs(s.xx), std::abs(s.xy), std::abs(s.xz),
                            std::abs(s.yy + 4 * mu * (lam + mu) / (lam + 2 * mu) * f)});
        }
        CHECK(err < 1e-12);  // spectral solution is exact for band-limited f
    }
}

TEST_CASE("elastic energy identity W = -1/2 <sigma : eps*> at zero mean strain") {
    // <sigma : eps~> = 0 for a compatible, zero-mean eps~ and a divergence-free sigma, so
    // 1/2 <sigma : C^-1 : sigma> = 1/2 <sigma : (eps~ - eps*)> = -1/2 <sigma : eps*>.
    for (const Grid g : {Grid{48, 40, 1}, Grid{16, 12, 10}}) {
        for (bool with_trace : {false, true}) {
            FftSolver solver(g, kGlass);
            const TensorField eig = random_eigenstrain(g, 7, with_trace);
            TensorField sig(g);
            solver.stress(eig, SymTensor{}, sig);
            double w = 0, work = 0;
            for (std::size_t i = 0; i < g.size(); ++i) {
                w += kGlass.energy_density_GPa(sig.at(i));
                work += -0.5 * ddot(sig.at(i), eig.at(i));
            }
            CAPTURE(g.dim());
            CAPTURE(with_trace);
            CHECK(w > 0);
            CHECK(std::abs(w - work) <= 1e-10 * std::abs(w));
        }
    }
}

TEST_CASE("stress field is divergence-free in Fourier sense: mean-free fluctuation") {
    const Grid g{40, 36, 1};
    FftSolver solver(g, kGlass);
    const TensorField eig = random_eigenstrain(g, 11, true);
    TensorField sig(g);
    solver.fluctuation_stress(eig, sig);
    const SymTensor m = sig.mean();
    CHECK(norm(m) < 1e-13);
}

#ifdef STZ_WITH_OPENMP
namespace {
double max_abs_diff(const TensorField& a, const TensorField& b) {
    double m = 0;
    for (int s = 0; s < a.stored_components(); ++s)
        for (std::size_t i = 0; i < a.size(); ++i)
            m = std::max(m, std::abs(a.slot(s)[i] - b.slot(s)[i]));
    return m;
}
}  // namespace

TEST_CASE("full solve is bit-identical for 1 and 2 threads") {
    const Grid g{72, 64, 1};  // above the size where the solver goes parallel
    const TensorField eig = random_eigenstrain(g, 3, false);
    TensorField a(g), b(g);
    const int saved = omp_get_max_threads();
    omp_set_num_threads(1);
    {
        FftSolver s(g, kGlass);
        s.fluctuation_stress(eig, a);
    }
    omp_set_num_threads(2);
    {
        FftSolver s(g, kGlass);
        s.fluctuation_stress(eig, b);
    }
    omp_set_num_threads(saved);
    CHECK(max_abs_diff(a, b) == 0.0);
}
#endif
