// Energy minimization: conjugate gradient (LAMMPS min_style cg with the "quadratic" line
// search) and FIRE 2.0 (LAMMPS min_style fire), over atom positions and, optionally, box
// strains (LAMMPS fix box/relax). See docs/atomistic_minimization.md.
#include "stz/atom/minimize.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <vector>

#include <spdlog/spdlog.h>

#include "stz/atom/thermo.hpp"
#include "stz/atom/units.hpp"
#include "stz/core/error.hpp"

namespace stz::atom {

namespace {

using Mat3 = std::array<std::array<double, 3>, 3>;
using Vector = std::vector<double>;

double dot(const Vector& a, const Vector& b) {
    double s = 0;
    for (std::size_t k = 0; k < a.size(); ++k) s += a[k] * b[k];
    return s;
}

// Generalized coordinates q = (u_1, ..., u_N, box dofs). u_i is atom i's position in the
// reference frame (the box at the start, origin lo): r_i = lo + F u_i + H n_i, where F is
// the upper-triangular deformation gradient since the start, H = F H0 the current cell and
// n_i the lattice translation the neighbour list's wrapping applied. The box dofs are
// cell_scale * (F - I) components: iso one (F = lambda I), aniso three (diagonal), tri six
// (xx, yy, zz, xy, xz, yz). The objective is the enthalpy E + p V and the generalized force
// its negative gradient: F^T f_i for atoms, (W - p V I) F^-T / cell_scale for the box.
class Objective {
public:
    Objective(Atoms& atoms, EamForce& force, const MinimizeSettings& s)
        : atoms_(atoms), force_(force), mode_(s.box), box0_(atoms.box), n_(atoms.size()) {
        p_target_ = s.target_pressure_bar / units::kBarPerEvPerA3;
        ncell_ = mode_ == BoxRelax::none ? 0 : mode_ == BoxRelax::iso ? 1 : mode_ == BoxRelax::aniso ? 3 : 6;
        const double nd = static_cast<double>(n_);
        scale_ = s.cell_scale_A > 0 ? s.cell_scale_A : std::sqrt(nd) * std::cbrt(box0_.volume() / nd);
        shift_.assign(n_, {0, 0, 0});
        x_set_.resize(n_);
        dmax_ = s.max_step_A;
        vmax_ = s.max_volume_strain;
    }

    [[nodiscard]] std::size_t size() const { return 3 * n_ + ncell_; }
    [[nodiscard]] std::size_t atom_dofs() const { return 3 * n_; }
    [[nodiscard]] long evaluations() const { return evaluations_; }
    [[nodiscard]] const ForceResult& last() const { return last_; }
    [[nodiscard]] double target_pressure_eV_per_A3() const { return p_target_; }

    [[nodiscard]] Vector initial() const {
        Vector q(size(), 0.0);
        for (std::size_t i = 0; i < n_; ++i) {
            const Vec3 u = atoms_.x[i] - box0_.lo;
            q[3 * i] = u.x;
            q[3 * i + 1] = u.y;
            q[3 * i + 2] = u.z;
        }
        return q;
    }

    /// Inverse "masses" for FIRE, times LAMMPS's ftm2v: atoms their own, box dofs the mean
    /// atomic mass.
    [[nodiscard]] Vector inverse_masses() const {
        Vector w(size());
        double msum = 0;
        for (std::size_t i = 0; i < n_; ++i) {
            const double m = atoms_.mass(i);
            msum += m;
            for (int d = 0; d < 3; ++d) w[3 * i + static_cast<std::size_t>(d)] = units::kFtm2v / m;
        }
        for (std::size_t k = 3 * n_; k < size(); ++k) w[k] = units::kFtm2v / (msum / static_cast<double>(n_));
        return w;
    }

    /// Largest alpha such that alpha * h moves no atom coordinate by more than dmax and no
    /// box strain by more than vmax (volume strain for iso); +inf if h is zero.
    [[nodiscard]] double max_alpha(const Vector& h) const {
        double hmax = 0;
        for (std::size_t k = 0; k < 3 * n_; ++k) hmax = std::max(hmax, std::fabs(h[k]));
        double a = hmax > 0 ? dmax_ / hmax : std::numeric_limits<double>::infinity();
        const double factor = mode_ == BoxRelax::iso ? 3.0 : 1.0;
        for (std::size_t k = 3 * n_; k < size(); ++k) {
            const double rate = factor * std::fabs(h[k]) / scale_;
            if (rate > 0) a = std::min(a, vmax_ / rate);
        }
        return a;
    }

    /// Sets atoms and box from q, evaluates, fills the generalized force g; returns E + p V.
    double evaluate(const Vector& q, Vector& g) {
        const Mat3 F = deformation(q);
        Box& box = atoms_.box;
        box.lx = F[0][0] * box0_.lx;
        box.ly = F[1][1] * box0_.ly;
        box.lz = F[2][2] * box0_.lz;
        box.xy = F[0][0] * box0_.xy + F[0][1] * box0_.ly;
        box.xz = F[0][0] * box0_.xz + F[0][1] * box0_.yz + F[0][2] * box0_.lz;
        box.yz = F[1][1] * box0_.yz + F[1][2] * box0_.lz;
        STZ_REQUIRE(box.lx > 0 && box.ly > 0 && box.lz > 0 && std::isfinite(box.volume()),
                    "minimize: the box collapsed during box relaxation (lx, ly, lz = " << box.lx << ", " << box.ly
                                                                                       << ", " << box.lz << " Å)");
        for (std::size_t i = 0; i < n_; ++i) {
            const double ux = q[3 * i], uy = q[3 * i + 1], uz = q[3 * i + 2];
            const auto& s = shift_[i];
            const Vec3 lat = box.h_times({double(s[0]), double(s[1]), double(s[2])});
            x_set_[i] = box.lo + Vec3{F[0][0] * ux + F[0][1] * uy + F[0][2] * uz, F[1][1] * uy + F[1][2] * uz,
                                      F[2][2] * uz} + lat;
            atoms_.x[i] = x_set_[i];
        }
        double qsum = 0;
        for (double v : q) qsum += v;
        if (!std::isfinite(qsum)) {
            for (std::size_t k = 0; k < q.size(); ++k)
                if (!std::isfinite(q[k])) {
                    std::ostringstream os;
                    if (k < 3 * n_)
                        os << "minimize: evaluation " << evaluations_ + 1 << ": atom " << atoms_.id[k / 3] << " (type "
                           << atoms_.type[k / 3] + 1 << ") has a non-finite position: the minimizer diverged";
                    else
                        os << "minimize: evaluation " << evaluations_ + 1
                           << ": a box degree of freedom is not finite: the box relaxation diverged";
                    throw Error(os.str());
                }
        }
        const long builds = force_.neighbors().builds();
        last_ = force_.compute(atoms_);
        ++evaluations_;
        if (force_.neighbors().builds() != builds) {
            // The build wrapped atoms by lattice vectors: remember them, so that the next
            // positions from q continue from the wrapped ones.
            for (std::size_t i = 0; i < n_; ++i) {
                const Vec3 s = box.h_inverse_times(atoms_.x[i] - x_set_[i]);
                for (int d = 0; d < 3; ++d) shift_[i][static_cast<std::size_t>(d)] += static_cast<int>(std::lround(s[d]));
            }
        }
        if (!std::isfinite(last_.energy_eV)) {
            std::ostringstream os;
            os << "minimize: evaluation " << evaluations_ << ": the energy is " << last_.energy_eV;
            throw Error(os.str());
        }
        g.resize(size());
        for (std::size_t i = 0; i < n_; ++i) {
            const Vec3& f = atoms_.f[i];
            g[3 * i] = F[0][0] * f.x;
            g[3 * i + 1] = F[0][1] * f.x + F[1][1] * f.y;
            g[3 * i + 2] = F[0][2] * f.x + F[1][2] * f.y + F[2][2] * f.z;
        }
        const double volume = box.volume();
        if (ncell_ > 0) {
            const auto& w = last_.virial_eV;
            const double pv = p_target_ * volume;
            const Mat3 M = {{{w[0] - pv, w[3], w[4]}, {w[3], w[1] - pv, w[5]}, {w[4], w[5], w[2] - pv}}};
            // Finv of the upper-triangular F.
            Mat3 Fi{};
            Fi[0][0] = 1 / F[0][0];
            Fi[1][1] = 1 / F[1][1];
            Fi[2][2] = 1 / F[2][2];
            Fi[0][1] = -F[0][1] / (F[0][0] * F[1][1]);
            Fi[1][2] = -F[1][2] / (F[1][1] * F[2][2]);
            Fi[0][2] = (F[0][1] * F[1][2] - F[0][2] * F[1][1]) / (F[0][0] * F[1][1] * F[2][2]);
            Mat3 G{};  // G = M Fi^T: dH/dF = -G
            for (int a = 0; a < 3; ++a)
                for (int b = 0; b < 3; ++b) {
                    double s = 0;
                    for (int c = 0; c < 3; ++c) s += M[a][c] * Fi[b][c];
                    G[a][b] = s;
                }
            const std::size_t o = 3 * n_;
            if (mode_ == BoxRelax::iso) {
                g[o] = (G[0][0] + G[1][1] + G[2][2]) / scale_;
            } else {
                for (int d = 0; d < 3; ++d) g[o + static_cast<std::size_t>(d)] = G[d][d] / scale_;
                if (mode_ == BoxRelax::tri) {
                    g[o + 3] = G[0][1] / scale_;
                    g[o + 4] = G[0][2] / scale_;
                    g[o + 5] = G[1][2] / scale_;
                }
            }
        }
        return last_.energy_eV + p_target_ * volume;
    }

private:
    [[nodiscard]] Mat3 deformation(const Vector& q) const {
        Mat3 F = {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
        const std::size_t o = 3 * n_;
        switch (mode_) {
        case BoxRelax::none: break;
        case BoxRelax::iso:
            for (int d = 0; d < 3; ++d) F[d][d] = 1 + q[o] / scale_;
            break;
        case BoxRelax::aniso:
        case BoxRelax::tri:
            for (int d = 0; d < 3; ++d) F[d][d] = 1 + q[o + static_cast<std::size_t>(d)] / scale_;
            if (mode_ == BoxRelax::tri) {
                F[0][1] = q[o + 3] / scale_;
                F[0][2] = q[o + 4] / scale_;
                F[1][2] = q[o + 5] / scale_;
            }
            break;
        }
        return F;
    }

    Atoms& atoms_;
    EamForce& force_;
    BoxRelax mode_;
    Box box0_;
    std::size_t n_;
    std::size_t ncell_ = 0;
    double p_target_ = 0;  // eV/Å^3
    double scale_ = 1;     // Å
    double dmax_ = 0.1, vmax_ = 0.001;
    std::vector<std::array<int, 3>> shift_;
    std::vector<Vec3> x_set_;
    ForceResult last_;
    long evaluations_ = 0;
};

constexpr double kEpsEnergy = 1e-8;  // LAMMPS EPS_ENERGY in the etol test

bool energy_converged(double etol, double e, double eprev) {
    return etol > 0 && std::fabs(e - eprev) <= etol * 0.5 * (std::fabs(e) + std::fabs(eprev) + kEpsEnergy);
}

// ------------------------------------------------------------------ conjugate gradient

// LAMMPS min_linesearch.cpp constants ("quadratic" line search).
constexpr double kAlphaMax = 1.0;        // largest alpha tried, Å^2/eV
constexpr double kAlphaReduce = 0.5;     // backtracking factor
constexpr double kBacktrackSlope = 0.4;  // Armijo sufficient-decrease constant
constexpr double kEpsQuad = 1e-28;

enum class LineStatus { ok, zero_alpha, zero_quad, zero_force, downhill };

const char* line_reason(LineStatus s) {
    switch (s) {
    case LineStatus::ok: return "ok";
    case LineStatus::zero_alpha: return "linesearch alpha is zero";
    case LineStatus::zero_quad: return "quadratic factors are zero";
    case LineStatus::zero_force: return "forces are zero";
    case LineStatus::downhill: return "search direction is not downhill";
    }
    return "?";
}

struct State {
    Vector q, g;
    double value = 0;  // objective (enthalpy)
};

// Line minimization along h from s (which it updates): backtracking from the largest
// allowed alpha, with a secant (quadratic) projection on the directional derivative f·h
// tried at every trial; the projection is accepted if the objective rose by less than
// emach, a backtracking step if it met the Armijo condition.
LineStatus line_search(Objective& obj, State& s, const Vector& h, double emach) {
    const double fh0 = dot(s.g, h);
    if (!(fh0 > 0)) return LineStatus::downhill;
    const double amax_dof = obj.max_alpha(h);
    if (std::isinf(amax_dof)) return LineStatus::zero_force;
    const double amax = std::min(kAlphaMax, amax_dof);
    const State s0 = s;
    auto trial = [&](double alpha) {
        for (std::size_t k = 0; k < s.q.size(); ++k) s.q[k] = s0.q[k] + alpha * h[k];
        s.value = obj.evaluate(s.q, s.g);
    };
    auto restore = [&] {
        s.q = s0.q;
        s.value = obj.evaluate(s.q, s.g);  // back to the start, atoms and forces included
    };
    double alpha = amax, alpha_prev = 0, fh_prev = fh0;
    for (;;) {
        trial(alpha);
        const double fh = dot(s.g, h);
        const double delfh = fh - fh_prev;
        if (std::fabs(fh) < kEpsQuad || std::fabs(delfh) < kEpsQuad) {
            restore();
            return LineStatus::zero_quad;
        }
        const double alpha0 = alpha - (alpha - alpha_prev) * fh / delfh;
        double value = s.value;
        if (alpha0 > 0 && alpha0 < amax) {
            trial(alpha0);
            if (s.value - s0.value < emach) return LineStatus::ok;
            value = s.value;  // as LAMMPS: the failed projection's value decides the Armijo test
        }
        const double de_ideal = -kBacktrackSlope * alpha * fh0;
        if (value - s0.value <= de_ideal) return LineStatus::ok;  // (only reachable at alpha itself)
        fh_prev = fh;
        alpha_prev = alpha;
        alpha *= kAlphaReduce;
        if (alpha <= 0 || de_ideal >= -emach) {
            restore();
            return LineStatus::zero_alpha;
        }
    }
}

struct Outcome {
    long iterations = 0;
    std::string reason;
    bool converged = false;
};

Outcome run_cg(Objective& obj, State& s, const MinimizeSettings& set, double emach) {
    Outcome out;
    if (set.force_tol_eV_per_A > 0 && std::sqrt(dot(s.g, s.g)) <= set.force_tol_eV_per_A)
        return {0, "force tolerance", true};
    const std::size_t ndof = obj.size();
    const long nlimit = static_cast<long>(std::min<std::size_t>(ndof, std::numeric_limits<int>::max()));
    Vector h = s.g, gprev = s.g;
    double gg = dot(s.g, s.g);
    bool steepest = true;
    for (;;) {
        if (out.iterations >= set.max_iterations) return {out.iterations, "max iterations", false};
        if (set.stop_requested && set.stop_requested()) return {out.iterations, kMinimizeStopped, false};
        const double eprev = s.value;
        const LineStatus st = line_search(obj, s, h, emach);
        if (st != LineStatus::ok) {
            if (!steepest && st != LineStatus::zero_force) {
                // Restart once along the force before giving up (LAMMPS gives up at once).
                h = s.g;
                gprev = s.g;
                gg = dot(s.g, s.g);
                steepest = true;
                continue;
            }
            out.reason = line_reason(st);
            out.converged = st == LineStatus::zero_force;
            return out;
        }
        ++out.iterations;
        if (obj.evaluations() >= set.max_evaluations) return {out.iterations, "max force evaluations", false};
        if (energy_converged(set.energy_tol, s.value, eprev)) return {out.iterations, "energy tolerance", true};
        const double ff = dot(s.g, s.g);
        if (set.force_tol_eV_per_A > 0 && std::sqrt(ff) <= set.force_tol_eV_per_A)
            return {out.iterations, "force tolerance", true};
        // Polak–Ribière, restarted every ndof iterations and whenever h is not downhill.
        double beta = std::max(0.0, (ff - dot(s.g, gprev)) / gg);
        if ((out.iterations + 1) % nlimit == 0) beta = 0;
        gg = ff;
        gprev = s.g;
        for (std::size_t k = 0; k < ndof; ++k) h[k] = s.g[k] + beta * h[k];
        steepest = beta == 0;
        if (dot(s.g, h) <= 0) {
            h = s.g;
            steepest = true;
        }
    }
}

// ------------------------------------------------------------------ FIRE 2.0

Outcome run_fire(Objective& obj, State& s, const MinimizeSettings& set) {
    Outcome out;
    if (set.force_tol_eV_per_A > 0 && std::sqrt(dot(s.g, s.g)) <= set.force_tol_eV_per_A)
        return {0, "force tolerance", true};
    const std::size_t ndof = obj.size();
    const Vector invm = obj.inverse_masses();
    Vector v(ndof, 0.0);
    double dt = set.fire_dt_ps;
    const double dtmax = set.fire_dtmax_factor * set.fire_dt_ps;
    const double dtmin = set.fire_dtmin_factor * set.fire_dt_ps;
    double alpha = set.fire_alpha0;
    long step = 0, last_negative = 0, uphill = 0;
    const long delay = set.fire_delay_steps;
    bool v_zero = true;  // velocities were just reset (LAMMPS flagv0)
    for (;;) {
        if (out.iterations >= set.max_iterations) return {out.iterations, "max iterations", false};
        if (set.stop_requested && set.stop_requested()) return {out.iterations, kMinimizeStopped, false};
        ++step;
        ++out.iterations;
        const double vdotf = dot(v, s.g);
        double scale1 = 1, scale2 = 0;
        if (vdotf > 0) {
            uphill = 0;
            const double vv = dot(v, v), ff = dot(s.g, s.g);
            scale1 = 1 - alpha;
            scale2 = ff <= 1e-20 ? 0.0 : alpha * std::sqrt(vv / ff);
            if (step - last_negative > delay) {
                dt = std::min(dt * set.fire_dt_grow, dtmax);
                alpha *= set.fire_alpha_shrink;
            }
        } else {
            last_negative = step;
            if (step >= delay) {  // no slow-down during the first delay steps (LAMMPS delaystep_start)
                alpha = set.fire_alpha0;
                if (dt * set.fire_dt_shrink >= dtmin) dt *= set.fire_dt_shrink;
            }
            ++uphill;
            if (set.fire_max_uphill > 0 && uphill > set.fire_max_uphill)
                return {out.iterations, "max number of consecutive uphill (v.f <= 0) steps", false};
            bool moved = false;
            if (set.fire_half_step_back)
                for (std::size_t k = 0; k < ndof; ++k)
                    if (v[k] != 0) {
                        s.q[k] -= 0.5 * dt * v[k];
                        moved = true;
                    }
            std::fill(v.begin(), v.end(), 0.0);
            if (moved) s.value = obj.evaluate(s.q, s.g);
            v_zero = true;
        }
        // Limit the step so no dof moves further than dmax (vmax for the box).
        double dtv = dt;
        if (v_zero) {
            Vector trial(ndof);
            for (std::size_t k = 0; k < ndof; ++k) trial[k] = dt * invm[k] * s.g[k];
            dtv = std::min(dtv, obj.max_alpha(trial));
        } else {
            dtv = std::min(dtv, obj.max_alpha(v));
        }
        const bool mix = vdotf > 0;
        const double eprev = s.value;
        if (set.fire_integrator == FireIntegrator::euler_implicit) {
            for (std::size_t k = 0; k < ndof; ++k) {
                v[k] += dtv * invm[k] * s.g[k];
                if (mix) v[k] = scale1 * v[k] + scale2 * s.g[k];
                s.q[k] += dtv * v[k];
            }
            s.value = obj.evaluate(s.q, s.g);
        } else {
            for (std::size_t k = 0; k < ndof; ++k) {
                v[k] += 0.5 * dtv * invm[k] * s.g[k];
                if (mix) v[k] = scale1 * v[k] + scale2 * s.g[k];
                s.q[k] += dtv * v[k];
            }
            s.value = obj.evaluate(s.q, s.g);
            for (std::size_t k = 0; k < ndof; ++k) v[k] += 0.5 * dtv * invm[k] * s.g[k];
        }
        v_zero = false;
        if (obj.evaluations() >= set.max_evaluations) return {out.iterations, "max force evaluations", false};
        if (step - last_negative > delay && energy_converged(set.energy_tol, s.value, eprev))
            return {out.iterations, "energy tolerance", true};
        if (set.force_tol_eV_per_A > 0 && std::sqrt(dot(s.g, s.g)) <= set.force_tol_eV_per_A)
            return {out.iterations, "force tolerance", true};
    }
}

}  // namespace

const char* to_string(MinAlgorithm a) { return a == MinAlgorithm::fire ? "fire" : "cg"; }

const char* to_string(BoxRelax b) {
    switch (b) {
    case BoxRelax::none: return "none";
    case BoxRelax::iso: return "iso";
    case BoxRelax::aniso: return "aniso";
    case BoxRelax::tri: return "tri";
    }
    return "?";
}

void validate(const MinimizeSettings& s) {
    auto finite_nonneg = [](double v) { return std::isfinite(v) && v >= 0; };
    auto finite_pos = [](double v) { return std::isfinite(v) && v > 0; };
    STZ_REQUIRE(finite_nonneg(s.energy_tol), "minimize: energy_tol must be >= 0, got " << s.energy_tol);
    STZ_REQUIRE(finite_nonneg(s.force_tol_eV_per_A),
                "minimize: force_tol_eV_per_A must be >= 0, got " << s.force_tol_eV_per_A);
    STZ_REQUIRE(s.max_iterations > 0, "minimize: max_iterations must be > 0, got " << s.max_iterations);
    STZ_REQUIRE(s.max_evaluations > 0, "minimize: max_evaluations must be > 0, got " << s.max_evaluations);
    STZ_REQUIRE(finite_pos(s.max_step_A), "minimize: max_step_A must be > 0, got " << s.max_step_A);
    STZ_REQUIRE(std::isfinite(s.target_pressure_bar),
                "minimize: target_pressure_bar must be finite, got " << s.target_pressure_bar);
    STZ_REQUIRE(finite_pos(s.max_volume_strain) && s.max_volume_strain < 1,
                "minimize: max_volume_strain must be in (0, 1), got " << s.max_volume_strain);
    STZ_REQUIRE(finite_nonneg(s.cell_scale_A), "minimize: cell_scale_A must be >= 0 (0: automatic), got "
                                                   << s.cell_scale_A);
    if (s.algorithm == MinAlgorithm::fire) {
        STZ_REQUIRE(finite_pos(s.fire_dt_ps), "minimize: fire_dt_ps must be > 0, got " << s.fire_dt_ps);
        STZ_REQUIRE(std::isfinite(s.fire_dtmax_factor) && s.fire_dtmax_factor >= 1,
                    "minimize: fire_dtmax_factor must be >= 1, got " << s.fire_dtmax_factor);
        STZ_REQUIRE(finite_pos(s.fire_dtmin_factor) && s.fire_dtmin_factor <= 1,
                    "minimize: fire_dtmin_factor must be in (0, 1], got " << s.fire_dtmin_factor);
        STZ_REQUIRE(s.fire_delay_steps >= 0, "minimize: fire_delay_steps must be >= 0, got " << s.fire_delay_steps);
        STZ_REQUIRE(std::isfinite(s.fire_dt_grow) && s.fire_dt_grow >= 1,
                    "minimize: fire_dt_grow must be >= 1, got " << s.fire_dt_grow);
        STZ_REQUIRE(finite_pos(s.fire_dt_shrink) && s.fire_dt_shrink < 1,
                    "minimize: fire_dt_shrink must be in (0, 1), got " << s.fire_dt_shrink);
        STZ_REQUIRE(finite_nonneg(s.fire_alpha0) && s.fire_alpha0 < 1,
                    "minimize: fire_alpha0 must be in [0, 1), got " << s.fire_alpha0);
        STZ_REQUIRE(finite_pos(s.fire_alpha_shrink) && s.fire_alpha_shrink <= 1,
                    "minimize: fire_alpha_shrink must be in (0, 1], got " << s.fire_alpha_shrink);
        STZ_REQUIRE(s.fire_max_uphill >= 0, "minimize: fire_max_uphill must be >= 0, got " << s.fire_max_uphill);
    }
}

MinimizeResult minimize(Atoms& atoms, EamForce& force, const MinimizeSettings& settings) {
    validate(settings);
    STZ_REQUIRE(atoms.size() > 0, "minimize: no atoms");
    atoms.validate("minimize");
    atoms.box.validate("minimize");

    Objective obj(atoms, force, settings);
    State s;
    s.q = obj.initial();
    s.value = obj.evaluate(s.q, s.g);
    MinimizeResult r;
    r.initial_energy_eV = obj.last().energy_eV;
    // Objective changes smaller than this count as no rise in the line search (LAMMPS's
    // EMACH = 1e-8 eV), widened (conservatively) for the rounding of the fixed-point energy sum, which grows
    // like the square root of the number of terms.
    const double emach = std::max(1e-8, 2e-9 * std::sqrt(static_cast<double>(atoms.size())));

    const Outcome out = settings.algorithm == MinAlgorithm::cg ? run_cg(obj, s, settings, emach)
                                                                 : run_fire(obj, s, settings);
    r.iterations = out.iterations;
    r.stop_reason = out.reason;
    r.converged = out.converged;
    r.evaluations = obj.evaluations();
    r.energy_eV = obj.last().energy_eV;
    r.enthalpy_eV = s.value;
    r.force_norm_eV_per_A = std::sqrt(dot(s.g, s.g));
    double fmax2 = 0;
    for (const Vec3& f : atoms.f) fmax2 = std::max(fmax2, stz::atom::dot(f, f));
    r.max_force_eV_per_A = std::sqrt(fmax2);
    r.pressure_tensor_bar = pressure_tensor_bar(obj.last().virial_eV, {}, atoms.box.volume());
    spdlog::debug("minimize ({}, box {}): {} after {} iterations, {} evaluations; E {:.10g} -> {:.10g} eV, |f| {:.3g} eV/Å",
                  to_string(settings.algorithm), to_string(settings.box), r.stop_reason, r.iterations, r.evaluations,
                  r.initial_energy_eV, r.energy_eV, r.force_norm_eV_per_A);
    return r;
}

}  // namespace stz::atom
