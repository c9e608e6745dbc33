#pragma once
// Mean fields under mixed boundary conditions (MODEL.md §4, loading modes).
//
// One "loading" strain measure is prescribed; every mean stress component orthogonal to
// the loading direction is exactly zero. With N the unit loading direction (Frobenius
// norm, in the free components), the conditions are
//     N : E = loading_strain / a,     sigma_mean = s N  (free components),
// with sigma_mean = C : (E - <eps*>), which gives s in closed form. The loading stress is
// b s, with a b = 1 so that loading stress and strain are work-conjugate.
//
//   mode                  N                      loading strain         loading stress
//   uniaxial_tension      axis axis              E_aa                   sigma_aa
//   uniaxial_compression  axis axis (a=b=-1)     -E_aa                  -sigma_aa
//   pure_shear            (xx - yy)/sqrt2        E_xx - E_yy            (sigma_xx - sigma_yy)/2
//   simple_shear          (xy + yx)/sqrt2        2 E_xy (engineering)   sigma_xy
// The loading axis is y in 2D and z in 3D. In 2D (plane strain) the free components are
// xx, yy, xy; E_zz = 0 and sigma_zz follows from Hooke's law.
#include <array>

#include "stz/config/config.hpp"
#include "stz/core/sym_tensor.hpp"
#include "stz/elasticity/isotropic.hpp"

namespace stz {

/// Mean strain and stress of the cell for one applied strain.
struct MeanFields {
    SymTensor strain;       ///< mean total strain E
    SymTensor stress;       ///< mean stress, GPa
    double loading_strain;  ///< the prescribed measure (dimensionless)
    double loading_stress;  ///< its work-conjugate stress, GPa
};

class MixedBoundary {
public:
    MixedBoundary(LoadingMode mode, int dim, const IsotropicElasticity& material);

    [[nodiscard]] LoadingMode mode() const { return mode_; }
    [[nodiscard]] int dim() const { return dim_; }

    /// Mean fields for the prescribed loading strain and the current mean eigenstrain.
    [[nodiscard]] MeanFields solve(double loading_strain, const SymTensor& mean_eigenstrain) const;

    /// Loading strain measure of a mean strain (a N : E).
    [[nodiscard]] double loading_strain(const SymTensor& mean_strain) const;
    /// Loading stress measure of a mean stress (b N : sigma).
    [[nodiscard]] double loading_stress(const SymTensor& mean_stress) const;
    /// d(loading stress)/d(loading strain) at fixed eigenstrain: the apparent modulus, GPa
    /// (E in 3D uniaxial, E/(1-nu^2) in 2D plane-strain uniaxial, mu in shear).
    [[nodiscard]] double apparent_modulus_GPa() const;

private:
    LoadingMode mode_;
    int dim_;
    IsotropicElasticity material_;
    int m_;                          // number of free components (3 in 2D, 6 in 3D)
    std::array<double, 6> n_{};      // loading direction, Mandel coordinates of free comps
    std::array<double, 6> cinv_n_{}; // C_ff^-1 N
    std::array<double, 6> cinv_cfz_{};  // 2D only: C_ff^-1 C_f,zz
    double n_cinv_n_ = 0;
    double a_ = 1, b_ = 1;
};

}  // namespace stz
