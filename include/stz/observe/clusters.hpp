#pragma once
// Connected clusters of flagged voxels on the periodic grid (000: S_max and S_all).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "stz/core/grid.hpp"

namespace stz {

/// Sizes (voxel counts) of the connected clusters of flagged voxels (flagged[i] != 0),
/// largest first; empty if no voxel is flagged. Their sum is the number of flagged voxels.
///
/// Two flagged voxels are connected when they share a face: 4 neighbours in 2D (nz == 1),
/// 6 in 3D; edge and corner (diagonal) neighbours are not. The grid is periodic in every
/// direction, so a cluster that leaves through one face and re-enters through the opposite
/// one is a single cluster. Union-find with union by size and path halving: O(N) memory
/// (8 bytes per voxel) and nearly O(N) time; serial, so the result is deterministic.
///
/// Requires flagged.size() == grid.size() and grid.size() < 2^32; throws stz::Error otherwise.
[[nodiscard]] std::vector<std::size_t> cluster_sizes(const Grid& grid,
                                                     std::span<const std::uint8_t> flagged);

}  // namespace stz
