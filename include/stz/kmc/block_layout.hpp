#pragma once
// Blocks of voxels for the thinning path of the kMC engine (docs/performance.md).
//
// The grid is cut into equal boxes of bx x by x bz voxels (the largest edges <= 8 in 2D,
// <= 4 in 3D that divide the grid). Blocks are numbered like voxels (x fastest) on the
// block grid nbx x nby x nbz, which is periodic like the voxel grid. The offset of block a
// from block b is the periodic difference of their block coordinates, numbered like a block.
// Two blocks are "near" when that offset is at most `near_radius` blocks along every axis: an
// event's stress is applied at once to the voxels of the blocks near its own and deferred
// elsewhere.
#include <cstddef>
#include <vector>

#include "stz/core/grid.hpp"

namespace stz {

class BlockLayout {
public:
    BlockLayout() = default;
    explicit BlockLayout(const Grid& grid, int near_radius = 1);

    [[nodiscard]] const Grid& grid() const { return grid_; }
    [[nodiscard]] std::size_t blocks() const { return blocks_; }
    [[nodiscard]] std::size_t voxels_per_block() const { return per_block_; }
    /// Block edges in voxels, and the block grid.
    int bx = 1, by = 1, bz = 1, nbx = 1, nby = 1, nbz = 1;

    [[nodiscard]] std::size_t block_of(std::size_t voxel) const { return block_of_[voxel]; }
    /// The voxels of block b in increasing index order.
    [[nodiscard]] const std::size_t* voxels(std::size_t b) const {
        return voxel_list_.data() + b * per_block_;
    }
    /// Periodic offset of block a from block b (numbered like a block).
    [[nodiscard]] std::size_t offset(std::size_t a, std::size_t b) const;
    /// Whether an offset is near (at most near_radius blocks along every axis, periodically).
    [[nodiscard]] bool near(std::size_t off) const { return near_[off] != 0; }
    /// The distinct blocks near block b (b itself included), increasing.
    [[nodiscard]] std::vector<std::size_t> near_blocks(std::size_t b) const;

private:
    Grid grid_;
    std::size_t blocks_ = 0, per_block_ = 0;
    std::vector<std::size_t> block_of_, voxel_list_;
    std::vector<unsigned char> near_;
    int radius_ = 1;
};

}  // namespace stz
