#pragma once
// Plain, validated configuration structs: what a parameter YAML file holds.
//
// The physics never sees YAML: stz::load_config() (config/load_config.hpp) is the
// one place that reads a file, checks every key and fills these structs. Each
// field documents its unit and meaning; the YAML key is the field name.
#include <optional>
#include <string>

#include "stz/core/grid.hpp"
#include "stz/core/sym_tensor.hpp"

namespace stz {

/// YAML section `grid`: the periodic voxel lattice (MODEL.md §1).
struct GridConfig {
    int nx = 0;                  ///< voxels along x (>= 2)
    int ny = 0;                  ///< voxels along y (>= 2)
    int nz = 1;                  ///< voxels along z; 1 = 2D plane strain, otherwise >= 2
    double voxel_size_nm = 0.7;  ///< voxel edge l0 in nm (> 0); one STZ per voxel

    [[nodiscard]] Grid grid() const { return Grid{nx, ny, nz}; }
};

/// YAML section `material`: the homogeneous isotropic elastic medium (MODEL.md §3).
struct MaterialConfig {
    double young_modulus_GPa = 0;  ///< Young's modulus E in GPa (> 0)
    double poisson_ratio = 0;      ///< Poisson's ratio nu, -1 < nu < 0.5
};

/// How the sample is loaded; names are the YAML spellings.
enum class LoadingMode {
    uniaxial_tension,      ///< strain along y (2D) or z (3D), other mean stresses zero
    uniaxial_compression,  ///< same axis, compressive; reported strain and stress positive
    pure_shear,            ///< eps_xx - eps_yy prescribed, other mean stresses zero
    simple_shear,          ///< engineering shear 2 eps_xy prescribed, other mean stresses zero
};

/// YAML section `loading` (optional): the mixed boundary condition (MODEL.md §4).
struct LoadingConfig {
    LoadingMode mode = LoadingMode::uniaxial_tension;  ///< loading path
};

/// YAML section `eshelby` (needed by `stzkmc eshelby`): one inclusion in the periodic cell.
struct EshelbyConfig {
    double radius_voxels = 16;  ///< inclusion radius in voxels (> 0, smaller than half the cell)
    SymTensor eigenstrain;      ///< uniform eigenstrain inside (tensor components, dimensionless)
    double applied_strain = 0;  ///< applied strain of `loading.mode` (dimensionless)
};

/// A whole parameter file. `source` is the file it came from (for messages).
struct Config {
    std::string source;
    GridConfig grid;
    MaterialConfig material;
    LoadingConfig loading;
    std::optional<EshelbyConfig> eshelby;
};

/// YAML spelling of a loading mode ("uniaxial_tension", ...).
[[nodiscard]] const char* to_string(LoadingMode mode);

}  // namespace stz
