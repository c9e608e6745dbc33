#pragma once
// VTK XML ImageData (.vti) files of voxel fields, for ParaView and OVITO.
//
// Each voxel is a VTK cell, so fields are CellData on an image of nx x ny x nz
// cells (point extent 0..nx, 0..ny, 0..nz; a 2D grid is one cell thick). The
// values follow the XML header as raw little-endian Float64 in the appended
// section, each array preceded by its byte count as UInt64: compact, exact, and
// read by every VTK-based viewer without zlib.
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "stz/core/grid.hpp"

namespace stz {

class VtiWriter {
  public:
    /// `grid`: the voxel grid (nz == 1 for 2D); `spacing`: the voxel edge length,
    /// in whatever length unit the caller wants the viewer to show (positive).
    VtiWriter(Grid grid, double spacing);

    /// Adds a cell field. `values` has grid.size() entries, x fastest, then y, then z
    /// (Grid::index order). The values are copied, so `values` need not outlive the
    /// writer. Names must be unique, non-empty and free of XML special characters
    /// and blanks.
    void add_scalar(std::string name, std::span<const double> values);

    /// Writes all fields added so far to `path` through AtomicFile.
    void write(const std::filesystem::path& path) const;

    [[nodiscard]] const Grid& grid() const { return grid_; }
    [[nodiscard]] std::size_t num_arrays() const { return arrays_.size(); }

  private:
    struct Array {
        std::string name;
        std::vector<double> values;
    };
    Grid grid_;
    double spacing_;
    std::vector<Array> arrays_;
};

}  // namespace stz
