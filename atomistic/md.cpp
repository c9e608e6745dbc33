// Velocity Verlet with Nosé–Hoover chains and the MTK barostat, factorised as LAMMPS's
// fix_nh.cpp does (docs/atomistic_dynamics.md). Serial loops over atoms: the O(N) updates
// cost little next to the force evaluation, and keep the trajectory independent of the
// thread count (the forces already are).
#include "stz/atom/md.hpp"

#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <utility>

#include "stz/atom/thermo.hpp"
#include "stz/atom/units.hpp"
#include "stz/core/error.hpp"
#include "stz/io/state_file.hpp"

namespace stz::atom {

namespace {

constexpr double kB = units::kBoltzmann_eV_per_K;

bool finite_positive(double v) { return std::isfinite(v) && v > 0; }

// The tilt a shear plane changes, its reference height and its flip limit (as aqs.cpp).
double& tilt_of(Box& b, const std::string& plane) { return plane == "xy" ? b.xy : (plane == "xz" ? b.xz : b.yz); }
double height_of(const Box& b, const std::string& plane) { return plane == "xy" ? b.ly : b.lz; }
double flip_limit(const Box& b, const std::string& plane) { return plane == "yz" ? 0.5 * b.ly : 0.5 * b.lx; }

}  // namespace

MdIntegrator::MdIntegrator(EamForce& force, MdSettings settings) : force_(force), settings_(std::move(settings)) {
    const MdSettings& s = settings_;
    STZ_REQUIRE(finite_positive(s.timestep_ps), "md: timestep_ps must be > 0 ps, got " << s.timestep_ps);
    if (s.thermostat) {
        const ThermostatSettings& t = *s.thermostat;
        STZ_REQUIRE(finite_positive(t.start_K), "md: thermostat.start_K must be > 0 K, got " << t.start_K);
        STZ_REQUIRE(finite_positive(t.stop_K), "md: thermostat.stop_K must be > 0 K, got " << t.stop_K);
        STZ_REQUIRE(finite_positive(t.damp_ps), "md: thermostat.damp_ps must be > 0 ps, got " << t.damp_ps);
        STZ_REQUIRE(t.chain >= 1, "md: thermostat.chain must be >= 1, got " << t.chain);
        const std::size_t m = static_cast<std::size_t>(t.chain);
        eta_.assign(m, 0.0);
        eta_dot_.assign(m + 1, 0.0);
        eta_dotdot_.assign(m, 0.0);
        eta_mass_.assign(m, 0.0);
    }
    if (s.barostat) {
        const BarostatSettings& b = *s.barostat;
        STZ_REQUIRE(s.thermostat.has_value(),
                    "md: barostat requires thermostat (NPT, as LAMMPS fix npt; NPH is not offered)");
        STZ_REQUIRE(std::isfinite(b.start_bar), "md: barostat.start_bar must be finite, got " << b.start_bar);
        STZ_REQUIRE(std::isfinite(b.stop_bar), "md: barostat.stop_bar must be finite, got " << b.stop_bar);
        STZ_REQUIRE(finite_positive(b.damp_ps), "md: barostat.damp_ps must be > 0 ps, got " << b.damp_ps);
        STZ_REQUIRE(b.chain >= 0, "md: barostat.chain must be >= 0, got " << b.chain);
        const std::size_t m = static_cast<std::size_t>(b.chain);
        etap_.assign(m, 0.0);
        etap_dot_.assign(m + 1, 0.0);
        etap_dotdot_.assign(m, 0.0);
        etap_mass_.assign(m, 0.0);
    }
    if (s.deformation) {
        const DeformationSettings& d = *s.deformation;
        STZ_REQUIRE(d.plane == "xy" || d.plane == "xz" || d.plane == "yz",
                    "md: deformation.plane must be \"xy\", \"xz\" or \"yz\", got \"" << d.plane << "\"");
        STZ_REQUIRE(std::isfinite(d.strain_rate_per_ps),
                    "md: deformation.strain_rate_per_ps must be finite, got " << d.strain_rate_per_ps);
        STZ_REQUIRE(!s.barostat.has_value(),
                    "md: deformation (shear " << d.plane << ") cannot be combined with barostat; use thermostat "
                    "alone (NVT, as LAMMPS fix nvt + fix deform) or neither (NVE)");
    }
}

void MdIntegrator::retarget(double start_K, double stop_K) {
    STZ_REQUIRE(settings_.thermostat.has_value(), "md: retarget() needs a thermostat");
    STZ_REQUIRE(finite_positive(start_K), "md: thermostat.start_K must be > 0 K, got " << start_K);
    STZ_REQUIRE(finite_positive(stop_K), "md: thermostat.stop_K must be > 0 K, got " << stop_K);
    settings_.thermostat->start_K = start_K;
    settings_.thermostat->stop_K = stop_K;
}

void MdIntegrator::forces_changed(Atoms& atoms) {
    force_.invalidate();
    last_ = force_.compute(atoms);
    have_forces_ = true;
    natoms_ = atoms.size();
    tdof_ = degrees_of_freedom(atoms);
}

// ---------------------------------------------------------------- targets and masses

void MdIntegrator::update_targets(long k, long steps) {
    const double delta = steps > 0 ? static_cast<double>(k) / static_cast<double>(steps) : 0.0;
    if (settings_.thermostat) {
        const auto& t = *settings_.thermostat;
        t_target_ = t.start_K + delta * (t.stop_K - t.start_K);
        ke_target_ = tdof_ * kB * t_target_;
    }
    if (settings_.barostat) {
        const auto& b = *settings_.barostat;
        p_target_ = b.start_bar + delta * (b.stop_bar - b.start_bar);
    }
}

void MdIntegrator::setup(Atoms& atoms, long steps) {
    atoms.validate("md run");
    STZ_REQUIRE(atoms.size() >= 2, "md: need at least 2 atoms, got " << atoms.size());
    natoms_ = atoms.size();
    tdof_ = degrees_of_freedom(atoms);
    last_ = force_.compute(atoms);
    have_forces_ = true;
    update_targets(0, steps);
    const double kt = kB * t_target_;
    if (settings_.thermostat) {
        const double w = 1.0 / settings_.thermostat->damp_ps;
        eta_mass_[0] = tdof_ * kt / (w * w);
        for (std::size_t i = 1; i < eta_mass_.size(); ++i) eta_mass_[i] = kt / (w * w);
        for (std::size_t i = 1; i < eta_mass_.size(); ++i)
            eta_dotdot_[i] = (eta_mass_[i - 1] * eta_dot_[i - 1] * eta_dot_[i - 1] - kt) / eta_mass_[i];
    }
    if (settings_.barostat) {
        const double w = 1.0 / settings_.barostat->damp_ps;
        omega_mass_ = (static_cast<double>(natoms_) + 1.0) * kt / (w * w);
        for (auto& m : etap_mass_) m = kt / (w * w);
        for (std::size_t i = 1; i < etap_mass_.size(); ++i)
            etap_dotdot_[i] = (etap_mass_[i - 1] * etap_dot_[i - 1] * etap_dot_[i - 1] - kt) / etap_mass_[i];
    }
}

// ---------------------------------------------------------------- chains

// Nosé–Hoover chain on the particles over dt/2 (fix_nh nhc_temp_integrate, one loop):
// chain from the top down, scale velocities by exp(-dt/2 eta_dot_1), chain bottom up.
void MdIntegrator::thermostat_chain(Atoms& atoms, double kinetic_eV) {
    const double dt = settings_.timestep_ps;
    const double dthalf = 0.5 * dt, dt4 = 0.25 * dt, dt8 = 0.125 * dt;
    const double w = 1.0 / settings_.thermostat->damp_ps;
    const double kt = kB * t_target_;
    const std::size_t m = eta_.size();
    // Masses follow the (possibly ramping) target, as fix_nh does by default.
    eta_mass_[0] = tdof_ * kt / (w * w);
    for (std::size_t i = 1; i < m; ++i) eta_mass_[i] = kt / (w * w);

    double ke2 = 2.0 * kinetic_eV;  // tdof k T_current
    eta_dotdot_[0] = (ke2 - ke_target_) / eta_mass_[0];
    for (std::size_t i = m - 1; i > 0; --i) {
        const double e = std::exp(-dt8 * eta_dot_[i + 1]);
        eta_dot_[i] = (eta_dot_[i] * e + eta_dotdot_[i] * dt4) * e;
    }
    double e = std::exp(-dt8 * eta_dot_[1]);
    eta_dot_[0] = (eta_dot_[0] * e + eta_dotdot_[0] * dt4) * e;

    const double factor = std::exp(-dthalf * eta_dot_[0]);
    for (auto& v : atoms.v) v *= factor;
    ke2 *= factor * factor;
    eta_dotdot_[0] = (ke2 - ke_target_) / eta_mass_[0];
    for (std::size_t i = 0; i < m; ++i) eta_[i] += dthalf * eta_dot_[i];

    eta_dot_[0] = (eta_dot_[0] * e + eta_dotdot_[0] * dt4) * e;
    for (std::size_t i = 1; i < m; ++i) {
        e = std::exp(-dt8 * eta_dot_[i + 1]);
        eta_dot_[i] *= e;
        eta_dotdot_[i] = (eta_mass_[i - 1] * eta_dot_[i - 1] * eta_dot_[i - 1] - kt) / eta_mass_[i];
        eta_dot_[i] = (eta_dot_[i] + eta_dotdot_[i] * dt4) * e;
    }
}

// Nosé–Hoover chain on the barostat over dt/2 (fix_nh nhc_press_integrate, one loop). Iso
// has one barostat degree of freedom (three equal strain rates), aniso three.
void MdIntegrator::barostat_chain() {
    const std::size_t m = etap_.size();
    if (m == 0) return;
    const double dt = settings_.timestep_ps;
    const double dthalf = 0.5 * dt, dt4 = 0.25 * dt, dt8 = 0.125 * dt;
    const double kt = kB * t_target_;
    const bool iso = settings_.barostat->coupling == PressureCoupling::iso;
    const double lkt = iso ? kt : 3.0 * kt;
    auto kinetic2 = [&] {
        double k = 0;
        for (double od : omega_dot_) k += omega_mass_ * od * od;
        return k;
    };
    etap_dotdot_[0] = (kinetic2() - lkt) / etap_mass_[0];
    for (std::size_t i = m - 1; i > 0; --i) {
        const double e = std::exp(-dt8 * etap_dot_[i + 1]);
        etap_dot_[i] = (etap_dot_[i] * e + etap_dotdot_[i] * dt4) * e;
    }
    double e = std::exp(-dt8 * etap_dot_[1]);
    etap_dot_[0] = (etap_dot_[0] * e + etap_dotdot_[0] * dt4) * e;
    for (std::size_t i = 0; i < m; ++i) etap_[i] += dthalf * etap_dot_[i];
    const double factor = std::exp(-dthalf * etap_dot_[0]);
    for (double& od : omega_dot_) od *= factor;
    etap_dotdot_[0] = (kinetic2() - lkt) / etap_mass_[0];
    etap_dot_[0] = (etap_dot_[0] * e + etap_dotdot_[0] * dt4) * e;
    for (std::size_t i = 1; i < m; ++i) {
        e = std::exp(-dt8 * etap_dot_[i + 1]);
        etap_dot_[i] *= e;
        etap_dotdot_[i] = (etap_mass_[i - 1] * etap_dot_[i - 1] * etap_dot_[i - 1] - kt) / etap_mass_[i];
        etap_dot_[i] = (etap_dot_[i] + etap_dotdot_[i] * dt4) * e;
    }
}

// ---------------------------------------------------------------- barostat

// Strain rates over dt/2 (fix_nh nh_omega_dot with mtk yes):
// W d(omega_dot_a)/dt = (P_a - P_target) V + 2 KE / (3 N).
void MdIntegrator::omega_dot(const Atoms& atoms, const std::array<double, 6>& kinetic_eV) {
    const double dthalf = 0.5 * settings_.timestep_ps;
    const double volume = atoms.box.volume();
    const auto p = pressure_tensor_bar(last_.virial_eV, kinetic_eV, volume);
    const bool iso = settings_.barostat->coupling == PressureCoupling::iso;
    const double p_scalar = pressure_bar(p);
    const double n = static_cast<double>(natoms_);
    const double mtk_term1 = (kinetic_eV[0] + kinetic_eV[1] + kinetic_eV[2]) / (3.0 * n);
    for (int a = 0; a < 3; ++a) {
        const double pa = iso ? p_scalar : p[static_cast<std::size_t>(a)];
        const double f = (pa - p_target_) * volume / (omega_mass_ * units::kBarPerEvPerA3) + mtk_term1 / omega_mass_;
        omega_dot_[static_cast<std::size_t>(a)] += f * dthalf;
    }
    mtk_term2_ = (omega_dot_[0] + omega_dot_[1] + omega_dot_[2]) / (3.0 * n);
}

// v_a *= exp(-dt/2 (omega_dot_a + tr(omega_dot)/(3N))) (fix_nh nh_v_press).
void MdIntegrator::scale_velocities_barostat(Atoms& atoms) const {
    const double dthalf = 0.5 * settings_.timestep_ps;
    const Vec3 f{std::exp(-dthalf * (omega_dot_[0] + mtk_term2_)), std::exp(-dthalf * (omega_dot_[1] + mtk_term2_)),
                 std::exp(-dthalf * (omega_dot_[2] + mtk_term2_))};
    for (auto& v : atoms.v) v = {v.x * f.x, v.y * f.y, v.z * f.z};
}

// Dilates the box over dt/2 about its centre, h -> exp(dt/2 diag(omega_dot)) h, and maps
// the atoms with it (fix_nh remap; tilts scale with the edge they are measured along).
void MdIntegrator::remap_box(Atoms& atoms) const {
    const double dthalf = 0.5 * settings_.timestep_ps;
    const Box old = atoms.box;
    const double ex = std::exp(dthalf * omega_dot_[0]);
    const double ey = std::exp(dthalf * omega_dot_[1]);
    const double ez = std::exp(dthalf * omega_dot_[2]);
    Box& b = atoms.box;
    const Vec3 centre = old.lo + 0.5 * Vec3{old.lx, old.ly, old.lz};
    b.lo = {centre.x - 0.5 * old.lx * ex, centre.y - 0.5 * old.ly * ey, centre.z - 0.5 * old.lz * ez};
    b.lx = old.lx * ex;
    b.ly = old.ly * ey;
    b.lz = old.lz * ez;
    b.xy = old.xy * ey;
    b.xz = old.xz * ez;
    b.yz = old.yz * ez;
    for (auto& x : atoms.x) x = b.from_fractional(old.to_fractional(x));
}

// Sets the plane's tilt to tilt0 + γ̇ k dt h (from the elapsed time, not accumulated) and
// maps the atoms affinely (fix deform remap x). Velocities are left alone.
void MdIntegrator::deform(Atoms& atoms, long k) const {
    const DeformationSettings& d = *settings_.deformation;
    const Box old = atoms.box;
    tilt_of(atoms.box, d.plane) =
        deform_tilt0_ + d.strain_rate_per_ps * (static_cast<double>(k) * settings_.timestep_ps) * deform_height_;
    for (auto& x : atoms.x) x = atoms.box.from_fractional(old.to_fractional(x));
}

double MdIntegrator::run_strain() const {
    if (!settings_.deformation) return 0.0;
    return settings_.deformation->strain_rate_per_ps * (static_cast<double>(run_steps_done_) * settings_.timestep_ps);
}

// ---------------------------------------------------------------- the step

void MdIntegrator::half_kick(Atoms& atoms) const {
    const double dtf = 0.5 * settings_.timestep_ps * units::kFtm2v;
    for (std::size_t i = 0; i < atoms.size(); ++i) atoms.v[i] += (dtf / atoms.mass(i)) * atoms.f[i];
}

// One step in fix_nh's order (initial_integrate, force, final_integrate).
void MdIntegrator::one_step(Atoms& atoms, long k, long steps) {
    const bool tstat = settings_.thermostat.has_value();
    const bool pstat = settings_.barostat.has_value();
    const double dt = settings_.timestep_ps;
    update_targets(k, steps);

    if (pstat) barostat_chain();
    if (tstat) thermostat_chain(atoms, kinetic_energy_eV(atoms));
    if (pstat) {
        omega_dot(atoms, kinetic_tensor_eV(atoms));  // virial at x(t), the rescaled velocities
        scale_velocities_barostat(atoms);
    }
    half_kick(atoms);
    if (pstat) remap_box(atoms);
    // Guard (a few flops per atom, next to ~100 per pair in the forces): the largest move
    // and whether every new position is finite.
    constexpr double limit2 = kMaxStepDisplacement_A * kMaxStepDisplacement_A;
    std::size_t far = atoms.size();
    double xsum = 0;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        const Vec3 d = dt * atoms.v[i];
        if (!(dot(d, d) <= limit2)) far = std::min(far, i);
        atoms.x[i] += d;
        xsum += atoms.x[i].x + atoms.x[i].y + atoms.x[i].z;
    }
    if (far < atoms.size()) {
        std::ostringstream os;
        os << "moved " << norm(dt * atoms.v[far]) << " Å in one step (velocity " << norm(atoms.v[far])
           << " Å/ps; more than " << kMaxStepDisplacement_A << " Å";
        diverged(atoms, far, os.str() + ")");
    }
    if (!std::isfinite(xsum)) {
        for (std::size_t i = 0; i < atoms.size(); ++i)
            if (!std::isfinite(atoms.x[i].x + atoms.x[i].y + atoms.x[i].z)) diverged(atoms, i, "has a non-finite position");
    }
    if (pstat) remap_box(atoms);
    if (settings_.deformation) deform(atoms, k);
    if (!(std::isfinite(atoms.box.volume()) && atoms.box.volume() > 0)) {
        std::ostringstream os;
        os << "md step " << step_ + 1 << ": the box became " << atoms.box.lx << " x " << atoms.box.ly << " x "
           << atoms.box.lz << " Å (barostat diverged: time step or barostat damping too small?)";
        throw Error(os.str());
    }

    try {
        last_ = force_.compute(atoms);
    } catch (const Error& e) {
        throw Error("md step " + std::to_string(step_ + 1) + ": " + e.what());
    }
    if (!std::isfinite(last_.energy_eV)) {
        std::ostringstream os;
        os << "md step " << step_ + 1 << ": the potential energy is " << last_.energy_eV;
        throw Error(os.str());
    }

    half_kick(atoms);
    if (pstat) {
        scale_velocities_barostat(atoms);
        omega_dot(atoms, kinetic_tensor_eV(atoms));
    }
    if (tstat) thermostat_chain(atoms, kinetic_energy_eV(atoms));
    if (pstat) barostat_chain();
}

void MdIntegrator::run(Atoms& atoms, long steps, const std::function<void(const MdSnapshot&)>& observer, long every,
                       const std::function<void(long)>& after_step) {
    STZ_REQUIRE(steps >= 0, "md: steps must be >= 0, got " << steps);
    run_steps_done_ = 0;
    if (settings_.deformation) {
        const DeformationSettings& d = *settings_.deformation;
        atoms.box.validate("md run");
        deform_tilt0_ = tilt_of(atoms.box, d.plane);
        deform_height_ = height_of(atoms.box, d.plane);
        const double final_tilt =
            deform_tilt0_ + d.strain_rate_per_ps * (static_cast<double>(steps) * settings_.timestep_ps) * deform_height_;
        STZ_REQUIRE(std::fabs(final_tilt) <= flip_limit(atoms.box, d.plane) * (1 + 1e-12),
                    "md: deformation of plane " << d.plane << " over " << steps << " steps takes the tilt to "
                                                << final_tilt << " Å, beyond half the box edge ("
                                                << flip_limit(atoms.box, d.plane)
                                                << " Å); that needs a box flip, which is not implemented");
    }
    setup(atoms, steps);
    if (observer && every > 0) observer(snapshot(atoms));
    steps_from(atoms, 1, steps, observer, every, after_step);
}

void MdIntegrator::continue_run(Atoms& atoms, long steps, const std::function<void(const MdSnapshot&)>& observer,
                                long every, const std::function<void(long)>& after_step) {
    STZ_REQUIRE(have_forces_ && atoms.size() == natoms_ && run_steps_done_ <= steps,
                "md: continue_run() needs the state of an interrupted run of at least " << steps << " steps");
    steps_from(atoms, run_steps_done_ + 1, steps, observer, every, after_step);
}

void MdIntegrator::steps_from(Atoms& atoms, long first, long steps,
                              const std::function<void(const MdSnapshot&)>& observer, long every,
                              const std::function<void(long)>& after_step) {
    const bool observe = observer && every > 0;
    for (long k = first; k <= steps; ++k) {
        one_step(atoms, k, steps);
        ++step_;
        run_steps_done_ = k;
        if (observe && (k % every == 0 || k == steps)) observer(snapshot(atoms));
        if (after_step) after_step(k);
    }
}

void MdIntegrator::diverged(const Atoms& atoms, std::size_t i, const std::string& what) const {
    std::ostringstream os;
    const auto t = static_cast<std::size_t>(atoms.type[i]);
    os << "md step " << step_ + 1 << ": atom " << atoms.id[i] << " (type " << t + 1;
    if (t < atoms.species.size() && !atoms.species[t].element.empty()) os << ", " << atoms.species[t].element;
    os << ") " << what << ": the integration diverged (time step " << settings_.timestep_ps
       << " ps too large, overlapping atoms, or a broken potential)";
    throw Error(os.str());
}

// ---------------------------------------------------------------- checkpoints

namespace {

void put_doubles(StateWriter& w, const std::vector<double>& v) { w.put_vector(v); }
void get_doubles(StateReader& r, std::vector<double>& v, const char* what) { v = r.get_vector<double>(what, v.size()); }

}  // namespace

void MdIntegrator::save_state(StateWriter& w) const {
    w.put(settings_.thermostat ? settings_.thermostat->start_K : 0.0);
    w.put(settings_.thermostat ? settings_.thermostat->stop_K : 0.0);
    w.put(static_cast<std::int64_t>(step_));
    w.put<std::uint8_t>(have_forces_ ? 1 : 0);
    w.put(static_cast<std::uint64_t>(natoms_));
    w.put(tdof_);
    w.put(last_.energy_eV);
    for (double v : last_.virial_eV) w.put(v);
    w.put(t_target_);
    w.put(ke_target_);
    for (const auto* v : {&eta_, &eta_dot_, &eta_dotdot_, &eta_mass_}) put_doubles(w, *v);
    w.put(p_target_);
    for (double v : omega_dot_) w.put(v);
    w.put(omega_mass_);
    w.put(mtk_term2_);
    for (const auto* v : {&etap_, &etap_dot_, &etap_dotdot_, &etap_mass_}) put_doubles(w, *v);
    w.put(deform_tilt0_);
    w.put(deform_height_);
    w.put(static_cast<std::int64_t>(run_steps_done_));
}

void MdIntegrator::load_state(StateReader& r) {
    const double start_K = r.get<double>("thermostat start");
    const double stop_K = r.get<double>("thermostat stop");
    if (settings_.thermostat) {
        settings_.thermostat->start_K = start_K;
        settings_.thermostat->stop_K = stop_K;
    }
    step_ = static_cast<long>(r.get<std::int64_t>("md step"));
    have_forces_ = r.get<std::uint8_t>("md forces flag") != 0;
    natoms_ = static_cast<std::size_t>(r.get<std::uint64_t>("md atom count"));
    tdof_ = r.get<double>("md degrees of freedom");
    last_ = ForceResult{};
    last_.energy_eV = r.get<double>("md energy");
    for (double& v : last_.virial_eV) v = r.get<double>("md virial");
    t_target_ = r.get<double>("thermostat target");
    ke_target_ = r.get<double>("thermostat kinetic target");
    get_doubles(r, eta_, "thermostat chain");
    get_doubles(r, eta_dot_, "thermostat chain rates");
    get_doubles(r, eta_dotdot_, "thermostat chain forces");
    get_doubles(r, eta_mass_, "thermostat chain masses");
    p_target_ = r.get<double>("barostat target");
    for (double& v : omega_dot_) v = r.get<double>("barostat strain rates");
    omega_mass_ = r.get<double>("barostat mass");
    mtk_term2_ = r.get<double>("barostat MTK term");
    get_doubles(r, etap_, "barostat chain");
    get_doubles(r, etap_dot_, "barostat chain rates");
    get_doubles(r, etap_dotdot_, "barostat chain forces");
    get_doubles(r, etap_mass_, "barostat chain masses");
    deform_tilt0_ = r.get<double>("deformation tilt");
    deform_height_ = r.get<double>("deformation height");
    run_steps_done_ = static_cast<long>(r.get<std::int64_t>("md run steps"));
}

// ---------------------------------------------------------------- observables

double MdIntegrator::extended_energy_eV(double volume_A3) const {
    double e = 0;
    const double kt = kB * t_target_;
    if (settings_.thermostat) {
        // Martyna, Tuckerman, Tobias, Klein 1996 eq. (2): dof kT eta_1 + sum_k>1 kT eta_k
        // + sum_k Q_k eta_dot_k^2 / 2.
        e += ke_target_ * eta_[0] + 0.5 * eta_mass_[0] * eta_dot_[0] * eta_dot_[0];
        for (std::size_t i = 1; i < eta_.size(); ++i) e += kt * eta_[i] + 0.5 * eta_mass_[i] * eta_dot_[i] * eta_dot_[i];
    }
    if (settings_.barostat) {
        for (double od : omega_dot_) e += 0.5 * omega_mass_ * od * od;
        e += p_target_ * volume_A3 / units::kBarPerEvPerA3;
        if (!etap_.empty()) {
            const double lkt = settings_.barostat->coupling == PressureCoupling::iso ? kt : 3.0 * kt;
            e += lkt * etap_[0] + 0.5 * etap_mass_[0] * etap_dot_[0] * etap_dot_[0];
            for (std::size_t i = 1; i < etap_.size(); ++i)
                e += kt * etap_[i] + 0.5 * etap_mass_[i] * etap_dot_[i] * etap_dot_[i];
        }
    }
    return e;
}

MdSnapshot MdIntegrator::snapshot(const Atoms& atoms) const {
    STZ_REQUIRE(have_forces_ && atoms.size() == natoms_,
                "md: snapshot() needs the atoms of the last run (call run() first, 0 steps will do)");
    MdSnapshot s;
    s.step = step_;
    s.time_ps = static_cast<double>(step_) * settings_.timestep_ps;
    const auto k = kinetic_tensor_eV(atoms);
    s.kinetic_eV = 0.5 * (k[0] + k[1] + k[2]);
    s.temperature_K = 2.0 * s.kinetic_eV / (tdof_ * kB);
    s.potential_eV = last_.energy_eV;
    s.volume_A3 = atoms.box.volume();
    s.pressure_tensor_bar = pressure_tensor_bar(last_.virial_eV, k, s.volume_A3);
    s.pressure_bar = pressure_bar(s.pressure_tensor_bar);
    s.conserved_eV = s.potential_eV + s.kinetic_eV + extended_energy_eV(s.volume_A3);
    s.target_K = settings_.thermostat ? t_target_ : 0.0;
    s.target_bar = settings_.barostat ? p_target_ : 0.0;
    return s;
}

}  // namespace stz::atom
