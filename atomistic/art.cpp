// ART nouveau saddle search on an abstract energy surface (see include/stz/atom/art.hpp).
#include "stz/atom/art.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "stz/core/error.hpp"

namespace stz::atom {

namespace {

using Vec = std::vector<double>;

double dotv(const Vec& a, const Vec& b) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
    return s;
}
double normv(const Vec& a) { return std::sqrt(dotv(a, a)); }
void axpy(double s, const Vec& b, Vec& a) {
    for (std::size_t i = 0; i < a.size(); ++i) a[i] += s * b[i];
}
double distance(const Vec& a, const Vec& b) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) s += (a[i] - b[i]) * (a[i] - b[i]);
    return std::sqrt(s);
}
/// Removes the component along the unit vector u (if u is non-empty).
void project_out(Vec& a, const Vec& u) {
    if (u.empty()) return;
    axpy(-dotv(a, u), u, a);
}

/// Counts evaluations and checks the surface's answer.
class Evaluator {
public:
    explicit Evaluator(EnergySurface& s) : s_(s) {}
    double operator()(const Vec& x, Vec& g) {
        g.resize(x.size());
        const double e = s_.energy_and_gradient(x, g);
        ++count;
        STZ_REQUIRE(std::isfinite(e) && g.size() == x.size(), "ART: the energy surface returned a non-finite energy or a gradient of the wrong size");
        return e;
    }
    int count = 0;

private:
    EnergySurface& s_;
};

/// Eigenpairs of a small dense symmetric matrix (row-major n×n) by cyclic Jacobi.
/// Returns eigenvalues; vecs[k*n + i] = component i of eigenvector k.
Vec jacobi_eigen(Vec a, std::size_t n, Vec& vecs) {
    vecs.assign(n * n, 0.0);
    for (std::size_t i = 0; i < n; ++i) vecs[i * n + i] = 1.0;  // columns of V stored as V[i*n+k]
    for (int sweep = 0; sweep < 100; ++sweep) {
        double off = 0;
        for (std::size_t p = 0; p < n; ++p)
            for (std::size_t q = p + 1; q < n; ++q) off += a[p * n + q] * a[p * n + q];
        if (off < 1e-300) break;
        for (std::size_t p = 0; p < n; ++p)
            for (std::size_t q = p + 1; q < n; ++q) {
                const double apq = a[p * n + q];
                if (std::abs(apq) < 1e-300) continue;
                const double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                const double t = (theta >= 0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1));
                const double c = 1 / std::sqrt(t * t + 1), s = t * c;
                for (std::size_t k = 0; k < n; ++k) {  // A <- A J (columns p, q)
                    const double akp = a[k * n + p], akq = a[k * n + q];
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for (std::size_t k = 0; k < n; ++k) {  // A <- J^T A (rows p, q)
                    const double apk = a[p * n + k], aqk = a[q * n + k];
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                for (std::size_t k = 0; k < n; ++k) {
                    const double vkp = vecs[k * n + p], vkq = vecs[k * n + q];
                    vecs[k * n + p] = c * vkp - s * vkq;
                    vecs[k * n + q] = s * vkp + c * vkq;
                }
            }
    }
    Vec evals(n);
    for (std::size_t i = 0; i < n; ++i) evals[i] = a[i * n + i];
    // transpose so that vecs[k*n + i] is component i of eigenvector k
    Vec t(n * n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t k = 0; k < n; ++k) t[k * n + i] = vecs[i * n + k];
    vecs = std::move(t);
    return evals;
}

/// Lowest eigenpair of the tridiagonal (alpha, beta) of size m: value, and y (size m).
double tridiag_lowest(const Vec& alpha, const Vec& beta, std::size_t m, Vec& y) {
    Vec t(m * m, 0.0);
    for (std::size_t i = 0; i < m; ++i) {
        t[i * m + i] = alpha[i];
        if (i + 1 < m) t[i * m + i + 1] = t[(i + 1) * m + i] = beta[i];
    }
    Vec vecs;
    const Vec ev = jacobi_eigen(std::move(t), m, vecs);
    const std::size_t k = static_cast<std::size_t>(std::min_element(ev.begin(), ev.end()) - ev.begin());
    y.assign(vecs.begin() + static_cast<std::ptrdiff_t>(k * m), vecs.begin() + static_cast<std::ptrdiff_t>((k + 1) * m));
    return ev[k];
}

/// Lanczos at x with the gradient g0 already known there.
double lanczos(Evaluator& eval, const Vec& x, const Vec& g0, Vec& mode, const ArtSettings& s) {
    const std::size_t n = x.size();
    const std::size_t kmax = std::min<std::size_t>(static_cast<std::size_t>(s.lanczos_size), n);
    Vec q = mode;
    if (q.size() != n || normv(q) == 0.0) {
        q.assign(n, 0.0);  // fixed, generic default start
        for (std::size_t i = 0; i < n; ++i) q[i] = 1.0 + 0.1 * static_cast<double>(i % 7);
    }
    {
        const double nq = normv(q);
        for (double& v : q) v /= nq;
    }
    std::vector<Vec> Q;
    Vec alpha, beta, y;
    Vec xh(n), gh(n), w(n);
    double lambda = 0, lambda_prev = std::numeric_limits<double>::infinity();
    const double h = s.lanczos_fd_step;
    for (std::size_t j = 0; j < kmax; ++j) {
        Q.push_back(q);
        for (std::size_t i = 0; i < n; ++i) xh[i] = x[i] + h * q[i];
        eval(xh, gh);
        for (std::size_t i = 0; i < n; ++i) w[i] = (gh[i] - g0[i]) / h;
        alpha.push_back(dotv(q, w));
        // full reorthogonalization (twice): cheap for <= 15 vectors and keeps Q orthonormal
        for (int pass = 0; pass < 2; ++pass)
            for (const Vec& qi : Q) axpy(-dotv(qi, w), qi, w);
        lambda = tridiag_lowest(alpha, beta, alpha.size(), y);
        const double b = normv(w);
        const bool settled = j >= 2 && std::abs(lambda - lambda_prev) <= s.lanczos_tol * std::max(std::abs(lambda), 1e-12);
        lambda_prev = lambda;
        if (j + 1 == kmax || settled || b <= 1e-12 * std::max(1.0, std::abs(alpha.back()))) break;
        beta.push_back(b);
        for (std::size_t i = 0; i < n; ++i) q[i] = w[i] / b;
    }
    mode.assign(n, 0.0);
    for (std::size_t k = 0; k < Q.size(); ++k) axpy(y[k], Q[k], mode);
    const double nm = normv(mode);
    for (double& v : mode) v /= nm;
    return lambda;
}

/// Steepest descent with Barzilai–Borwein step lengths, monotone in energy, optionally
/// confined to the hyperplane perpendicular to the unit vector `perp`. Up to `steps`
/// trial steps; stops early when |F_perp| < tol. x, e, g are updated in place.
struct Relaxer {
    double dt = 0.01;  ///< step = dt * F (BB estimate of 1/curvature), adapted
    bool relax(Evaluator& eval, Vec& x, double& e, Vec& g, const Vec& perp, int steps, double tol, double max_step) {
        const std::size_t n = x.size();
        Vec f(n), xt(n), gt(n), s(n), y(n);
        for (int k = 0; k < steps; ++k) {
            for (std::size_t i = 0; i < n; ++i) f[i] = -g[i];
            project_out(f, perp);
            const double fn = normv(f);
            if (fn < tol || fn == 0.0) return fn < tol || tol == 0.0;
            if (!(dt > 0) || !std::isfinite(dt)) dt = max_step / fn;
            double len = dt * fn;
            if (len > max_step) len = max_step;
            for (std::size_t i = 0; i < n; ++i) s[i] = len / fn * f[i];
            for (std::size_t i = 0; i < n; ++i) xt[i] = x[i] + s[i];
            const double et = eval(xt, gt);
            if (et > e + 1e-12 * std::max(1.0, std::abs(e))) {  // went too far: shorten, retry
                dt = 0.25 * len / fn;
                continue;
            }
            for (std::size_t i = 0; i < n; ++i) y[i] = gt[i] - g[i];
            project_out(y, perp);
            const double sy = dotv(s, y);
            dt = sy > 0 ? dotv(s, s) / sy : 2 * dt;
            if (!std::isfinite(dt)) dt = max_step / fn;
            x.swap(xt);
            g.swap(gt);
            e = et;
        }
        Vec fl(g);
        for (double& v : fl) v = -v;
        project_out(fl, perp);
        return normv(fl) < tol;
    }
};

Vec unit(Vec v) {
    const double n = normv(v);
    STZ_REQUIRE(n > 0, "ART: zero direction");
    for (double& a : v) a /= n;
    return v;
}

}  // namespace

double EnergySurface::distance(const std::vector<double>& a, const std::vector<double>& b) const {
    return stz::atom::distance(a, b);
}

void ArtSettings::validate() const {
    STZ_REQUIRE(initial_displacement > 0, "ART: initial_displacement must be positive, got " << initial_displacement);
    STZ_REQUIRE(push_step > 0, "ART: push_step must be positive, got " << push_step);
    STZ_REQUIRE(max_step > 0, "ART: max_step must be positive, got " << max_step);
    STZ_REQUIRE(perp_relax_steps >= 0, "ART: perp_relax_steps must be >= 0, got " << perp_relax_steps);
    STZ_REQUIRE(force_tol > 0, "ART: force_tol must be positive, got " << force_tol);
    STZ_REQUIRE(lanczos_size >= 2, "ART: lanczos_size must be >= 2, got " << lanczos_size);
    STZ_REQUIRE(lanczos_fd_step > 0, "ART: lanczos_fd_step must be positive, got " << lanczos_fd_step);
    STZ_REQUIRE(lanczos_tol >= 0, "ART: lanczos_tol must be >= 0, got " << lanczos_tol);
    STZ_REQUIRE(max_iterations >= 1, "ART: max_iterations must be >= 1, got " << max_iterations);
    STZ_REQUIRE(max_activation_steps >= 1, "ART: max_activation_steps must be >= 1, got " << max_activation_steps);
    STZ_REQUIRE(push_over > 0, "ART: push_over must be positive, got " << push_over);
    STZ_REQUIRE(initial_force_tol > 0, "ART: initial_force_tol must be positive, got " << initial_force_tol);
    STZ_REQUIRE(min_force_tol >= 0, "ART: min_force_tol must be >= 0, got " << min_force_tol);
    STZ_REQUIRE(max_min_steps >= 1, "ART: max_min_steps must be >= 1, got " << max_min_steps);
    STZ_REQUIRE(connect_distance > 0, "ART: connect_distance must be positive, got " << connect_distance);
}

double lowest_eigenvalue(EnergySurface& surface, const std::vector<double>& x, std::vector<double>& mode,
                         const ArtSettings& settings, int* evaluations) {
    settings.validate();
    STZ_REQUIRE(x.size() == surface.dimension(), "ART: x has " << x.size() << " coordinates, the surface " << surface.dimension());
    Evaluator eval(surface);
    Vec g;
    eval(x, g);
    const double l = lanczos(eval, x, g, mode, settings);
    if (evaluations) *evaluations += eval.count;
    return l;
}

double minimize_surface(EnergySurface& surface, std::vector<double>& x, double force_tol, int max_steps,
                        double max_step, bool* converged, int* evaluations) {
    STZ_REQUIRE(x.size() == surface.dimension(), "minimize_surface: x has " << x.size() << " coordinates, the surface " << surface.dimension());
    STZ_REQUIRE(force_tol > 0 && max_steps >= 1 && max_step > 0, "minimize_surface: force_tol, max_steps and max_step must be positive");
    Evaluator eval(surface);
    Vec g;
    double e = eval(x, g);
    Relaxer r;
    const bool ok = r.relax(eval, x, e, g, {}, max_steps, force_tol, max_step);
    if (converged) *converged = ok;
    if (evaluations) *evaluations += eval.count;
    return e;
}

std::vector<double> random_direction(std::size_t n, std::mt19937_64& rng) {
    STZ_REQUIRE(n > 0, "random_direction: dimension must be positive");
    std::normal_distribution<double> gauss(0.0, 1.0);
    Vec d(n);
    double nn = 0;
    while (nn == 0) {
        for (double& v : d) v = gauss(rng);
        nn = normv(d);
    }
    for (double& v : d) v /= nn;
    return d;
}

SaddleResult find_saddle(EnergySurface& surface, const std::vector<double>& x0,
                         const std::vector<double>& kick_direction, const ArtSettings& s) {
    s.validate();
    const std::size_t n = surface.dimension();
    STZ_REQUIRE(x0.size() == n, "ART: x0 has " << x0.size() << " coordinates, the surface " << n);
    STZ_REQUIRE(kick_direction.size() == n, "ART: kick direction has " << kick_direction.size() << " coordinates, the surface " << n);
    STZ_REQUIRE(normv(kick_direction) > 0, "ART: kick direction is zero");
    const double min_tol = s.min_force_tol > 0 ? s.min_force_tol : s.force_tol;

    SaddleResult res;
    Evaluator eval(surface);
    Vec g0;
    res.e_initial = eval(x0, g0);
    auto finish = [&](const std::string& reason) {
        res.reason = reason;
        res.force_evaluations = eval.count;
        return res;
    };
    if (normv(g0) > s.initial_force_tol) {
        std::ostringstream os;
        os << "start is not a minimum: |F| = " << normv(g0) << " > initial_force_tol = " << s.initial_force_tol;
        return finish(os.str());
    }

    // kick
    const Vec kick = unit(kick_direction);
    Vec x(x0);
    axpy(s.initial_displacement, kick, x);
    Vec g;
    double e = eval(x, g);
    Vec mode;
    double lambda = 0;
    bool active = false;  // lowest eigenvalue below threshold: converging
    Relaxer perp_relax;
    bool saddle = false;
    int pushes = 0;

    for (int it = 0; it < s.max_iterations; ++it) {
        res.iterations = it + 1;
        if (std::string why = surface.out_of_bounds(x); !why.empty()) {
            res.saddle = x;
            res.lowest_eigenvalue = lambda;
            return finish("left the surface's valid region: " + why);
        }
        if (!active) {
            // Activation: eigenvalue first (warm start from the push direction / last mode).
            // ART nouveau pushes along the initial deformation (Malek & Mousseau 2000);
            // the perpendicular relaxation keeps the path in the valley.
            const Vec& push = kick;
            if (mode.empty()) mode = push;
            lambda = lanczos(eval, x, g, mode, s);
            if (lambda < s.eigenvalue_threshold) {
                active = true;
            } else {
                if (++pushes > s.max_activation_steps) {
                    res.saddle = x;
                    res.lowest_eigenvalue = lambda;
                    std::ostringstream os;
                    os << "no inflection within max_activation_steps = " << s.max_activation_steps
                       << " pushes (lowest eigenvalue " << lambda << ")";
                    return finish(os.str());
                }
                axpy(s.push_step, push, x);
                e = eval(x, g);
                perp_relax.relax(eval, x, e, g, push, s.perp_relax_steps, 0.0, s.max_step);
                continue;
            }
        } else {
            lambda = lanczos(eval, x, g, mode, s);
            if (lambda >= 0) {  // fell back into a convex region: push again
                active = false;
                continue;
            }
        }
        // Converge: Newton step up along the mode, then relax perpendicular to it.
        const double fpar = -dotv(g, mode);
        double t = fpar / lambda;  // stationary point of the quadratic model along mode
        t = std::clamp(t, -s.max_step, s.max_step);
        axpy(t, mode, x);
        e = eval(x, g);
        perp_relax.relax(eval, x, e, g, mode, s.perp_relax_steps, 0.5 * s.force_tol, s.max_step);
        if (normv(g) < s.force_tol) {
            saddle = true;
            break;
        }
    }
    if (!saddle) {
        std::ostringstream os;
        os << "no saddle within max_iterations = " << s.max_iterations << " (|F| = " << normv(g)
           << ", lowest eigenvalue " << lambda << (active ? ", converging" : ", still activating") << ")";
        res.saddle = x;
        res.lowest_eigenvalue = lambda;
        return finish(os.str());
    }

    res.saddle = x;
    res.e_saddle = e;
    res.barrier = e - res.e_initial;
    res.lowest_eigenvalue = lanczos(eval, x, g, mode, s);
    {
        Vec d(x);
        axpy(-1.0, x0, d);
        if (dotv(d, mode) < 0)
            for (double& v : mode) v = -v;
    }
    res.mode = mode;
    if (res.lowest_eigenvalue >= 0) return finish("converged to a point with |F| < force_tol but a non-negative lowest eigenvalue");

    // Push over and minimize; push back and minimize.
    auto relax_from = [&](double sign, Vec& out, double& eout) {
        out = x;
        axpy(sign * s.push_over, mode, out);
        Vec gg;
        eout = eval(out, gg);
        Relaxer r;
        return r.relax(eval, out, eout, gg, {}, s.max_min_steps, min_tol, s.max_step);
    };
    double eback = 0;
    const bool fwd_ok = relax_from(+1.0, res.final_minimum, res.e_final);
    const bool back_ok = relax_from(-1.0, res.back_minimum, eback);
    res.connected = back_ok && surface.distance(res.back_minimum, x0) < s.connect_distance;
    res.converged = true;
    if (!fwd_ok) return finish("saddle found, but the minimization beyond it did not converge");
    if (!res.connected) return finish("saddle found, but it does not relax back to the initial minimum");
    return finish("converged");
}

}  // namespace stz::atom
