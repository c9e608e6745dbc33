#pragma once
// Homogeneous isotropic linear elasticity (MODEL.md §3): Hooke's law and its inverse.
#include "stz/core/sym_tensor.hpp"

namespace stz {

class IsotropicElasticity {
public:
    /// young_modulus_GPa > 0, -1 < poisson_ratio < 0.5 (checked; throws stz::Error).
    IsotropicElasticity(double young_modulus_GPa, double poisson_ratio);

    [[nodiscard]] double young_modulus_GPa() const { return e_; }
    [[nodiscard]] double poisson_ratio() const { return nu_; }
    /// Shear modulus mu = E / (2 (1 + nu)), GPa.
    [[nodiscard]] double shear_modulus_GPa() const { return mu_; }
    /// First Lame constant lambda = E nu / ((1 + nu)(1 - 2 nu)), GPa.
    [[nodiscard]] double lame_lambda_GPa() const { return lambda_; }
    /// Bulk modulus K = E / (3 (1 - 2 nu)), GPa.
    [[nodiscard]] double bulk_modulus_GPa() const { return lambda_ + 2.0 * mu_ / 3.0; }

    /// sigma = lambda tr(eps) I + 2 mu eps (strain dimensionless, stress GPa).
    [[nodiscard]] SymTensor stress(const SymTensor& strain) const;
    /// eps = ((1 + nu) sigma - nu tr(sigma) I) / E (stress GPa, strain dimensionless).
    [[nodiscard]] SymTensor strain(const SymTensor& stress) const;
    /// Elastic energy density 1/2 sigma : C^-1 : sigma, in GPa (= GJ/m^3).
    [[nodiscard]] double energy_density_GPa(const SymTensor& stress) const;

private:
    double e_, nu_, mu_, lambda_;
};

}  // namespace stz
