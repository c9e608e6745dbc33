// Field metrics (003 sec. 3.2; 000 eqs 1-2) on hand-made fields.
// Tolerances: the hand-computed fields use O(1) decimals that are not exact in binary, so
// results agree to a few ulp of the sums: 1e-14 relative. Constant fields are exact
// (std_dev == 0 is part of the contract).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "stz/core/error.hpp"
#include "stz/core/grid.hpp"
#include "stz/observe/field_metrics.hpp"

using namespace stz;

namespace {
std::vector<std::uint8_t> none(const Grid& g) {
    return std::vector<std::uint8_t>(g.size(), 0);
}
}  // namespace

TEST_CASE("a uniform field has zero spread: std 0, Psi 0, skewness NaN") {
    const Grid g{4, 3, 1};
    const std::vector<double> a(g.size(), 0.3);
    const FieldMetrics m = field_metrics(g, a, none(g), 0.7);
    CHECK(m.voxels == 12);
    CHECK(m.mean == 0.3);
    CHECK(m.std_dev == 0.0);
    CHECK(m.psi == 0.0);
    CHECK(std::isnan(m.skewness));
    CHECK(m.max == 0.3);
    CHECK(m.extreme_sites == 0);
    CHECK(m.extreme_fraction == 0.0);
    CHECK(m.plastic_voxels == 0);
    CHECK(m.largest_cluster == 0);
    CHECK(std::isnan(m.cluster_fraction));
}

TEST_CASE("a zero field has an undefined Psi and skewness") {
    const Grid g{3, 3, 1};
    const FieldMetrics m = field_metrics(g, std::vector<double>(g.size(), 0.0), none(g), 0.7);
    CHECK(m.mean == 0.0);
    CHECK(m.std_dev == 0.0);
    CHECK(std::isnan(m.psi));
    CHECK(std::isnan(m.skewness));
}

TEST_CASE("two-valued field: mean, std, Psi, skewness by hand") {
    // 8 voxels at 0.1 and 2 at 0.6 (p = 0.2):
    //   <a> = (0.8 + 1.2) / 10 = 0.2
    //   deviations -0.1 (x8), +0.4 (x2): var = (8 * 0.01 + 2 * 0.16) / 10 = 0.04, std = 0.2
    //   Psi = std / <a> = 1
    //   m3 = (8 * -0.001 + 2 * 0.064) / 10 = 0.012, skewness = 0.012 / 0.2^3 = 1.5
    //   (= (1 - 2p) / sqrt(p (1 - p)) for a two-point distribution).
    const Grid g{5, 2, 1};
    std::vector<double> a(g.size(), 0.1);
    a[3] = 0.6;
    a[7] = 0.6;
    const FieldMetrics m = field_metrics(g, a, none(g), 0.5);
    CHECK(m.mean == doctest::Approx(0.2).epsilon(1e-14));
    CHECK(m.std_dev == doctest::Approx(0.2).epsilon(1e-14));
    CHECK(m.psi == doctest::Approx(1.0).epsilon(1e-14));
    CHECK(m.skewness == doctest::Approx(1.5).epsilon(1e-14));
    CHECK(m.max == 0.6);
    CHECK(m.extreme_sites == 2);
    CHECK(m.extreme_fraction == doctest::Approx(0.2).epsilon(1e-15));

    // Mirrored (8 high, 2 low): same spread, skewness changes sign.
    std::vector<double> b(g.size(), 0.6);
    b[0] = 0.1;
    b[9] = 0.1;
    const FieldMetrics mb = field_metrics(g, b, none(g), 0.5);
    CHECK(mb.mean == doctest::Approx(0.5).epsilon(1e-14));
    CHECK(mb.std_dev == doctest::Approx(0.2).epsilon(1e-14));
    CHECK(mb.psi == doctest::Approx(0.4).epsilon(1e-14));
    CHECK(mb.skewness == doctest::Approx(-1.5).epsilon(1e-14));
    CHECK(mb.extreme_sites == 8);
}

TEST_CASE("extreme sites are counted strictly above the threshold (003: 0.7)") {
    const Grid g{4, 1, 1};
    const std::vector<double> a{0.69, 0.7, 0.7000001, 1.3};
    CHECK(field_metrics(g, a, none(g)).extreme_sites == 2);  // default threshold 0.7
    CHECK(field_metrics(g, a, none(g), 0.0).extreme_sites == 4);
    CHECK(field_metrics(g, a, none(g), 1.3).extreme_sites == 0);
    CHECK(field_metrics(g, a, none(g), 0.7).extreme_fraction == 0.5);
}

TEST_CASE("moments of a field with a large mean keep their accuracy (two-pass, compensated)") {
    // 100000 voxels alternating 1e8 and 1e8 + 1: mean 1e8 + 0.5, std 0.5 exactly, skewness 0.
    // The one-pass formula sum a^2 / N - <a>^2 would lose all digits here (1e16 - 1e16).
    // Tolerance 1e-9 relative on std: the deviations are exact, only the sums round.
    const Grid g{400, 250, 1};
    std::vector<double> a(g.size());
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = 1e8 + double(i % 2);
    const FieldMetrics m = field_metrics(g, a, none(g), 0.7);
    CHECK(m.mean == 1e8 + 0.5);
    CHECK(m.std_dev == doctest::Approx(0.5).epsilon(1e-9));
    CHECK(std::abs(m.skewness) < 1e-9);
    CHECK(m.psi == doctest::Approx(0.5 / (1e8 + 0.5)).epsilon(1e-9));
}

TEST_CASE("plastic voxels, largest cluster and their ratio") {
    // 6x4 grid: a 3-voxel bar, a 2-voxel pair wrapping in x, one lone voxel -> S_all = 6,
    // S_max = 3, S_max / S_all = 0.5.
    const Grid g{6, 4, 1};
    std::vector<std::uint8_t> p(g.size(), 0);
    p[g.index(1, 1)] = p[g.index(2, 1)] = p[g.index(3, 1)] = 1;
    p[g.index(5, 3)] = p[g.index(0, 3)] = 1;
    p[g.index(4, 2)] = 7;  // any non-zero value flags a voxel
    const FieldMetrics m = field_metrics(g, std::vector<double>(g.size(), 0.1), p, 0.7);
    CHECK(m.plastic_voxels == 6);
    CHECK(m.largest_cluster == 3);
    CHECK(m.cluster_fraction == 0.5);
}

TEST_CASE("field_metrics rejects fields that do not match the grid or are not finite") {
    const Grid g{3, 2, 1};
    const std::vector<double> a(g.size(), 0.1);
    CHECK_THROWS_AS((void)field_metrics(g, std::vector<double>(5, 0.1), none(g), 0.7), Error);
    CHECK_THROWS_AS((void)field_metrics(g, a, std::vector<std::uint8_t>(7, 0), 0.7), Error);
    CHECK_THROWS_AS((void)field_metrics(Grid{0, 2, 1}, {}, {}, 0.7), Error);
    CHECK_THROWS_AS((void)field_metrics(g, a, none(g), std::nan("")), Error);
    std::vector<double> bad = a;
    bad[4] = std::nan("");
    CHECK_THROWS_WITH_AS((void)field_metrics(g, bad, none(g), 0.7), doctest::Contains("voxel 4"),
                         Error);
    bad[4] = INFINITY;
    CHECK_THROWS_AS((void)field_metrics(g, bad, none(g), 0.7), Error);
}
