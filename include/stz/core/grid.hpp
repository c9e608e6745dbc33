#pragma once
// The periodic voxel grid: Nx x Ny (2D, plane strain, nz == 1) or Nx x Ny x Nz (3D).
// Voxel (x, y, z) has linear index x + nx * (y + ny * z): x runs fastest.
#include <cstddef>
#include <cstdint>

namespace stz {

struct Grid {
    int nx = 0;  ///< voxels along x
    int ny = 0;  ///< voxels along y
    int nz = 1;  ///< voxels along z; 1 means a 2D plane-strain grid

    [[nodiscard]] int dim() const { return nz == 1 ? 2 : 3; }
    [[nodiscard]] std::size_t size() const {
        return static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny) *
               static_cast<std::size_t>(nz);
    }
    [[nodiscard]] std::size_t index(int x, int y, int z = 0) const {
        return static_cast<std::size_t>(x) +
               static_cast<std::size_t>(nx) *
                   (static_cast<std::size_t>(y) + static_cast<std::size_t>(ny) * static_cast<std::size_t>(z));
    }
    friend bool operator==(const Grid&, const Grid&) = default;
};

}  // namespace stz
