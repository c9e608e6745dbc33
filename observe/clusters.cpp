#include "stz/observe/clusters.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <numeric>
#include <utility>

#include "observe/grid_check.hpp"
#include "stz/core/error.hpp"

namespace stz {

namespace {

/// Disjoint sets over voxel indices; 32-bit indices halve the memory of a 4M-voxel grid.
class DisjointSets {
  public:
    explicit DisjointSets(std::size_t n) : parent_(n), size_(n, 1) {
        std::iota(parent_.begin(), parent_.end(), std::uint32_t{0});
    }
    std::uint32_t find(std::uint32_t i) {
        while (parent_[i] != i) {
            parent_[i] = parent_[parent_[i]];  // path halving
            i = parent_[i];
        }
        return i;
    }
    void unite(std::uint32_t a, std::uint32_t b) {
        a = find(a);
        b = find(b);
        if (a == b) return;
        if (size_[a] < size_[b]) std::swap(a, b);
        parent_[b] = a;
        size_[a] += size_[b];
    }
    [[nodiscard]] bool is_root(std::uint32_t i) const { return parent_[i] == i; }
    [[nodiscard]] std::uint32_t root_size(std::uint32_t i) const { return size_[i]; }

  private:
    std::vector<std::uint32_t> parent_;
    std::vector<std::uint32_t> size_;
};

}  // namespace

std::vector<std::size_t> cluster_sizes(const Grid& grid, std::span<const std::uint8_t> flagged) {
    detail::require_valid_grid(grid, "cluster_sizes");
    const std::size_t n = grid.size();
    STZ_REQUIRE(flagged.size() == n, "cluster_sizes: the flag field has "
                                         << flagged.size() << " values but the grid has " << n
                                         << " voxels");
    STZ_REQUIRE(n < std::numeric_limits<std::uint32_t>::max(),
                "cluster_sizes: grids of 2^32 voxels or more are not supported, got " << n);

    DisjointSets sets(n);
    // Link each flagged voxel to its +x, +y (and +z in 3D) neighbour, wrapping around:
    // every face-neighbour pair is visited once from its lower side.
    for (int z = 0; z < grid.nz; ++z) {
        const int zp = z + 1 == grid.nz ? 0 : z + 1;
        for (int y = 0; y < grid.ny; ++y) {
            const int yp = y + 1 == grid.ny ? 0 : y + 1;
            for (int x = 0; x < grid.nx; ++x) {
                const std::size_t i = grid.index(x, y, z);
                if (flagged[i] == 0) continue;
                const int xp = x + 1 == grid.nx ? 0 : x + 1;
                const auto link = [&](std::size_t j) {
                    if (flagged[j] != 0)
                        sets.unite(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j));
                };
                link(grid.index(xp, y, z));
                link(grid.index(x, yp, z));
                if (grid.nz > 1) link(grid.index(x, y, zp));
            }
        }
    }

    std::vector<std::size_t> sizes;
    for (std::size_t i = 0; i < n; ++i) {
        const auto u = static_cast<std::uint32_t>(i);
        if (flagged[i] != 0 && sets.is_root(u)) sizes.push_back(sets.root_size(u));
    }
    std::sort(sizes.begin(), sizes.end(), std::greater<>());
    return sizes;
}

}  // namespace stz
