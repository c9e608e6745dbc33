#pragma once
// Closed-form Eshelby solutions for an isolated inclusion in an infinite isotropic medium,
// used to verify the FFT solver (tests) and shown beside it by `stzkmc eshelby`.
//
// Only pure-shear (deviatoric) eigenstrains are covered: in-plane for the circular
// inclusion in plane strain, any deviatoric tensor for the sphere.
// References: Eshelby, Proc. R. Soc. A 241 (1957) 376; Mura, Micromechanics of Defects in
// Solids (1987), §11 (cylinder and sphere Eshelby tensors).
#include "stz/core/sym_tensor.hpp"
#include "stz/elasticity/isotropic.hpp"

namespace stz {

/// Stress in polar components (GPa) at a point of the x-y plane.
struct PolarStress {
    double rr = 0, tt = 0, rt = 0, zz = 0;
};

/// Uniform interior stress of a circular inclusion (plane strain) with in-plane deviatoric
/// eigenstrain e (e.xx = -e.yy, e.xy; other components 0):
/// sigma = -mu / (2 (1 - nu)) e  (so sigma_xy = -mu e_xy / (2 (1 - nu))), sigma_zz = 0.
[[nodiscard]] SymTensor circular_inclusion_interior_stress(const IsotropicElasticity& m,
                                                           const SymTensor& eigenstrain);

/// Stress of the same circular inclusion (radius a) at polar position (r, theta) in the
/// x-y plane, inside (r < a) or outside. Outside, with e = |e| (cos 2phi, sin 2phi) and
/// s = -mu |e| / (2 (1 - nu)), u = theta - phi, rho = a / r (Airy function A cos2u + B
/// cos2u / r^2 matched to the interior traction at r = a):
///   sigma_rr = s (4 rho^2 - 3 rho^4) cos 2u,  sigma_tt = 3 s rho^4 cos 2u,
///   sigma_rt = s (2 rho^2 - 3 rho^4) sin 2u,  sigma_zz = nu (sigma_rr + sigma_tt).
[[nodiscard]] PolarStress circular_inclusion_stress(const IsotropicElasticity& m,
                                                    const SymTensor& eigenstrain, double a,
                                                    double r, double theta);

/// Uniform interior stress of a spherical inclusion with deviatoric eigenstrain e:
/// sigma = -2 mu (7 - 5 nu) / (15 (1 - nu)) e.
[[nodiscard]] SymTensor spherical_inclusion_interior_stress(const IsotropicElasticity& m,
                                                            const SymTensor& eigenstrain);

/// Polar components (rr, tt, rt, zz) of a Cartesian stress at angle theta in the x-y plane.
[[nodiscard]] PolarStress to_polar(const SymTensor& s, double theta);

}  // namespace stz
