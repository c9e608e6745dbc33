#include <doctest/doctest.h>

#include <vector>

#include "stz/elasticity/eigen_basis.hpp"

using namespace stz;

TEST_CASE("deviatoric basis: traceless, orthogonal, B:B = 2 (MODEL.md §2)") {
    for (int dim : {2, 3}) {
        const int nb = deviatoric_basis_size(dim);
        for (int a = 0; a < nb; ++a) {
            const SymTensor ba = deviatoric_basis(dim, a);
            CHECK(ba.trace() == doctest::Approx(0.0).epsilon(1e-15));
            if (dim == 2) CHECK((ba.zz == 0 && ba.xz == 0 && ba.yz == 0));
            for (int b = 0; b < nb; ++b) {
                const double d = ddot(ba, deviatoric_basis(dim, b));
                CHECK(d == doctest::Approx(a == b ? 2.0 : 0.0).epsilon(1e-15));
            }
        }
    }
}

TEST_CASE("coefficients round trip through the basis") {
    for (int dim : {2, 3}) {
        std::vector<double> c = {0.3, -1.2, 0.7, 2.0, -0.4};
        c.resize(deviatoric_basis_size(dim));
        const SymTensor t = from_deviatoric_coefficients(dim, c);
        const auto back = deviatoric_coefficients(dim, t);
        for (std::size_t b = 0; b < c.size(); ++b) CHECK(back[b] == doctest::Approx(c[b]));
    }
    // The 2D eigenstrain [[e1, e3], [e3, -e1]] of 003-eq 4 has coefficients (e1, e3).
    const auto c2 = deviatoric_coefficients(2, SymTensor{0.05, -0.05, 0, 0, 0, 0.02});
    CHECK(c2[0] == doctest::Approx(0.05));
    CHECK(c2[1] == doctest::Approx(0.02));
}
