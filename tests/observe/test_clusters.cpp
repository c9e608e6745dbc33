// Face-connected clusters on the periodic grid (000: S_max, S_all).
// Cluster sizes are integers: every check is exact.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <random>
#include <vector>

#include "stz/core/error.hpp"
#include "stz/core/grid.hpp"
#include "stz/observe/clusters.hpp"

using namespace stz;

using Sizes = std::vector<std::size_t>;

namespace {

// Reference: breadth-first flood fill over face neighbours with periodic wrap.
Sizes flood_fill_sizes(const Grid& g, const std::vector<std::uint8_t>& f) {
    std::vector<char> seen(f.size(), 0);
    Sizes sizes;
    for (std::size_t s = 0; s < f.size(); ++s) {
        if (!f[s] || seen[s]) continue;
        std::vector<std::size_t> queue{s};
        seen[s] = 1;
        for (std::size_t q = 0; q < queue.size(); ++q) {
            const std::size_t i = queue[q];
            const int x = int(i % g.nx), y = int(i / g.nx % g.ny), z = int(i / g.nx / g.ny);
            const int nb[6][3] = {{1, 0, 0},  {-1, 0, 0}, {0, 1, 0},
                                  {0, -1, 0}, {0, 0, 1},  {0, 0, -1}};
            for (const auto& d : nb) {
                const std::size_t j = g.index((x + d[0] + g.nx) % g.nx, (y + d[1] + g.ny) % g.ny,
                                              (z + d[2] + g.nz) % g.nz);
                if (f[j] && !seen[j]) {
                    seen[j] = 1;
                    queue.push_back(j);
                }
            }
        }
        sizes.push_back(queue.size());
    }
    std::sort(sizes.begin(), sizes.end(), std::greater<>());
    return sizes;
}

}  // namespace

TEST_CASE("no flagged voxel, no cluster; a full grid is one cluster") {
    const Grid g{5, 4, 1};
    CHECK(cluster_sizes(g, std::vector<std::uint8_t>(g.size(), 0)).empty());
    CHECK(cluster_sizes(g, std::vector<std::uint8_t>(g.size(), 1)) == Sizes{20});
    const Grid g3{3, 4, 5};
    CHECK(cluster_sizes(g3, std::vector<std::uint8_t>(g3.size(), 1)) == Sizes{60});
}

TEST_CASE("a cluster that wraps around the periodic boundary counts as one") {
    const Grid g{8, 6, 1};
    std::vector<std::uint8_t> f(g.size(), 0);
    // Across the x boundary: (7, 2) - (0, 2) - (1, 2).
    f[g.index(7, 2)] = f[g.index(0, 2)] = f[g.index(1, 2)] = 1;
    // Across the y boundary: (4, 5) - (4, 0).
    f[g.index(4, 5)] = f[g.index(4, 0)] = 1;
    CHECK(cluster_sizes(g, f) == Sizes{3, 2});
    // Across the corner, through faces only: (7, 5) - (0, 5) - (0, 0).
    std::vector<std::uint8_t> c(g.size(), 0);
    c[g.index(7, 5)] = c[g.index(0, 5)] = c[g.index(0, 0)] = 1;
    CHECK(cluster_sizes(g, c) == Sizes{3});
    // A band spanning the whole box in x closes on itself: still one cluster.
    std::vector<std::uint8_t> band(g.size(), 0);
    for (int x = 0; x < g.nx; ++x) band[g.index(x, 3)] = 1;
    CHECK(cluster_sizes(g, band) == Sizes{8});
}

TEST_CASE("diagonal neighbours are not connected") {
    const Grid g{6, 6, 1};
    std::vector<std::uint8_t> f(g.size(), 0);
    f[g.index(1, 1)] = f[g.index(2, 2)] = f[g.index(3, 1)] = 1;
    CHECK(cluster_sizes(g, f) == Sizes{1, 1, 1});
    // Diagonal across the periodic corner: (5, 5) and (0, 0).
    std::vector<std::uint8_t> c(g.size(), 0);
    c[g.index(5, 5)] = c[g.index(0, 0)] = 1;
    CHECK(cluster_sizes(g, c) == Sizes{1, 1});
    // A checkerboard on an even grid is N/2 isolated voxels.
    std::vector<std::uint8_t> cb(g.size(), 0);
    for (int y = 0; y < g.ny; ++y)
        for (int x = 0; x < g.nx; ++x) cb[g.index(x, y)] = (x + y) % 2;
    CHECK(cluster_sizes(g, cb) == Sizes(18, 1));
}

TEST_CASE("3D clusters connect through z faces, across the z boundary, not along edges") {
    const Grid g{4, 5, 6};
    std::vector<std::uint8_t> f(g.size(), 0);
    // An L across the z boundary: (1,1,0) - (1,1,5) - (1,2,5).
    f[g.index(1, 1, 0)] = f[g.index(1, 1, 5)] = f[g.index(1, 2, 5)] = 1;
    // Edge neighbour of (1,1,0) in the y-z plane: (1,2,1) is not connected to it.
    f[g.index(1, 2, 1)] = 1;
    // A z column of 2 elsewhere.
    f[g.index(3, 3, 2)] = f[g.index(3, 3, 3)] = 1;
    CHECK(cluster_sizes(g, f) == Sizes{3, 2, 1});
    // The 3D checkerboard on an even grid: isolated voxels only.
    const Grid e{4, 4, 4};
    std::vector<std::uint8_t> cb(e.size(), 0);
    for (int z = 0; z < e.nz; ++z)
        for (int y = 0; y < e.ny; ++y)
            for (int x = 0; x < e.nx; ++x) cb[e.index(x, y, z)] = (x + y + z) % 2;
    CHECK(cluster_sizes(e, cb) == Sizes(32, 1));
}

TEST_CASE("thin grids: one voxel along an axis links nothing extra") {
    const Grid g{1, 5, 1};
    std::vector<std::uint8_t> f{1, 1, 0, 1, 0};
    CHECK(cluster_sizes(g, f) == Sizes{2, 1});
    const Grid h{2, 1, 1};  // x neighbour is the same voxel on both sides
    CHECK(cluster_sizes(h, std::vector<std::uint8_t>{1, 1}) == Sizes{2});
}

TEST_CASE("union-find agrees with a flood fill on random fields near percolation") {
    // Fixed seed; the mt19937 sequence is specified by the standard, the comparison is
    // against an independent implementation so the exact pattern does not matter.
    std::mt19937 rng(20240611);
    const Grid grids[] = {Grid{37, 23, 1}, Grid{64, 64, 1}, Grid{9, 8, 7}, Grid{16, 12, 10}};
    for (const Grid& g : grids) {
        for (const double p : {0.3, 0.5, 0.6}) {
            std::bernoulli_distribution flag(p);
            std::vector<std::uint8_t> f(g.size());
            for (auto& v : f) v = flag(rng) ? 1 : 0;
            CHECK(cluster_sizes(g, f) == flood_fill_sizes(g, f));
        }
    }
}

TEST_CASE("cluster_sizes rejects a flag field that does not match the grid") {
    CHECK_THROWS_AS((void)cluster_sizes(Grid{3, 3, 1}, std::vector<std::uint8_t>(8, 0)), Error);
    CHECK_THROWS_AS((void)cluster_sizes(Grid{3, -1, 1}, {}), Error);
}
