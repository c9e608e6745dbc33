// Mixed boundary conditions: prescribed loading strain, the other mean stresses zero.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "stz/elasticity/fft_solver.hpp"
#include "stz/elasticity/mixed_bc.hpp"

using namespace stz;

namespace {
const IsotropicElasticity kGlass(69.46, 0.365);
const LoadingMode kModes[] = {LoadingMode::uniaxial_tension, LoadingMode::uniaxial_compression,
                              LoadingMode::pure_shear, LoadingMode::simple_shear};

/// Mean stress with the loading part removed: what the boundary condition must zero.
SymTensor off_loading_stress(const MeanFields& f, LoadingMode mode, int dim) {
    SymTensor s = f.stress;
    switch (mode) {
        case LoadingMode::uniaxial_tension:
        case LoadingMode::uniaxial_compression: (dim == 2 ? s.yy : s.zz) = 0; break;
        case LoadingMode::pure_shear: {
            const double t = 0.5 * (s.xx - s.yy);  // along (xx - yy): remove it
            s.xx -= t;
            s.yy += t;
            break;
        }
        case LoadingMode::simple_shear: s.xy = 0; break;
    }
    if (dim == 2) s.zz = 0;  // plane strain: sigma_zz is a reaction, not a condition
    return s;
}
}  // namespace

TEST_CASE("mixed boundary condition: free mean stresses vanish to 1e-12 for every mode") {
    std::mt19937_64 rng(5);
    std::normal_distribution<double> z(0.0, 0.02);
    for (int dim : {2, 3})
        for (LoadingMode mode : kModes) {
            const MixedBoundary bc(mode, dim, kGlass);
            for (int trial = 0; trial < 20; ++trial) {
                SymTensor eig{z(rng), z(rng), z(rng), z(rng), z(rng), z(rng)};
                if (dim == 2) eig.xz = eig.yz = 0;
                const double applied = z(rng);
                const MeanFields f = bc.solve(applied, eig);
                CAPTURE(dim);
                CAPTURE(to_string(mode));
                // Relative to the stresses involved (~E * 0.02 ~ 1 GPa).
                const double scale = norm(f.stress) + kGlass.young_modulus_GPa() * 0.02;
                CHECK(norm(off_loading_stress(f, mode, dim)) < 1e-12 * scale);
                CHECK(f.loading_strain == doctest::Approx(applied).epsilon(1e-13));
                if (dim == 2) CHECK((f.strain.zz == 0 && f.strain.xz == 0 && f.strain.yz == 0));
            }
        }
}

TEST_CASE("apparent moduli match the closed forms") {
    const double e = kGlass.young_modulus_GPa(), nu = kGlass.poisson_ratio();
    const double mu = kGlass.shear_modulus_GPa();
    CHECK(MixedBoundary(LoadingMode::uniaxial_tension, 3, kGlass).apparent_modulus_GPa() ==
          doctest::Approx(e).epsilon(1e-13));
    CHECK(MixedBoundary(LoadingMode::uniaxial_compression, 3, kGlass).apparent_modulus_GPa() ==
          doctest::Approx(e).epsilon(1e-13));
    // Plane strain uniaxial stress: E / (1 - nu^2).
    CHECK(MixedBoundary(LoadingMode::uniaxial_tension, 2, kGlass).apparent_modulus_GPa() ==
          doctest::Approx(e / (1 - nu * nu)).epsilon(1e-13));
    for (int dim : {2, 3}) {
        CHECK(MixedBoundary(LoadingMode::pure_shear, dim, kGlass).apparent_modulus_GPa() ==
              doctest::Approx(mu).epsilon(1e-13));
        CHECK(MixedBoundary(LoadingMode::simple_shear, dim, kGlass).apparent_modulus_GPa() ==
              doctest::Approx(mu).epsilon(1e-13));
    }
}

TEST_CASE("plastic strain along the load relaxes the stress (3D uniaxial: E (eps - p))") {
    // Deviatoric eigenstrain p (-1/2, -1/2, 1) with free lateral faces: sigma_zz = E (eps - p).
    const MixedBoundary bc(LoadingMode::uniaxial_tension, 3, kGlass);
    const double p = 0.004, eps = 0.02;
    const MeanFields f = bc.solve(eps, SymTensor{-p / 2, -p / 2, p, 0, 0, 0});
    CHECK(f.loading_stress == doctest::Approx(kGlass.young_modulus_GPa() * (eps - p)).epsilon(1e-13));
    // Compression reports positive strain and stress.
    const MeanFields c = MixedBoundary(LoadingMode::uniaxial_compression, 3, kGlass).solve(eps, {});
    CHECK(c.stress.zz < 0);
    CHECK(c.loading_stress == doctest::Approx(kGlass.young_modulus_GPa() * eps).epsilon(1e-13));
}

TEST_CASE("full field with the mixed-BC mean strain: field mean obeys the condition") {
    const Grid g{32, 28, 1};
    FftSolver solver(g, kGlass);
    TensorField eig(g), sig(g);
    std::mt19937_64 rng(9);
    std::normal_distribution<double> z(0.0, 0.05);
    for (std::size_t i = 0; i < g.size(); ++i) {
        const double a = z(rng);
        eig.set(i, SymTensor{a, -a, 0, 0, 0, z(rng)});
    }
    for (LoadingMode mode : kModes) {
        const MixedBoundary bc(mode, 2, kGlass);
        const MeanFields f = bc.solve(0.015, eig.mean());
        solver.stress(eig, f.strain, sig);
        const SymTensor m = sig.mean();
        CHECK(norm(m - f.stress) < 1e-12);
        MeanFields fm = f;
        fm.stress = m;
        CHECK(norm(off_loading_stress(fm, mode, 2)) < 1e-12);
    }
}
