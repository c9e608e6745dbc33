// Von Mises strain (003-eq 2): closed forms and invariants.
// Tolerances: closed forms are a handful of flops on O(1) numbers, so 1e-15 relative
// (a few ulp) is the round-off bound; rotations add ~20 flops per component, so 1e-14.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <vector>

#include "stz/core/sym_tensor.hpp"
#include "stz/observe/strain_measures.hpp"

using namespace stz;

namespace {

// R E R^T with R the rotation by angle t about the unit axis n (Rodrigues).
SymTensor rotate(const SymTensor& e, std::array<double, 3> n, double t) {
    const double c = std::cos(t), s = std::sin(t), v = 1 - c;
    const double r[3][3] = {
        {c + n[0] * n[0] * v, n[0] * n[1] * v - n[2] * s, n[0] * n[2] * v + n[1] * s},
        {n[1] * n[0] * v + n[2] * s, c + n[1] * n[1] * v, n[1] * n[2] * v - n[0] * s},
        {n[2] * n[0] * v - n[1] * s, n[2] * n[1] * v + n[0] * s, c + n[2] * n[2] * v}};
    double out[3][3] = {};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            for (int k = 0; k < 3; ++k)
                for (int l = 0; l < 3; ++l) out[i][j] += r[i][k] * e(k, l) * r[j][l];
    return {out[0][0], out[1][1], out[2][2], out[1][2], out[0][2], out[0][1]};
}

}  // namespace

TEST_CASE("von Mises strain of uniaxial strain e is e / sqrt(3)") {
    for (const double e : {1e-3, 0.05, -0.2}) {
        CHECK(von_mises_strain(SymTensor{e, 0, 0, 0, 0, 0}) ==
              doctest::Approx(std::abs(e) / std::sqrt(3.0)).epsilon(1e-15));
        CHECK(von_mises_strain(SymTensor{0, 0, e, 0, 0, 0}) ==
              doctest::Approx(std::abs(e) / std::sqrt(3.0)).epsilon(1e-15));
    }
}

TEST_CASE("von Mises strain of a pure shear is its tensor shear component") {
    // Simple shear with tensor component g (engineering strain 2g) in each plane.
    const double g = 0.037;
    CHECK(von_mises_strain(SymTensor{0, 0, 0, 0, 0, g}) == doctest::Approx(g).epsilon(1e-15));
    CHECK(von_mises_strain(SymTensor{0, 0, 0, 0, g, 0}) == doctest::Approx(g).epsilon(1e-15));
    CHECK(von_mises_strain(SymTensor{0, 0, 0, g, 0, 0}) == doctest::Approx(g).epsilon(1e-15));
    // The same shear in its principal axes: diag(g, -g, 0).
    CHECK(von_mises_strain(SymTensor{g, -g, 0, 0, 0, 0}) == doctest::Approx(g).epsilon(1e-15));
}

TEST_CASE("von Mises strain of the 2D eigenstrain [[e1, e3], [e3, -e1]] is sqrt(e1^2 + e3^2)") {
    const double cases[][2] = {{0.07, 0.0}, {0.0, -0.07}, {0.03, -0.05}, {-0.11, 0.02}};
    for (const auto& c : cases) {
        const SymTensor eig{c[0], -c[0], 0, 0, 0, c[1]};
        CHECK(von_mises_strain(eig) == doctest::Approx(std::hypot(c[0], c[1])).epsilon(1e-15));
    }
}

TEST_CASE("von Mises strain ignores the volumetric part") {
    CHECK(von_mises_strain(SymTensor{0.01, 0.01, 0.01, 0, 0, 0}) == 0.0);  // exactly
    const SymTensor e{0.02, -0.01, 0.004, 0.003, -0.006, 0.015};
    const SymTensor p{0.05, 0.05, 0.05, 0, 0, 0};
    CHECK(von_mises_strain(e + p) == doctest::Approx(von_mises_strain(e)).epsilon(1e-14));
}

TEST_CASE("von Mises strain is sqrt(J2), rotation invariant, and 1/sqrt(3) of the stress form") {
    const SymTensor e{0.02, -0.01, 0.004, 0.003, -0.006, 0.015};
    const SymTensor d = e.deviator();
    const double ev = von_mises_strain(e);
    CHECK(ev == doctest::Approx(std::sqrt(0.5 * ddot(d, d))).epsilon(1e-14));
    // The library's von Mises stress sqrt(3/2 s:s) applied to the same tensor.
    CHECK(von_mises_stress(e) == doctest::Approx(std::sqrt(3.0) * ev).epsilon(1e-14));
    const double k = 1 / std::sqrt(14.0);
    CHECK(von_mises_strain(rotate(e, {1 * k, 2 * k, 3 * k}, 0.7)) ==
          doctest::Approx(ev).epsilon(1e-14));
    CHECK(von_mises_strain(rotate(e, {0, 0, 1}, -2.1)) == doctest::Approx(ev).epsilon(1e-14));
}

TEST_CASE("von Mises strain of a span matches the scalar form element by element") {
    const std::vector<SymTensor> f{{0.01, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0.02}, {}};
    const std::vector<double> v = von_mises_strain(std::span<const SymTensor>(f));
    REQUIRE(v.size() == 3);
    for (std::size_t i = 0; i < f.size(); ++i) CHECK(v[i] == von_mises_strain(f[i]));
}
