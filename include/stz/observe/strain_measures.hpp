#pragma once
// Scalar measures of a local strain tensor (MODEL.md §5; docs/observables.md).
#include <span>
#include <vector>

#include "stz/core/sym_tensor.hpp"

namespace stz {

/// Von Mises strain of 003-eq 2 (dimensionless), from tensor (not engineering) shears:
///
///   E_v = sqrt(E_xy^2 + E_xz^2 + E_yz^2
///              + ((E_xx - E_yy)^2 + (E_xx - E_zz)^2 + (E_yy - E_zz)^2) / 6)
///
/// which is sqrt(J2) = sqrt(dev(E):dev(E) / 2): invariant under rotations, blind to the
/// volumetric part. Closed forms: uniaxial strain e -> e / sqrt(3); simple shear with
/// engineering strain gamma (E_xy = gamma / 2) -> gamma / 2; the 2D eigenstrain
/// [[e1, e3], [e3, -e1]] with E_zz = 0 -> sqrt(e1^2 + e3^2).
[[nodiscard]] double von_mises_strain(const SymTensor& e);

/// The von Mises strain of every tensor of `e`, in the same order.
[[nodiscard]] std::vector<double> von_mises_strain(std::span<const SymTensor> e);

}  // namespace stz
