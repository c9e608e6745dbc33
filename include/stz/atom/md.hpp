#pragma once
// Molecular-dynamics time integration in LAMMPS "metal" units (Å, ps, eV, amu, K, bar),
// doing what LAMMPS's `fix nve`, `fix nvt` and `fix npt` (fix_nh.cpp) do:
//   * NVE: velocity Verlet.
//   * NVT: Nosé–Hoover chains (Martyna, Klein, Tuckerman 1992) with the Trotter
//     factorisation of fix_nh (one chain loop, tloop 1).
//   * NPT: the MTK barostat (Martyna, Tobias, Klein 1994; Martyna, Tuckerman, Tobias, Klein
//     2006, "mtk yes") with its own Nosé–Hoover chain, factorised as Shinoda et al. 2004,
//     iso or aniso (x, y, z independently; tilts scaled with the cell, never barostatted).
//     The box is dilated about its centre and positions are remapped affinely (LAMMPS
//     "dilate all").
// Masses of the extended variables come from the damping times as in fix_nh:
// Q_1 = dof k T / ω_T², Q_k = k T / ω_T² (k > 1), W = (N + 1) k T / ω_P², barostat-chain
// masses k T / ω_P², with ω = 1 / damp. See docs/atomistic_dynamics.md.
//
// Optional homogeneous simple shear at a constant engineering strain rate (LAMMPS
// `fix deform 1 xy erate R remap x` with `fix nvt` or `fix nve`): in every step, right
// after the position update and before the force evaluation, the plane's tilt is set to
// tilt0 + γ̇ t h (t the time since the start of the run, h = ly for xy, lz for xz and yz;
// tilt0 and h taken at the start of each run, as fix deform does) and the atoms are mapped
// affinely (fractional coordinates kept). Velocities are NOT remapped and the thermostat
// acts on the full velocities (no SLLOD): the streaming velocity γ̇ h (3e-4 Å/ps for
// 1e7 /s and 30 Å) is negligible next to thermal velocities (~5 Å/ps at 300 K). LAMMPS
// deforms at the end of a step, after the force evaluation; here the box is deformed before
// it, so that forces, virial and box of a snapshot belong together (the positions differ
// from LAMMPS's by O(γ̇ dt² v), far below anything measurable). No box flips: run() throws
// before it starts if the tilt would pass half the box edge. The barostat cannot be combined
// with a deformation (the constructor throws).
#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "stz/atom/atoms.hpp"
#include "stz/atom/eam_force.hpp"

namespace stz {
class StateWriter;
class StateReader;
}  // namespace stz

namespace stz::atom {

/// Nosé–Hoover chain thermostat (LAMMPS `temp Tstart Tstop Tdamp`, `tchain`).
struct ThermostatSettings {
    double start_K = 0;    ///< target at the start of a run, K (> 0)
    double stop_K = 0;     ///< target at the end of a run, K (> 0); ramps linearly
    double damp_ps = 0.1;  ///< Tdamp, ps (> 0); LAMMPS suggests ~100 timesteps
    int chain = 3;         ///< chain length tchain (>= 1)
};

enum class PressureCoupling {
    iso,   ///< one strain rate for x, y, z, driven by the scalar pressure (LAMMPS `iso`)
    aniso  ///< x, y, z independently, each driven by its diagonal component (`aniso`)
};

/// MTK barostat (LAMMPS `iso|aniso Pstart Pstop Pdamp`, `pchain`, `mtk yes`).
struct BarostatSettings {
    PressureCoupling coupling = PressureCoupling::iso;
    double start_bar = 0;  ///< target at the start of a run, bar
    double stop_bar = 0;   ///< target at the end of a run, bar; ramps linearly
    double damp_ps = 1.0;  ///< Pdamp, ps (> 0); LAMMPS suggests ~1000 timesteps
    int chain = 3;         ///< length of the barostat's own chain, pchain (>= 0; 0: none)
};

/// Homogeneous simple shear at a constant engineering strain rate (LAMMPS `fix deform
/// plane erate R remap x`); see the file comment.
struct DeformationSettings {
    std::string plane = "xy";        ///< "xy", "xz" or "yz" (tilt changed, as in aqs.hpp)
    double strain_rate_per_ps = 0;   ///< γ̇ = d(tilt)/dt / h, 1/ps (finite; 1e7 /s = 1e-5 /ps)
};

struct MdSettings {
    double timestep_ps = 0.002;                     ///< dt, ps (> 0)
    std::optional<ThermostatSettings> thermostat;   ///< none: NVE (microcanonical)
    std::optional<BarostatSettings> barostat;       ///< requires a thermostat (NPT)
    std::optional<DeformationSettings> deformation; ///< NVT or NVE only (no barostat)
};

/// Thermodynamic state after a step (LAMMPS thermo keywords in brackets).
struct MdSnapshot {
    long step = 0;                 ///< total steps done by the integrator [step]
    double time_ps = 0;            ///< step * dt [time]
    double temperature_K = 0;      ///< dof 3N - 3 [temp]
    double potential_eV = 0;       ///< [pe]
    double kinetic_eV = 0;         ///< [ke]
    double pressure_bar = 0;       ///< trace / 3 of the tensor [press]
    double volume_A3 = 0;          ///< [vol]
    /// Total energy plus the energies of the thermostat and barostat variables plus
    /// P_target V (converted to eV): constant up to integration error when the targets
    /// do not ramp. Equal to pe + ke in NVE. [etotal + f_ID, except P V for P (V - V0)]
    double conserved_eV = 0;
    double target_K = 0;           ///< current thermostat target (0 without thermostat)
    double target_bar = 0;         ///< current barostat target (0 without barostat)
    std::array<double, 6> pressure_tensor_bar{};  ///< xx, yy, zz, xy, xz, yz [pxx ...]
};

class MdIntegrator {
public:
    /// Validates the settings; throws stz::Error naming the offending key
    /// (timestep_ps, thermostat.start_K, thermostat.damp_ps, barostat.damp_ps, ...).
    MdIntegrator(EamForce& force, MdSettings settings);

    /// Runs `steps` (>= 0) velocity-Verlet steps. Like one LAMMPS `run`: forces are
    /// evaluated first (setup), the extended-variable masses are set from the start
    /// targets, and the targets ramp linearly from start to stop over these steps
    /// (reaching stop at the last). Thermostat and barostat state carries over between
    /// runs. If every > 0, observer gets a snapshot at the run's first step, then every
    /// `every` steps, and at the last step (as LAMMPS thermo output); every <= 0: never.
    ///
    /// `after_step(k)`, if given, is called after step k of the run (after the observer), at
    /// a point where the state is complete: a job writes its checkpoints there (save_state)
    /// and may throw to stop (stz::Interrupted).
    ///
    /// Guards: every step checks that no atom moved more than kMaxStepDisplacement_A and that
    /// positions, box and energy are finite; a violation throws stz::Error naming the step,
    /// the atom (id, type) and what went wrong, instead of integrating garbage.
    void run(Atoms& atoms, long steps, const std::function<void(const MdSnapshot&)>& observer = {},
             long every = 0, const std::function<void(long)>& after_step = {});
    /// Continues the run that save_state() interrupted, after load_state(): steps k + 1 to
    /// `steps` (the same count that run() was given), without run()'s setup or its first
    /// snapshot (they belong to the interrupted part). Bitwise the same as if run() had
    /// never stopped, given the same atoms and force engine state.
    void continue_run(Atoms& atoms, long steps, const std::function<void(const MdSnapshot&)>& observer = {},
                      long every = 0, const std::function<void(long)>& after_step = {});

    /// Everything the integrator carries between steps (targets, chains, barostat, counters,
    /// the last energy and virial, the deformation reference), for checkpoints. load_state
    /// needs an integrator built with the same settings.
    void save_state(StateWriter& w) const;
    void load_state(StateReader& r);

    /// A step that moves an atom further than this is taken as a diverged integration, Å.
    static constexpr double kMaxStepDisplacement_A = 1.0;

    /// Sets the thermostat's start and stop targets (K, > 0) for the following runs (e.g.
    /// a quench done in chunks). Throws stz::Error without a thermostat.
    void retarget(double start_K, double stop_K);
    /// Re-evaluates energy, forces and virial after `atoms` changed outside run() (types
    /// swapped, atoms moved), so that snapshot() describes the new state. run() also
    /// re-evaluates at its start, so this is needed only for snapshots between runs.
    void forces_changed(Atoms& atoms);

    /// The current state of `atoms`, which must be the atoms last run (energies and
    /// virial are those of the last force evaluation).
    [[nodiscard]] MdSnapshot snapshot(const Atoms& atoms) const;
    /// Engineering shear strain applied by the deformation since the start of the current
    /// (or last) run: γ̇ k dt after k steps of it (0 without a deformation).
    [[nodiscard]] double run_strain() const;
    /// Total steps done over all runs.
    [[nodiscard]] long step() const { return step_; }
    [[nodiscard]] const MdSettings& settings() const { return settings_; }
    /// Energy of the thermostat and barostat variables plus P_target V, eV
    /// (conserved_eV - pe - ke).
    [[nodiscard]] double extended_energy_eV(double volume_A3) const;

private:
    void setup(Atoms& atoms, long steps);
    void one_step(Atoms& atoms, long k, long steps);
    void update_targets(long k, long steps);
    void thermostat_chain(Atoms& atoms, double kinetic_eV);
    void barostat_chain();
    void omega_dot(const Atoms& atoms, const std::array<double, 6>& kinetic_eV);
    void scale_velocities_barostat(Atoms& atoms) const;
    void half_kick(Atoms& atoms) const;
    void remap_box(Atoms& atoms) const;
    void deform(Atoms& atoms, long k) const;
    void steps_from(Atoms& atoms, long first, long steps, const std::function<void(const MdSnapshot&)>& observer,
                    long every, const std::function<void(long)>& after_step);
    [[noreturn]] void diverged(const Atoms& atoms, std::size_t i, const std::string& what) const;

    EamForce& force_;
    MdSettings settings_;
    long step_ = 0;
    bool have_forces_ = false;
    std::size_t natoms_ = 0;
    double tdof_ = 0;                        ///< 3N - 3
    ForceResult last_;                       ///< energy and virial at the current positions

    // Thermostat chain (eta_dot has one extra zero element, as in fix_nh).
    double t_target_ = 0, ke_target_ = 0;
    std::vector<double> eta_, eta_dot_, eta_dotdot_, eta_mass_;
    // Barostat: strain rates (per axis, 1/ps), their mass, and its own chain.
    double p_target_ = 0;
    std::array<double, 3> omega_dot_{};
    double omega_mass_ = 0;
    double mtk_term2_ = 0;
    std::vector<double> etap_, etap_dot_, etap_dotdot_, etap_mass_;
    // Deformation: tilt and height at the start of the run, steps done in it.
    double deform_tilt0_ = 0, deform_height_ = 0;
    long run_steps_done_ = 0;
};

}  // namespace stz::atom
