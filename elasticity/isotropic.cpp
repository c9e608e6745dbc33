#include "stz/elasticity/isotropic.hpp"

#include <cmath>

#include "stz/core/error.hpp"

namespace stz {

IsotropicElasticity::IsotropicElasticity(double young_modulus_GPa, double poisson_ratio)
    : e_(young_modulus_GPa), nu_(poisson_ratio) {
    STZ_REQUIRE(std::isfinite(e_) && e_ > 0,
                "Young's modulus must be a positive number of GPa, got " << e_);
    STZ_REQUIRE(std::isfinite(nu_) && nu_ > -1.0 && nu_ < 0.5,
                "Poisson's ratio must satisfy -1 < nu < 0.5, got " << nu_);
    mu_ = e_ / (2.0 * (1.0 + nu_));
    lambda_ = e_ * nu_ / ((1.0 + nu_) * (1.0 - 2.0 * nu_));
}

SymTensor IsotropicElasticity::stress(const SymTensor& eps) const {
    const double p = lambda_ * eps.trace();
    return {p + 2 * mu_ * eps.xx, p + 2 * mu_ * eps.yy, p + 2 * mu_ * eps.zz,
            2 * mu_ * eps.yz,     2 * mu_ * eps.xz,     2 * mu_ * eps.xy};
}

SymTensor IsotropicElasticity::strain(const SymTensor& s) const {
    const double a = (1.0 + nu_) / e_;
    const double p = nu_ / e_ * s.trace();
    return {a * s.xx - p, a * s.yy - p, a * s.zz - p, a * s.yz, a * s.xz, a * s.xy};
}

double IsotropicElasticity::energy_density_GPa(const SymTensor& s) const {
    return 0.5 * ddot(s, strain(s));
}

}  // namespace stz
