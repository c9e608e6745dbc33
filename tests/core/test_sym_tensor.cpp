#include <doctest/doctest.h>

#include "stz/core/sym_tensor.hpp"

using stz::SymTensor;

TEST_CASE("ddot counts each off-diagonal pair twice") {
    const SymTensor a{1, 2, 3, 4, 5, 6};
    const SymTensor b{1, 1, 1, 1, 1, 1};
    CHECK(stz::ddot(a, b) == doctest::Approx(1 + 2 + 3 + 2 * (4 + 5 + 6)));
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) CHECK(a(i, j) == a(j, i));
    CHECK(a(0, 1) == 6);
    CHECK(a(0, 2) == 5);
    CHECK(a(1, 2) == 4);
}

TEST_CASE("von Mises stress of uniaxial and pure shear states") {
    // Uniaxial stress s: sigma_vm = |s|; pure shear tau: sigma_vm = sqrt(3) tau (closed forms).
    CHECK(stz::von_mises_stress(SymTensor{2.5, 0, 0, 0, 0, 0}) == doctest::Approx(2.5));
    CHECK(stz::von_mises_stress(SymTensor{0, 0, 0, 0, 0, 1.0}) == doctest::Approx(std::sqrt(3.0)));
    // A hydrostatic stress has no von Mises part.
    CHECK(stz::von_mises_stress(SymTensor{3, 3, 3, 0, 0, 0}) == doctest::Approx(0.0));
}

TEST_CASE("voigt round trip and arithmetic") {
    const SymTensor a{1, 2, 3, 4, 5, 6};
    CHECK(SymTensor::from_voigt(a.voigt()) == a);
    const SymTensor c = 2.0 * a - a;
    CHECK(c == a);
    CHECK(a.deviator().trace() == doctest::Approx(0.0).epsilon(1e-15));
}
