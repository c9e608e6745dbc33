#pragma once
// The traceless (deviatoric) basis of plastic eigenstrains (MODEL.md §2).
//
// 2D (plane strain): B1 = diag(1, -1, 0), B2 = xy unit shear.
// 3D: B1 = diag(1, -1, 0), B2 = diag(1, 1, -2)/sqrt(3), B3..B5 = xy, xz, yz unit shears.
// Every B_b has B_b : B_b = 2 and B_a : B_b = 0 for a != b, so an eigenstrain
// sum_b c_b B_b with iid normal c_b is isotropic, and c_b = (T : B_b) / 2.
#include <array>
#include <span>

#include "stz/core/sym_tensor.hpp"

namespace stz {

/// Number of deviatoric basis tensors: 2 in 2D, 5 in 3D.
[[nodiscard]] constexpr int deviatoric_basis_size(int dim) { return dim == 2 ? 2 : 5; }

/// Basis tensor b (0-based) for a 2D or 3D grid.
[[nodiscard]] SymTensor deviatoric_basis(int dim, int b);

/// Tensor sum_b coeff[b] B_b; coeff.size() must be deviatoric_basis_size(dim).
[[nodiscard]] SymTensor from_deviatoric_coefficients(int dim, std::span<const double> coeff);

/// Coefficients c_b = (T : B_b) / 2 of the projection of T on the basis (max 5 used).
[[nodiscard]] std::array<double, 5> deviatoric_coefficients(int dim, const SymTensor& t);

}  // namespace stz
