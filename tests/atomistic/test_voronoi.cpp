// Voronoi analysis (OVITO's plain tessellation): indices of perfect lattices, volumes that
// tile the box, shared faces, a full icosahedron, a too-small cutoff, icosahedral clusters.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "stz/atom/voronoi.hpp"
#include "stz/core/error.hpp"

using namespace stz::atom;

namespace {

double uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

Atoms empty_atoms(const Box& box) {
    Atoms a;
    a.box = box;
    a.species = {{"Cu", 63.546}};
    return a;
}

/// Cubic lattice (constant a, `cells` per edge) with the given basis, all sites of the
/// orthogonal block [0, cells a)^3, put in `box` (which must be a periodic cell of the
/// same lattice).
Atoms cubic_lattice(const Box& box, double a, int cells, const std::vector<Vec3>& basis) {
    Atoms at = empty_atoms(box);
    for (int i = 0; i < cells; ++i)
        for (int j = 0; j < cells; ++j)
            for (int k = 0; k < cells; ++k)
                for (const Vec3& b : basis) at.add(0, box.lo + a * Vec3{i + b.x, j + b.y, k + b.z});
    return at;
}

const std::vector<Vec3> fcc_basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
const std::vector<Vec3> bcc_basis = {{0, 0, 0}, {0.5, 0.5, 0.5}};

std::string index_str(const VoronoiCell& c) {
    std::ostringstream s;
    s << '<';
    for (std::size_t k = 0; k < c.index.size(); ++k) s << (k ? "," : "") << c.index[k];
    s << "> faces " << c.faces;
    return s.str();
}

/// Random positions with a minimum (periodic) distance, by rejection.
Atoms random_atoms(const Box& box, std::size_t count, double min_dist, std::mt19937_64& rng) {
    Atoms at = empty_atoms(box);
    while (at.size() < count) {
        const Vec3 r = box.from_fractional({uniform(rng), uniform(rng), uniform(rng)});
        bool ok = true;
        for (const Vec3& x : at.x) {
            const Vec3 d = box.minimum_image(r - x);
            if (dot(d, d) < min_dist * min_dist) {
                ok = false;
                break;
            }
        }
        if (ok) at.add(0, r);
    }
    return at;
}

/// The 12 vertices of a regular icosahedron at distance r from the origin.
std::vector<Vec3> icosahedron(double r) {
    const double phi = 0.5 * (1 + std::sqrt(5.0));
    std::vector<Vec3> v;
    for (double s1 : {-1.0, 1.0})
        for (double s2 : {-phi, phi}) {
            v.push_back({0, s1, s2});
            v.push_back({s1, s2, 0});
            v.push_back({s2, 0, s1});
        }
    for (Vec3& p : v) p *= r / norm(p);
    return v;
}

/// The 20 vertices of the dual regular dodecahedron at distance r.
std::vector<Vec3> dodecahedron(double r) {
    const double phi = 0.5 * (1 + std::sqrt(5.0)), iphi = 1 / phi;
    std::vector<Vec3> v;
    for (double a : {-1.0, 1.0})
        for (double b : {-1.0, 1.0}) {
            for (double c : {-1.0, 1.0}) v.push_back({a, b, c});
            v.push_back({0, a * iphi, b * phi});
            v.push_back({a * iphi, b * phi, 0});
            v.push_back({b * phi, 0, a * iphi});
        }
    for (Vec3& p : v) p *= r / norm(p);
    return v;
}

}  // namespace

TEST_CASE("voronoi: perfect fcc is <0,12,0,0> with volume a^3/4, orthogonal and tilted box") {
    const double a = 3.6;
    const double L = 4 * a;
    Box ortho = Box::orthogonal({-1.0, 0.5, 2.0}, L, L, L);
    Box tilted = ortho;
    // (a, L, 0), (a, -a, L) are lattice vectors of fcc, so the tilted cell holds the same
    // crystal (same 256 sites, distinct modulo the tilted cell).
    tilted.xy = a;
    tilted.xz = a;
    tilted.yz = -a;
    for (const Box& box : {ortho, tilted}) {
        CAPTURE(box.triclinic());
        const Atoms at = cubic_lattice(box, a, 4, fcc_basis);
        const auto cells = voronoi_cells(at);
        REQUIRE(cells.size() == 256);
        for (const auto& c : cells) {
            CAPTURE(index_str(c));
            CHECK(c.index == std::array<int, 8>{0, 12, 0, 0, 0, 0, 0, 0});
            CHECK(c.faces == 12);
            CHECK(c.neighbors.size() == 12);
            // Rounding only: vertices are built from ~20 plane cuts of O(a) numbers.
            CHECK(c.volume_A3 == doctest::Approx(a * a * a / 4).epsilon(1e-12));
            CHECK(!is_full_icosahedron(c));
        }
    }
}

TEST_CASE("voronoi: perfect bcc is <0,6,0,8> with volume a^3/2; face area threshold") {
    const double a = 3.3;
    const Atoms at = cubic_lattice(Box::orthogonal({0, 0, 0}, 4 * a, 4 * a, 4 * a), a, 4, bcc_basis);
    const auto cells = voronoi_cells(at);
    for (const auto& c : cells) {
        CAPTURE(index_str(c));
        CHECK(c.index == std::array<int, 8>{0, 6, 0, 8, 0, 0, 0, 0});
        CHECK(c.faces == 14);
        CHECK(c.volume_A3 == doctest::Approx(a * a * a / 2).epsilon(1e-12));  // rounding only
    }
    // Truncated octahedron with edge e: each square is e² of a surface 6e² + 8 (3√3/2) e²,
    // a fraction 0.037; a 5 % threshold drops the squares, not the volume.
    VoronoiSettings s;
    s.min_face_area_fraction = 0.05;
    const auto thr = voronoi_cells(at, s);
    for (const auto& c : thr) {
        CAPTURE(index_str(c));
        CHECK(c.index == std::array<int, 8>{0, 0, 0, 8, 0, 0, 0, 0});
        CHECK(c.faces == 8);
        CHECK(c.volume_A3 == doctest::Approx(a * a * a / 2).epsilon(1e-12));
    }
    // Edges of the truncated octahedron are a/(2√2) = 1.167 Å long: a 1.2 Å edge threshold
    // counts none of them, so no face keeps 3 counted edges.
    s.min_face_area_fraction = 0;
    s.min_edge_length_A = 1.2;
    for (const auto& c : voronoi_cells(at, s)) CHECK(c.faces == 0);
    s.min_edge_length_A = 1.1;
    for (const auto& c : voronoi_cells(at, s)) CHECK(c.faces == 14);
}

TEST_CASE("voronoi: random configuration, volumes tile the box and faces are shared") {
    std::mt19937_64 rng(20261122);
    // ~200 atoms at 0.06 Å^-3 in a tilted box, minimum distance 2 Å.
    Box box = Box::orthogonal({1.0, -2.0, 0.5}, 15.0, 14.5, 15.3);
    box.xy = 2.0;
    box.xz = -1.5;
    box.yz = 1.0;
    const auto count = static_cast<std::size_t>(0.06 * box.volume());
    const Atoms at = random_atoms(box, count, 2.0, rng);
    VoronoiSettings s;
    s.cutoff_A = 7.0;
    const auto cells = voronoi_cells(at, s);
    double total = 0;
    for (const auto& c : cells) {
        CHECK(c.volume_A3 > 0);
        total += c.volume_A3;
    }
    // The cells tile the box exactly; only rounding in the sums of ~200 cells remains.
    CHECK(total == doctest::Approx(box.volume()).epsilon(1e-9));
    // Every face is shared: j bounds i through as many images as i bounds j.
    for (std::size_t i = 0; i < at.size(); ++i)
        for (std::size_t j : cells[i].neighbors) {
            CAPTURE(i);
            CAPTURE(j);
            const auto nij = std::count(cells[i].neighbors.begin(), cells[i].neighbors.end(), j);
            const auto nji = std::count(cells[j].neighbors.begin(), cells[j].neighbors.end(), i);
            CHECK(nij == nji);
        }
    // Independent of the atoms' order and wrapping: translate every atom by a lattice
    // vector and compare volumes.
    Atoms moved = at;
    for (auto& x : moved.x) x += box.a() - 2.0 * box.c();
    const auto cells2 = voronoi_cells(moved, s);
    for (std::size_t i = 0; i < at.size(); ++i) {
        CHECK(cells2[i].volume_A3 == doctest::Approx(cells[i].volume_A3).epsilon(1e-9));
        CHECK(cells2[i].index == cells[i].index);
    }
}

TEST_CASE("voronoi: centre of a regular icosahedron is a full icosahedron") {
    // Centre + 12 atoms at 2.7 Å + 20 at 5 Å (dual dodecahedron), periodic 11 Å cube. The
    // centre's cell (a dodecahedron, vertices at 1.35 / cos 37.38° = 1.70 Å) is closed by
    // the first shell alone: the second shell's bisectors lie at 2.5 Å.
    const double L = 11.0;
    Atoms at = empty_atoms(Box::orthogonal({0, 0, 0}, L, L, L));
    const Vec3 c{L / 2, L / 2, L / 2};
    at.add(0, c);
    for (const Vec3& v : icosahedron(2.7)) at.add(0, c + v);
    for (const Vec3& v : dodecahedron(5.0)) at.add(0, c + v);
    VoronoiSettings s;
    s.cutoff_A = 10.0;  // the sparse outer shell's cells need it
    const auto cells = voronoi_cells(at, s);
    CAPTURE(index_str(cells[0]));
    CHECK(cells[0].index == std::array<int, 8>{0, 0, 12, 0, 0, 0, 0, 0});
    CHECK(is_full_icosahedron(cells[0]));
    auto nb = cells[0].neighbors;
    std::sort(nb.begin(), nb.end());
    CHECK(nb == std::vector<std::size_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    // Regular dodecahedron of inradius r = 1.35 Å: edge e = 2r / √((25 + 11√5)/10),
    // V = (15 + 7√5)/4 e³ (rounding only).
    const double s5 = std::sqrt(5.0), e = 2 * 1.35 / std::sqrt((25 + 11 * s5) / 10);
    CHECK(cells[0].volume_A3 == doctest::Approx((15 + 7 * s5) / 4 * e * e * e).epsilon(1e-12));
    double total = 0;
    for (const auto& cell : cells) total += cell.volume_A3;
    CHECK(total == doctest::Approx(L * L * L).epsilon(1e-9));
}

TEST_CASE("voronoi: too small a cutoff is a clear error") {
    const double a = 3.6;
    const Atoms at = cubic_lattice(Box::orthogonal({0, 0, 0}, 4 * a, 4 * a, 4 * a), a, 4, fcc_basis);
    for (double rc : {1.5, 3.0}) {  // no neighbours / vertices at a/2 = 1.8 Å > rc/2
        CAPTURE(rc);
        VoronoiSettings s;
        s.cutoff_A = rc;
        std::string what;
        try {
            (void)voronoi_cells(at, s);
        } catch (const stz::Error& e) {
            what = e.what();
        }
        CHECK(what.find("not closed") != std::string::npos);
        CHECK(what.find("larger cutoff_A") != std::string::npos);
    }
    VoronoiSettings bad;
    bad.cutoff_A = -1;
    CHECK_THROWS_AS((void)voronoi_cells(at, bad), stz::Error);
}

TEST_CASE("voronoi: icosahedral clusters from hand-made cells") {
    Atoms at = empty_atoms(Box::orthogonal({0, 0, 0}, 20, 20, 20));
    for (int k = 0; k < 6; ++k) at.add(0, {1.0 * k, 0, 0});
    auto ico = [](std::vector<std::size_t> nb) {
        VoronoiCell c;
        c.index[2] = 12;
        c.faces = 12;
        c.neighbors = std::move(nb);
        return c;
    };
    std::vector<VoronoiCell> cells(6);
    cells[1] = ico({3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});  // 1 – 3 linked (3 lists 1 too)
    cells[3] = ico({1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2});
    cells[4] = ico({5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5});  // 5 names 4 but is no centre
    cells[5].index[2] = 12;
    cells[5].index[1] = 1;  // <0,1,12>: not a full icosahedron
    cells[5].faces = 13;
    cells[5].neighbors = {4};
    cells[0] = ico({1});  // one-way link (as from a face below a threshold on one side)
    cells[0].faces = 12;
    const auto cl = icosahedral_clusters(at, cells);
    CHECK(cl.cluster_of == std::vector<int>{0, 0, -1, 0, 1, -1});
    CHECK(cl.sizes == std::vector<std::size_t>{3, 1});
    CHECK_THROWS_AS((void)icosahedral_clusters(at, std::vector<VoronoiCell>(3)), stz::Error);
}

TEST_CASE("voronoi: 2000 random atoms (timing)") {
    std::mt19937_64 rng(7);
    const double L = std::cbrt(2000 / 0.06);
    const Atoms at = random_atoms(Box::orthogonal({0, 0, 0}, L, L, L), 2000, 2.0, rng);
    const auto t0 = std::chrono::steady_clock::now();
    VoronoiSettings s;
    s.cutoff_A = 7.0;
    const auto cells = voronoi_cells(at, s);
    const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    MESSAGE("voronoi_cells, 2000 atoms: " << dt << " s");
    double total = 0;
    for (const auto& c : cells) total += c.volume_A3;
    CHECK(total == doctest::Approx(L * L * L).epsilon(1e-9));
}
