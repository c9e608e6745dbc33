#pragma once
// Bounds on how much one event changes the stress work of the modes of another voxel
// (the thinning path of the kMC engine, docs/performance.md).
//
// The work of mode m of voxel i is c_m . p_i with p_ib = 1/2 V sigma_i : B_b (eV per unit
// eigenstrain coefficient). An eigenstrain change dc at voxel j changes p_i by
// J(x_i - x_j) dc with J_bb' = 1/2 V B_b : K_b'(x_i - x_j) (K_b' the influence kernels), so
// |c_m . dp_i| <= |c_m| |J|_2 |dc| (Cauchy-Schwarz and the operator norm |J|_2, the largest
// singular value). max_work_kernel_norm() tabulates, per block offset, the largest |J|_2
// over the voxel pairs of two blocks at that offset whose change is deferred: the thinning
// path stores an event's stress at once (and follows the change of p exactly) in the blocks
// near the source and, in 2D, on the grid lines through it (|dx| <= h or |dy| <= h, where the
// spectral Green operator rings without decaying), so those pairs need no bound.
#include <array>
#include <vector>

#include "stz/elasticity/influence_kernels.hpp"
#include "stz/kmc/block_layout.hpp"

namespace stz {

/// The work kernel J for every voxel offset r: n x nb x nb values, J(r)_bc at
/// [(r nb + b) nb + c], in eV per unit coefficient squared: J_bc(r) = 1/2 V B_b : K_c(r).
/// basis_weights[b]: Voigt weights w with sigma : B_b = sum_k w_k sigma_k; half_v_eV_per_GPa:
/// 1/2 V in eV per GPa.
[[nodiscard]] std::vector<double> work_kernel_table(
    const InfluenceKernels& kernels, const std::vector<std::array<double, 6>>& basis_weights,
    double half_v_eV_per_GPa);

/// Per block offset (BlockLayout::offset numbering): the largest operator norm of J over
/// the voxel pairs of two blocks at that offset, eV per unit coefficient squared, leaving out
/// voxel offsets with |dx| <= line_half or |dy| <= line_half (periodic; none if line_half < 0);
/// 0 for near offsets (layout.near). jker: work_kernel_table() on layout's grid, basis size nb.
[[nodiscard]] std::vector<double> max_work_kernel_norm(const BlockLayout& layout, int nb,
                                                       const std::vector<double>& jker,
                                                       int line_half);

}  // namespace stz
