#include "stz/kmc/block_layout.hpp"

#include <algorithm>

#include "stz/core/error.hpp"

namespace stz {

namespace {
/// The largest edge <= cap that divides n.
int edge_for(int n, int cap) {
    for (int e = std::min(n, cap); e > 1; --e)
        if (n % e == 0) return e;
    return 1;
}
/// Periodic distance of two block coordinates on a ring of n.
int ring_distance(int a, int n) {
    a = ((a % n) + n) % n;
    return std::min(a, n - a);
}
}  // namespace

BlockLayout::BlockLayout(const Grid& grid, int near_radius) : grid_(grid), radius_(near_radius) {
    STZ_REQUIRE(near_radius >= 0, "block layout: negative near radius");
    STZ_REQUIRE(grid.size() > 0, "block layout of an empty grid");
    const int cap = grid.dim() == 2 ? 8 : 4;
    bx = edge_for(grid.nx, cap);
    by = edge_for(grid.ny, cap);
    bz = grid.dim() == 2 ? 1 : edge_for(grid.nz, cap);
    nbx = grid.nx / bx;
    nby = grid.ny / by;
    nbz = grid.nz / bz;
    blocks_ = static_cast<std::size_t>(nbx) * nby * nbz;
    per_block_ = static_cast<std::size_t>(bx) * by * bz;
    block_of_.resize(grid.size());
    voxel_list_.resize(grid.size());
    std::vector<std::size_t> fill(blocks_, 0);
    for (int z = 0; z < grid.nz; ++z)
        for (int y = 0; y < grid.ny; ++y)
            for (int x = 0; x < grid.nx; ++x) {
                const std::size_t v = grid.index(x, y, z);
                const std::size_t b =
                    static_cast<std::size_t>(x / bx) +
                    static_cast<std::size_t>(nbx) * (static_cast<std::size_t>(y / by) +
                                                     static_cast<std::size_t>(nby) * (z / bz));
                block_of_[v] = b;
                voxel_list_[b * per_block_ + fill[b]++] = v;  // visited in increasing v
            }
    near_.resize(blocks_);
    for (std::size_t o = 0; o < blocks_; ++o) {
        const int ox = static_cast<int>(o % nbx), oy = static_cast<int>((o / nbx) % nby),
                  oz = static_cast<int>(o / (static_cast<std::size_t>(nbx) * nby));
        near_[o] = ring_distance(ox, nbx) <= radius_ && ring_distance(oy, nby) <= radius_ &&
                   ring_distance(oz, nbz) <= radius_;
    }
}

std::size_t BlockLayout::offset(std::size_t a, std::size_t b) const {
    const std::size_t pxy = static_cast<std::size_t>(nbx) * nby;
    const int ax = static_cast<int>(a % nbx), ay = static_cast<int>((a / nbx) % nby),
              az = static_cast<int>(a / pxy);
    const int cx = static_cast<int>(b % nbx), cy = static_cast<int>((b / nbx) % nby),
              cz = static_cast<int>(b / pxy);
    const int ox = (ax - cx + nbx) % nbx, oy = (ay - cy + nby) % nby, oz = (az - cz + nbz) % nbz;
    return static_cast<std::size_t>(ox) + static_cast<std::size_t>(nbx) *
                                              (static_cast<std::size_t>(oy) +
                                               static_cast<std::size_t>(nby) * oz);
}

std::vector<std::size_t> BlockLayout::near_blocks(std::size_t b) const {
    const std::size_t pxy = static_cast<std::size_t>(nbx) * nby;
    const int cx = static_cast<int>(b % nbx), cy = static_cast<int>((b / nbx) % nby),
              cz = static_cast<int>(b / pxy);
    std::vector<std::size_t> out;
    const int h = radius_;
    const int hz = grid_.dim() == 2 ? 0 : h;
    for (int dz = -hz; dz <= hz; ++dz)
        for (int dy = -h; dy <= h; ++dy)
            for (int dx = -h; dx <= h; ++dx) {
                const int x = (cx + dx + nbx) % nbx, y = (cy + dy + nby) % nby,
                          z = (cz + dz + nbz) % nbz;
                out.push_back(static_cast<std::size_t>(x) +
                              static_cast<std::size_t>(nbx) *
                                  (static_cast<std::size_t>(y) + static_cast<std::size_t>(nby) * z));
            }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace stz
