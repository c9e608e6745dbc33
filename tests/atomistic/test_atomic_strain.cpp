// Atomic strain and D2min (OVITO's definitions) against exact affine deformations and an
// independent brute-force implementation; invalid atoms; wrapping independence; clusters.
#include <doctest/doctest.h>

#include "atom_test_util.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "stz/atom/atomic_strain.hpp"
#include "stz/core/error.hpp"

using namespace stz::atom;
using stz::test::error_of;

namespace {

double uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

Atoms empty_atoms(const Box& box) {
    Atoms a;
    a.box = box;
    a.species = {{"Cu", 63.546}};
    return a;
}

Box tilted(double lx, double ly, double lz, double xy, double xz, double yz, Vec3 lo = {-1.0, 0.5, 2.0}) {
    Box b = Box::orthogonal(lo, lx, ly, lz);
    b.xy = xy;
    b.xz = xz;
    b.yz = yz;
    return b;
}

/// fcc sites (4 per cubic cell, `cells` cells per edge) in fractional coordinates of `box`,
/// each moved by up to `noise` Å in every direction. Positions are not wrapped.
Atoms fcc(const Box& box, int cells, double noise, std::mt19937_64& rng) {
    Atoms a = empty_atoms(box);
    const double basis[4][3] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
    for (int i = 0; i < cells; ++i)
        for (int j = 0; j < cells; ++j)
            for (int k = 0; k < cells; ++k)
                for (const auto& b : basis) {
                    const Vec3 s{(i + b[0]) / cells, (j + b[1]) / cells, (k + b[2]) / cells};
                    const Vec3 jitter{noise * (2 * uniform(rng) - 1), noise * (2 * uniform(rng) - 1),
                                      noise * (2 * uniform(rng) - 1)};
                    a.add(0, box.from_fractional(s) + jitter);
                }
    return a;
}

using M3 = std::array<std::array<double, 3>, 3>;

Vec3 mul(const M3& m, const Vec3& v) {
    return {m[0][0] * v.x + m[0][1] * v.y + m[0][2] * v.z, m[1][0] * v.x + m[1][1] * v.y + m[1][2] * v.z,
            m[2][0] * v.x + m[2][1] * v.y + m[2][2] * v.z};
}

/// The box and atoms mapped by an upper-triangular F (which keeps LAMMPS's cell form):
/// H' = F H, x' = lo' + F (x - lo).
Atoms deform(const Atoms& a, const M3& F, Vec3 new_lo) {
    Atoms b = a;
    const Box& o = a.box;
    const Vec3 A = mul(F, o.a()), B = mul(F, o.b()), C = mul(F, o.c());
    b.box = tilted(A.x, B.y, C.z, B.x, C.x, C.y, new_lo);
    for (std::size_t i = 0; i < a.size(); ++i) b.x[i] = new_lo + mul(F, a.x[i] - o.lo);
    return b;
}

struct Strain {
    double eta, vol;
    std::array<double, 6> e;  // xx yy zz xy xz yz
};
Strain strain_of(const M3& F) {
    M3 E{};
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) {
            double s = 0;
            for (int k = 0; k < 3; ++k) s += F[k][r] * F[k][c];
            E[r][c] = 0.5 * (s - (r == c ? 1.0 : 0.0));
        }
    const double xx = E[0][0], yy = E[1][1], zz = E[2][2], xy = E[0][1], xz = E[0][2], yz = E[1][2];
    return {std::sqrt(xy * xy + xz * xz + yz * yz + ((xx - yy) * (xx - yy) + (xx - zz) * (xx - zz) + (yy - zz) * (yy - zz)) / 6),
            (xx + yy + zz) / 3,
            {xx, yy, zz, xy, xz, yz}};
}


/// Independent O(N² · images) implementation straight from the definitions: positions as
/// given (image flags all zero), neighbour images n in [-2, 2]³ translated by each cell.
struct Brute {
    std::vector<double> d2min, eta;
    std::vector<M3> F;
};
Brute brute_force(const Atoms& r, const Atoms& c, double rc) {
    Brute out;
    const std::size_t n = r.size();
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<std::pair<Vec3, Vec3>> pairs;  // (d0, d)
        for (std::size_t j = 0; j < n; ++j)
            for (int a = -2; a <= 2; ++a)
                for (int b = -2; b <= 2; ++b)
                    for (int k = -2; k <= 2; ++k) {
                        if (j == i && a == 0 && b == 0 && k == 0) continue;
                        const Vec3 nn{double(a), double(b), double(k)};
                        const Vec3 d0 = r.x[j] + r.box.h_times(nn) - r.x[i];
                        if (dot(d0, d0) >= rc * rc) continue;
                        pairs.push_back({d0, c.x[j] + c.box.h_times(nn) - c.x[i]});
                    }
        M3 V{}, W{};
        for (const auto& [d0, d] : pairs)
            for (int p = 0; p < 3; ++p)
                for (int q = 0; q < 3; ++q) {
                    V[p][q] += d0[p] * d0[q];
                    W[p][q] += d[p] * d0[q];
                }
        // V⁻¹ by cofactors.
        const double det = V[0][0] * (V[1][1] * V[2][2] - V[1][2] * V[2][1]) -
                           V[0][1] * (V[1][0] * V[2][2] - V[1][2] * V[2][0]) +
                           V[0][2] * (V[1][0] * V[2][1] - V[1][1] * V[2][0]);
        M3 Vi{};
        for (int p = 0; p < 3; ++p)
            for (int q = 0; q < 3; ++q) {
                const int p1 = (q + 1) % 3, p2 = (q + 2) % 3, q1 = (p + 1) % 3, q2 = (p + 2) % 3;
                Vi[p][q] = (V[p1][q1] * V[p2][q2] - V[p1][q2] * V[p2][q1]) / det;
            }
        M3 F{};
        for (int p = 0; p < 3; ++p)
            for (int q = 0; q < 3; ++q)
                for (int k = 0; k < 3; ++k) F[p][q] += W[p][k] * Vi[k][q];
        double d2 = 0;
        for (const auto& [d0, d] : pairs) {
            const Vec3 res = mul(F, d0) - d;
            d2 += dot(res, res);
        }
        out.d2min.push_back(d2);
        out.eta.push_back(strain_of(F).eta);
        out.F.push_back(F);
    }
    return out;
}

}  // namespace

TEST_CASE("homogeneous deformation of a triclinic fcc crystal: F exact, D2min zero") {
    std::mt19937_64 rng(11);
    const Atoms ref = fcc(tilted(10.8, 10.8, 10.8, 1.1, 0.6, -0.7), 3, 0.15, rng);
    const M3 F{{{1.02, 0.05, -0.03}, {0.0, 0.98, 0.04}, {0.0, 0.0, 1.01}}};
    const Atoms cur = deform(ref, F, {3.0, -2.0, 0.25});
    const AtomicStrain s = atomic_strain(ref, cur, {});
    const Strain want = strain_of(F);
    CHECK(s.invalid_count == 0);
    for (std::size_t i = 0; i < ref.size(); ++i) {
        // F = W V⁻¹ of exact affine data: round-off of a 3x3 solve with O(1) condition, 1e-10.
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 3; ++c) CHECK(std::abs(s.deformation_gradient[i][std::size_t(3 * r + c)] - F[r][c]) < 1e-10);
        for (std::size_t k = 0; k < 6; ++k) CHECK(std::abs(s.strain[i][k] - want.e[k]) < 1e-10);
        CHECK(std::abs(s.shear[i] - want.eta) < 1e-10);
        CHECK(std::abs(s.volumetric[i] - want.vol) < 1e-10);
        // Residuals are round-off (~1e-15 Å) squared and summed over ~40 neighbours.
        CHECK(s.d2min_A2[i] < 1e-18);
        CHECK(s.neighbor_count[i] >= 12);
    }
}

TEST_CASE("matches an independent brute-force implementation on non-affine motion in a small box") {
    // 2x2x2 fcc cells (7.2 Å) with a 3.8 Å cutoff: wider than half the box, so atoms see
    // several images of one neighbour and of themselves.
    std::mt19937_64 rng(5);
    const Atoms ref = fcc(tilted(7.2, 7.4, 7.0, 0.8, -0.5, 0.6), 2, 0.12, rng);
    const M3 F{{{1.01, -0.04, 0.02}, {0.0, 1.03, -0.05}, {0.0, 0.0, 0.97}}};
    Atoms cur = deform(ref, F, {0.0, 0.0, 0.0});
    for (auto& x : cur.x) x += Vec3{0.2 * (2 * uniform(rng) - 1), 0.2 * (2 * uniform(rng) - 1), 0.2 * (2 * uniform(rng) - 1)};
    AtomicStrainSettings set;
    set.cutoff_A = 3.8;
    const AtomicStrain s = atomic_strain(ref, cur, set);
    const Brute b = brute_force(ref, cur, set.cutoff_A);
    CHECK(s.invalid_count == 0);
    double max_d2 = 0;
    for (std::size_t i = 0; i < ref.size(); ++i) {
        // Same sums in another order and another route (fractional vs Cartesian): 1e-10.
        CHECK(std::abs(s.d2min_A2[i] - b.d2min[i]) < 1e-10);
        CHECK(std::abs(s.shear[i] - b.eta[i]) < 1e-10);
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 3; ++c) CHECK(std::abs(s.deformation_gradient[i][std::size_t(3 * r + c)] - b.F[i][r][c]) < 1e-10);
        max_d2 = std::max(max_d2, s.d2min_A2[i]);
    }
    CHECK(max_d2 > 0.01);  // the test does exercise non-affine motion
}

TEST_CASE("atoms with fewer than three non-coplanar neighbours are invalid") {
    Atoms a = empty_atoms(Box::orthogonal({0, 0, 0}, 30, 30, 30));
    for (const Vec3 p : {Vec3{5, 5, 5}, Vec3{7, 5, 5}, Vec3{5, 7, 5}, Vec3{5, 5, 7}, Vec3{7, 7, 7}}) a.add(0, p);
    a.add(0, {20, 20, 20});                                              // isolated
    for (const Vec3 p : {Vec3{20, 5, 5}, Vec3{22, 5, 5}, Vec3{24, 5, 5}}) a.add(0, p);  // collinear chain
    Atoms cur = a;
    cur.x[8].y += 0.3;
    AtomicStrainSettings set;
    set.cutoff_A = 3.0;
    const AtomicStrain s = atomic_strain(a, cur, set);
    for (std::size_t i = 0; i < 5; ++i) CHECK(!s.invalid[i]);
    for (std::size_t i = 5; i < 9; ++i) {
        CHECK(s.invalid[i]);
        CHECK(s.shear[i] == 0.0);
        CHECK(s.d2min_A2[i] == 0.0);
    }
    CHECK(s.invalid_count == 4);
    CHECK(s.neighbor_count[5] == 0);
    CHECK(s.neighbor_count[7] == 2);
}

TEST_CASE("results do not depend on how the current file wraps or orders its atoms") {
    std::mt19937_64 rng(9);
    const Atoms ref = fcc(tilted(10.8, 10.8, 10.8, -1.2, 0.4, 0.9), 3, 0.12, rng);
    const M3 F{{{0.99, 0.08, 0.0}, {0.0, 1.02, 0.03}, {0.0, 0.0, 1.0}}};
    Atoms cur = deform(ref, F, {0.5, 0.5, 0.5});
    for (auto& x : cur.x) x += Vec3{0.3 * (2 * uniform(rng) - 1), 0.3 * (2 * uniform(rng) - 1), 0.3 * (2 * uniform(rng) - 1)};
    // Same physical state: every atom moved by a lattice vector, image flags compensating,
    // then the local order reversed (atoms are matched by id).
    Atoms moved = cur;
    for (std::size_t i = 0; i < moved.size(); ++i) {
        const std::array<int, 3> m{int(rng() % 5) - 2, int(rng() % 5) - 2, int(rng() % 5) - 2};
        moved.x[i] += moved.box.h_times({double(m[0]), double(m[1]), double(m[2])});
        for (std::size_t d = 0; d < 3; ++d) moved.image[i][d] -= m[d];
    }
    Atoms wrapped = cur;
    wrapped.wrap();
    std::vector<std::size_t> order(cur.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = order.size() - 1 - k;
    moved.permute(order);

    const AtomicStrain a = atomic_strain(ref, cur, {});
    const AtomicStrain b = atomic_strain(ref, moved, {});
    const AtomicStrain c = atomic_strain(ref, wrapped, {});
    AtomicStrainSettings mi;
    mi.displacement = AtomicStrainSettings::Displacement::minimum_image;
    Atoms no_flags = moved;  // minimum image ignores image flags: scramble them
    for (auto& im : no_flags.image) im = {7, -3, 1};
    const AtomicStrain d = atomic_strain(ref, no_flags, mi);
    CHECK(a.invalid_count == 0);
    for (std::size_t i = 0; i < ref.size(); ++i)
        for (const AtomicStrain* o : {&b, &c, &d}) {
            // Positions differ by lattice vectors of ~20 Å: round-off ~1e-14 Å in d, 1e-12.
            CHECK(std::abs(o->d2min_A2[i] - a.d2min_A2[i]) < 1e-12);
            CHECK(std::abs(o->shear[i] - a.shear[i]) < 1e-12);
            CHECK(std::abs(o->volumetric[i] - a.volumetric[i]) < 1e-12);
        }
}

TEST_CASE("clusters of selected atoms, one across the periodic boundary") {
    // Simple cubic lattice, spacing 2 Å, 10 per edge, in a tilted box; cutoff 2.5 Å links
    // only the six nearest neighbours (diagonals are 2.83 Å).
    Atoms a = empty_atoms(tilted(20, 20, 20, 0, 0, 0, {0, 0, 0}));
    auto index = [](int i, int j, int k) { return static_cast<std::size_t>((i * 10 + j) * 10 + k); };
    for (int i = 0; i < 10; ++i)
        for (int j = 0; j < 10; ++j)
            for (int k = 0; k < 10; ++k) a.add(0, {2.0 * i, 2.0 * j, 2.0 * k});
    std::vector<char> sel(a.size(), 0);
    for (int i = 2; i <= 3; ++i)
        for (int j = 2; j <= 3; ++j)
            for (int k = 2; k <= 3; ++k) sel[index(i, j, k)] = 1;  // blob of 8
    sel[index(9, 5, 5)] = sel[index(0, 5, 5)] = sel[index(0, 6, 5)] = 1;  // 3, across x = 0
    sel[index(7, 0, 0)] = sel[index(8, 1, 0)] = 1;                       // diagonal: two singles
    sel[index(6, 6, 6)] = 1;                                             // single
    const Clusters c = cluster_atoms(a, sel, 2.5);
    REQUIRE(c.sizes.size() == 5);
    CHECK(c.sizes == std::vector<std::size_t>{8, 3, 1, 1, 1});
    CHECK(c.cluster_of[index(2, 2, 2)] == 0);
    CHECK(c.cluster_of[index(3, 3, 3)] == 0);
    CHECK(c.cluster_of[index(9, 5, 5)] == 1);
    CHECK(c.cluster_of[index(0, 6, 5)] == 1);
    CHECK(c.cluster_of[index(5, 5, 5)] == -1);
    CHECK(c.cluster_of[index(7, 0, 0)] != c.cluster_of[index(8, 1, 0)]);
    // Across a tilted boundary too: shear the box (x' = x + 0.5 y) and the lattice with it.
    Atoms t = a;
    t.box.xy = 10.0;
    for (auto& x : t.x) x.x += 0.5 * x.y;
    const Clusters ct = cluster_atoms(t, sel, 2.5);
    CHECK(ct.sizes == std::vector<std::size_t>{8, 3, 1, 1, 1});
    // None wraps around the box, the one across x = 0 included.
    CHECK(c.spans_box == std::vector<char>{0, 0, 0, 0, 0});
    CHECK(ct.spans_box == std::vector<char>{0, 0, 0, 0, 0});
    CHECK_THROWS_AS(cluster_atoms(a, std::vector<char>(3, 1), 2.5), stz::Error);

    // A full row along y (10 atoms, the last linked back to the first through the boundary)
    // percolates; so does a staircase along the tilted box's b vector. A row of 9 does not.
    for (const Atoms* box : {&a, &t}) {
        std::vector<char> row(a.size(), 0), part(a.size(), 0);
        for (int j = 0; j < 10; ++j) row[index(5, j, 5)] = 1;
        for (int j = 0; j < 9; ++j) part[index(5, j, 5)] = 1;
        row[index(2, 2, 2)] = 1;  // and a single atom that does not
        const Clusters r = cluster_atoms(*box, row, 2.5);
        CHECK(r.sizes == std::vector<std::size_t>{10, 1});
        CHECK(r.spans_box == std::vector<char>{1, 0});
        CHECK(cluster_atoms(*box, part, 2.5).spans_box == std::vector<char>{0});
    }
}

TEST_CASE("mismatched configurations are errors that say what differs") {
    std::mt19937_64 rng(3);
    const Atoms ref = fcc(Box::orthogonal({0, 0, 0}, 7.2, 7.2, 7.2), 2, 0.05, rng);
    Atoms fewer = ref;
    fewer.x.pop_back();
    fewer.id.pop_back();
    fewer.image.pop_back();
    fewer.type.pop_back();
    CHECK(error_of([&] { (void)atomic_strain(ref, fewer, {}); }).find("reference has 32 atoms, current has 31") != std::string::npos);
    Atoms other = ref;
    other.id[4] = 999;
    CHECK(error_of([&] { (void)atomic_strain(ref, other, {}); }).find("atom id 5 of the reference is not in the current") !=
          std::string::npos);
    Atoms dup = ref;
    dup.id[4] = 6;
    CHECK(error_of([&] { (void)atomic_strain(ref, dup, {}); }).find("atom id 6 appears twice in the current") != std::string::npos);
    AtomicStrainSettings bad;
    bad.cutoff_A = 0;
    CHECK(error_of([&] { (void)atomic_strain(ref, ref, bad); }).find("cutoff_A") != std::string::npos);
}
