#pragma once
// Energy minimization of an atomistic sample, as LAMMPS `minimize` does it: Polak–Ribière
// conjugate gradient with LAMMPS's "quadratic" line search (min_style cg), or FIRE 2.0
// (min_style fire, Guénolé et al., Comput. Mater. Sci. 175, 109584 (2020)), optionally
// with the box relaxed towards a hydrostatic target pressure (fix box/relax iso, aniso,
// tri). With box relaxation the minimized objective is the enthalpy E + P_target V.
// docs/atomistic_minimization.md describes the algorithms, parameters and checks.
#include <array>
#include <functional>
#include <string>

#include "stz/atom/atoms.hpp"
#include "stz/atom/eam_force.hpp"

namespace stz::atom {

enum class MinAlgorithm { fire, cg };
/// Box degrees of freedom: none (fixed box); iso (one common scale factor); aniso (lx, ly,
/// lz independently, tilts fixed); tri (lx, ly, lz and the tilts xy, xz, yz).
enum class BoxRelax { none, iso, aniso, tri };
/// FIRE's integrator (LAMMPS min_modify integrator eulerimplicit / verlet).
enum class FireIntegrator { euler_implicit, verlet };

struct MinimizeSettings {
    MinAlgorithm algorithm = MinAlgorithm::cg;
    /// Relative energy tolerance (LAMMPS etol): stop when |E_k - E_k-1| <=
    /// etol * 0.5 (|E_k| + |E_k-1| + 1e-8 eV). 0 disables the test.
    double energy_tol = 0.0;
    /// Stop when the 2-norm of the whole generalized force vector (atoms and box dofs) is
    /// <= this, eV/Å (LAMMPS ftol). 0 disables the test.
    double force_tol_eV_per_A = 1e-8;
    long max_iterations = 10000;      ///< LAMMPS maxiter
    long max_evaluations = 100000;    ///< LAMMPS maxeval (force evaluations)
    /// Largest move of any atom coordinate in one line-search trial or FIRE step, Å (dmax).
    double max_step_A = 0.1;

    BoxRelax box = BoxRelax::none;
    /// Hydrostatic target pressure for box relaxation, bar (LAMMPS sign: > 0 compresses).
    /// With tri the shear targets are zero.
    double target_pressure_bar = 0.0;
    /// Largest strain of a box dof in one line-search trial or FIRE step (fix box/relax
    /// vmax): the fractional volume change for iso, each strain component otherwise.
    double max_volume_strain = 0.001;
    /// Length that turns box strains into generalized coordinates, Å (q = scale * strain,
    /// force = dH/dstrain / scale). 0: sqrt(N) * (V/N)^(1/3), which gives the box dofs
    /// stiffnesses comparable to an atom's (docs/atomistic_minimization.md).
    double cell_scale_A = 0.0;

    // FIRE 2.0, LAMMPS min_style fire defaults (min_modify keywords in brackets).
    FireIntegrator fire_integrator = FireIntegrator::euler_implicit;  ///< [integrator]
    double fire_dt_ps = 0.001;         ///< initial timestep (LAMMPS timestep, metal default)
    double fire_dtmax_factor = 10.0;   ///< dtmax = factor * fire_dt_ps [tmax]
    double fire_dtmin_factor = 0.02;   ///< dtmin = factor * fire_dt_ps [tmin]
    long fire_delay_steps = 20;        ///< N_delay: steps with P > 0 before dt grows [delaystep]
    double fire_dt_grow = 1.1;         ///< f_inc [dtgrow]
    double fire_dt_shrink = 0.5;       ///< f_dec [dtshrink]
    double fire_alpha0 = 0.25;         ///< initial mixing alpha [alpha0]
    double fire_alpha_shrink = 0.99;   ///< f_alpha [alphashrink]
    long fire_max_uphill = 2000;       ///< stop after this many consecutive P <= 0 steps; 0: never [vdfmax]
    bool fire_half_step_back = true;   ///< x -= dt/2 v when P <= 0 [halfstepback]

    /// Polled once per iteration; true stops the minimization with stop_reason
    /// kMinimizeStopped (a job's clean stop on SIGINT/SIGTERM). Empty: never.
    std::function<bool()> stop_requested;
};

/// stop_reason of a minimization ended by MinimizeSettings::stop_requested.
inline constexpr const char* kMinimizeStopped = "stopped on request";

struct MinimizeResult {
    long iterations = 0;
    long evaluations = 0;                    ///< force evaluations
    double energy_eV = 0;                    ///< final potential energy
    double enthalpy_eV = 0;                  ///< final E + P_target V (== energy_eV for a fixed box)
    double initial_energy_eV = 0;
    double force_norm_eV_per_A = 0;          ///< final 2-norm of the generalized force (atoms + box)
    double max_force_eV_per_A = 0;           ///< final largest |f_i| over atoms (Cartesian)
    std::array<double, 6> pressure_tensor_bar{};  ///< final virial pressure (xx, yy, zz, xy, xz, yz)
    std::string stop_reason;                 ///< LAMMPS's wording, e.g. "force tolerance"
    bool converged = false;                  ///< true iff stopped by the energy or force tolerance
};

/// Throws stz::Error naming the first invalid setting.
void validate(const MinimizeSettings& settings);

/// Minimizes the energy (enthalpy with box relaxation) of `atoms` in place: positions, box
/// and forces (atoms.f) are those of the final state; velocities are not touched. The
/// atoms may be wrapped into the box (image flags kept). Throws stz::Error on bad settings.
MinimizeResult minimize(Atoms& atoms, EamForce& force, const MinimizeSettings& settings);

[[nodiscard]] const char* to_string(MinAlgorithm a);
[[nodiscard]] const char* to_string(BoxRelax b);

}  // namespace stz::atom
