#include "stz/elasticity/eshelby_analytic.hpp"

#include <cmath>

#include "stz/core/error.hpp"

namespace stz {

namespace {
void require_inplane_deviatoric(const SymTensor& e) {
    const double scale = std::max(1e-300, norm(e));
    STZ_REQUIRE(std::abs(e.xx + e.yy) <= 1e-12 * scale && e.zz == 0 && e.xz == 0 && e.yz == 0,
                "the circular-inclusion closed form needs an in-plane pure-shear eigenstrain "
                "(xx = -yy, xy; zz = xz = yz = 0)");
}
}  // namespace

SymTensor circular_inclusion_interior_stress(const IsotropicElasticity& m, const SymTensor& e) {
    require_inplane_deviatoric(e);
    const double f = -m.shear_modulus_GPa() / (2.0 * (1.0 - m.poisson_ratio()));
    return {f * e.xx, f * e.yy, 0, 0, 0, f * e.xy};
}

PolarStress circular_inclusion_stress(const IsotropicElasticity& m, const SymTensor& e, double a,
                                      double r, double theta) {
    require_inplane_deviatoric(e);
    STZ_REQUIRE(a > 0 && r >= 0, "inclusion radius must be positive and r non-negative");
    if (r < a) return to_polar(circular_inclusion_interior_stress(m, e), theta);
    const double amp = std::hypot(e.xx, e.xy);
    const double phi = 0.5 * std::atan2(e.xy, e.xx);
    const double s = -m.shear_modulus_GPa() * amp / (2.0 * (1.0 - m.poisson_ratio()));
    const double u = theta - phi;
    const double r2 = (a / r) * (a / r), r4 = r2 * r2;
    PolarStress p;
    p.rr = s * (4 * r2 - 3 * r4) * std::cos(2 * u);
    p.tt = 3 * s * r4 * std::cos(2 * u);
    p.rt = s * (2 * r2 - 3 * r4) * std::sin(2 * u);
    p.zz = m.poisson_ratio() * (p.rr + p.tt);
    return p;
}

SymTensor spherical_inclusion_interior_stress(const IsotropicElasticity& m, const SymTensor& e) {
    const double scale = std::max(1e-300, norm(e));
    STZ_REQUIRE(std::abs(e.trace()) <= 1e-12 * scale,
                "the spherical-inclusion closed form here needs a traceless eigenstrain");
    const double nu = m.poisson_ratio();
    return e * (-2.0 * m.shear_modulus_GPa() * (7.0 - 5.0 * nu) / (15.0 * (1.0 - nu)));
}

PolarStress to_polar(const SymTensor& s, double theta) {
    const double c = std::cos(theta), sn = std::sin(theta);
    PolarStress p;
    p.rr = s.xx * c * c + s.yy * sn * sn + 2 * s.xy * sn * c;
    p.tt = s.xx * sn * sn + s.yy * c * c - 2 * s.xy * sn * c;
    p.rt = (s.yy - s.xx) * sn * c + s.xy * (c * c - sn * sn);
    p.zz = s.zz;
    return p;
}

}  // namespace stz
