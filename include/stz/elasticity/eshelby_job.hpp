#pragma once
// The elasticity demonstration behind `stzkmc eshelby`: one inclusion with a uniform
// eigenstrain at the centre of the periodic cell, loaded by the mixed boundary condition of
// `loading.mode` at `eshelby.applied_strain`, solved by FFT and compared with Eshelby's
// closed form.
#include <filesystem>

#include "stz/config/config.hpp"
#include "stz/core/sym_tensor.hpp"
#include "stz/elasticity/mixed_bc.hpp"

namespace stz {

struct EshelbyResult {
    std::filesystem::path out_dir;
    int inclusion_voxels = 0;
    SymTensor interior_stress;           ///< average over r < a/2, GPa
    SymTensor interior_stress_analytic;  ///< closed form + applied mean stress, GPa
    double interior_relative_error = 0;  ///< |numeric - analytic| / |analytic|
    MeanFields mean;                     ///< mean strain and stress of the cell
    double solve_seconds = 0;
};

/// Solves and writes into `out_dir` (created if needed): sigma_{xx,yy,zz,xy[,yz,xz]}.npy,
/// sigma_vm.npy, stress.vti, profile.csv, summary.yaml and params.yaml (the resolved
/// parameters and version). Throws stz::Error if `cfg.eshelby` is missing or invalid.
EshelbyResult run_eshelby(const Config& cfg, const std::filesystem::path& out_dir);

}  // namespace stz
