#include <doctest/doctest.h>

#include "stz/core/error.hpp"
#include "stz/elasticity/isotropic.hpp"

using namespace stz;

TEST_CASE("isotropic moduli from E and nu (seed Table 1 values)") {
    const IsotropicElasticity m(69.46, 0.365);
    CHECK(m.shear_modulus_GPa() == doctest::Approx(69.46 / (2 * 1.365)).epsilon(1e-14));
    CHECK(m.lame_lambda_GPa() == doctest::Approx(69.46 * 0.365 / (1.365 * 0.27)).epsilon(1e-14));
    CHECK(m.bulk_modulus_GPa() == doctest::Approx(69.46 / (3 * 0.27)).epsilon(1e-14));
}

TEST_CASE("Hooke's law and its inverse are inverse to round-off") {
    const IsotropicElasticity m(69.46, 0.365);
    const SymTensor eps{1e-3, -2e-3, 5e-4, 3e-4, -7e-4, 2e-3};
    const SymTensor back = m.strain(m.stress(eps));
    CHECK(norm(back - eps) < 1e-15 * 10);
    // Uniaxial stress: eps_xx = s/E, lateral -nu s/E.
    const SymTensor e1 = m.strain(SymTensor{1.0, 0, 0, 0, 0, 0});
    CHECK(e1.xx == doctest::Approx(1.0 / 69.46));
    CHECK(e1.yy == doctest::Approx(-0.365 / 69.46));
}

TEST_CASE("invalid elastic constants are rejected") {
    CHECK_THROWS_AS(IsotropicElasticity(-1.0, 0.3), Error);
    CHECK_THROWS_AS(IsotropicElasticity(0.0, 0.3), Error);
    CHECK_THROWS_AS(IsotropicElasticity(70.0, 0.5), Error);
    CHECK_THROWS_AS(IsotropicElasticity(70.0, -1.0), Error);
}
