#pragma once
// Bounds on how much one event changes the stress work of the modes of another voxel
// (the thinning path of the kMC engine, docs/performance.md).
//
// The work of mode m of voxel i is c_m . p_i with p_ib = 1/2 V sigma_i : B_b (eV per unit
// eigenstrain coefficient). An eigenstrain change dc at voxel j changes p_i by
// J(x_i - x_j) dc with J_bb' = 1/2 V B_b : K_b'(x_i - x_j) (K_b' the influence kernels), so
// |c_m . dp_i| <= |c_m| |J|_F |dc| (Cauchy-Schwarz, the Frobenius norm bounding the
// operator norm). max_work_kernel_norm() tabulates, per block offset, the largest |J|_F
// over all voxel pairs of two blocks at that offset.
#include <array>
#include <vector>

#include "stz/elasticity/influence_kernels.hpp"
#include "stz/kmc/block_layout.hpp"

namespace stz {

/// Per block offset (BlockLayout::offset numbering): the largest Frobenius norm of J over
/// voxel pairs of two blocks at that offset, eV per unit coefficient squared.
/// basis_weights[b]: Voigt weights w with sigma : B_b = sum_k w_k sigma_k; half_v_eV_per_GPa:
/// 1/2 V in eV per GPa.
[[nodiscard]] std::vector<double> max_work_kernel_norm(
    const BlockLayout& layout, const InfluenceKernels& kernels,
    const std::vector<std::array<double, 6>>& basis_weights, double half_v_eV_per_GPa);

}  // namespace stz
