// ART nouveau (MODEL.md §8) on analytic surfaces: Lanczos against Eigen on a quadratic
// form, saddles of the Müller–Brown potential and of a curved symmetric double well, and
// the failure reasons.
#include <doctest/doctest.h>

#include <Eigen/Dense>
#include <array>
#include <cmath>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include "stz/atom/art.hpp"
#include "stz/core/error.hpp"

using namespace stz::atom;

namespace {

/// E = ½ xᵀ A x.
class Quadratic : public EnergySurface {
public:
    explicit Quadratic(Eigen::MatrixXd a) : a_(std::move(a)) {}
    [[nodiscard]] std::size_t dimension() const override { return static_cast<std::size_t>(a_.rows()); }
    double energy_and_gradient(const std::vector<double>& x, std::vector<double>& grad) override {
        const Eigen::Map<const Eigen::VectorXd> xv(x.data(), a_.rows());
        const Eigen::VectorXd gv = a_ * xv;
        grad.assign(gv.data(), gv.data() + gv.size());
        return 0.5 * xv.dot(gv);
    }

private:
    Eigen::MatrixXd a_;
};

/// The Müller–Brown potential (Müller & Brown 1979).
class MullerBrown : public EnergySurface {
public:
    [[nodiscard]] std::size_t dimension() const override { return 2; }
    double energy_and_gradient(const std::vector<double>& p, std::vector<double>& grad) override {
        static constexpr std::array<double, 4> A{-200, -100, -170, 15}, a{-1, -1, -6.5, 0.7}, b{0, 0, 11, 0.6},
            c{-10, -10, -6.5, 0.7}, x0{1, 0, -0.5, -1}, y0{0, 0.5, 1.5, 1};
        double e = 0, gx = 0, gy = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            const double dx = p[0] - x0[k], dy = p[1] - y0[k];
            const double t = A[k] * std::exp(a[k] * dx * dx + b[k] * dx * dy + c[k] * dy * dy);
            e += t;
            gx += t * (2 * a[k] * dx + b[k] * dy);
            gy += t * (b[k] * dx + 2 * c[k] * dy);
        }
        grad = {gx, gy};
        return e;
    }
};

/// E = (x² − 1)² + 2 (y − 0.3 x²)²: minima (±1, 0.3), saddle (0, 0) with E = 1, curved path.
class CurvedDoubleWell : public EnergySurface {
public:
    [[nodiscard]] std::size_t dimension() const override { return 2; }
    double energy_and_gradient(const std::vector<double>& p, std::vector<double>& grad) override {
        const double x = p[0], y = p[1], u = x * x - 1, w = y - 0.3 * x * x;
        grad = {4 * x * u - 2.4 * x * w, 4 * w};
        return u * u + 2 * w * w;
    }
};

/// Newton's method on the gradient (Hessian by central differences): the exact stationary
/// point near p.
std::vector<double> stationary_point(EnergySurface& s, std::vector<double> p) {
    std::vector<double> g, gp, gm;
    for (int it = 0; it < 50; ++it) {
        s.energy_and_gradient(p, g);
        Eigen::Matrix2d h;
        const double d = 1e-6;
        for (int j = 0; j < 2; ++j) {
            auto pp = p, pm = p;
            pp[static_cast<std::size_t>(j)] += d;
            pm[static_cast<std::size_t>(j)] -= d;
            s.energy_and_gradient(pp, gp);
            s.energy_and_gradient(pm, gm);
            for (int i = 0; i < 2; ++i) h(i, j) = (gp[static_cast<std::size_t>(i)] - gm[static_cast<std::size_t>(i)]) / (2 * d);
        }
        h = 0.5 * (h + h.transpose()).eval();
        const Eigen::Vector2d step = h.inverse() * Eigen::Vector2d(g[0], g[1]);
        p[0] -= step[0];
        p[1] -= step[1];
        if (step.norm() < 1e-13) break;
    }
    return p;
}

double dist(const std::vector<double>& a, const std::vector<double>& b) { return std::hypot(a[0] - b[0], a[1] - b[1]); }

ArtSettings mb_settings() {
    ArtSettings s;
    s.initial_displacement = 0.05;
    s.eigenvalue_threshold = -5;   // MB curvatures are O(10^2..10^3)
    s.push_step = 0.02;
    s.max_step = 0.05;
    s.force_tol = 1e-3;
    s.lanczos_fd_step = 1e-5;
    s.push_over = 0.05;
    s.initial_force_tol = 1e-2;
    s.connect_distance = 0.05;
    s.max_min_steps = 20000;
    return s;
}

}  // namespace

TEST_CASE("Lanczos: lowest eigenpair of a 6x6 quadratic form with one negative eigenvalue") {
    std::mt19937_64 rng(7);
    std::normal_distribution<double> gauss;
    Eigen::MatrixXd m(6, 6);
    for (int i = 0; i < 6; ++i)
        for (int j = 0; j < 6; ++j) m(i, j) = gauss(rng);
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(m);
    const Eigen::MatrixXd q = qr.householderQ();
    Eigen::VectorXd d(6);
    d << -0.7, 0.3, 1.0, 2.0, 3.5, 5.0;
    const Eigen::MatrixXd a = q * d.asDiagonal() * q.transpose();
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(a);
    const Eigen::VectorXd ref_mode = es.eigenvectors().col(0);
    CHECK(es.eigenvalues()(0) == doctest::Approx(-0.7).epsilon(1e-12));

    Quadratic surf(a);
    ArtSettings s;
    s.lanczos_tol = 0;  // full Krylov space: exact up to the FD round-off
    std::vector<double> x(6, 0.0), mode;
    x[0] = 0.3;
    x[4] = -0.2;
    int evals = 0;
    const double l = lowest_eigenvalue(surf, x, mode, s, &evals);
    CHECK(l == doctest::Approx(-0.7).epsilon(1e-8));
    CHECK(evals == 7);  // the gradient at x plus 6 Hessian-vector products
    REQUIRE(mode.size() == 6);
    double overlap = 0;
    for (int i = 0; i < 6; ++i) overlap += mode[static_cast<std::size_t>(i)] * ref_mode(i);
    CHECK(std::abs(overlap) == doctest::Approx(1.0).epsilon(1e-9));

    // Warm start from the exact mode: converges at once and keeps it.
    std::vector<double> warm(ref_mode.data(), ref_mode.data() + 6);
    s.lanczos_tol = 1e-6;
    const double l2 = lowest_eigenvalue(surf, x, warm, s);
    CHECK(l2 == doctest::Approx(-0.7).epsilon(1e-6));

    // Settings checks.
    s.lanczos_size = 1;
    CHECK_THROWS_AS(lowest_eigenvalue(surf, x, mode, s), stz::Error);
}

TEST_CASE("ART on the Müller–Brown potential: from minimum A to the A–C saddle") {
    MullerBrown mb;
    const std::vector<double> s1 = stationary_point(mb, {-0.822, 0.624});
    const std::vector<double> s2 = stationary_point(mb, {0.212, 0.293});
    const std::vector<double> min_c = stationary_point(mb, {-0.050, 0.467});
    std::vector<double> g;
    const double e_s1 = mb.energy_and_gradient(s1, g);
    const double e_s2 = mb.energy_and_gradient(s2, g);
    // The literature values (3 decimals) sit next to the exact stationary points.
    CHECK(dist(s1, {-0.822, 0.624}) < 2e-3);
    CHECK(e_s1 == doctest::Approx(-40.66).epsilon(1e-3));
    CHECK(e_s2 == doctest::Approx(-72.25).epsilon(1e-3));

    std::vector<double> a{-0.558, 1.442};
    bool ok = false;
    const double e_a = minimize_surface(mb, a, 1e-6, 20000, 0.05, &ok);
    REQUIRE(ok);
    CHECK(e_a == doctest::Approx(-146.70).epsilon(1e-4));

    const ArtSettings s = mb_settings();
    int found = 0;
    for (int k = 0; k < 8; ++k) {
        const double th = 2 * std::numbers::pi * k / 8.0;
        const SaddleResult r = find_saddle(mb, a, {std::cos(th), std::sin(th)}, s);
        INFO("kick angle " << k * 45 << " deg: " << r.reason << ", saddle (" << (r.saddle.empty() ? 0 : r.saddle[0]) << ", "
                           << (r.saddle.size() < 2 ? 0 : r.saddle[1]) << "), E = " << r.e_saddle);
        MESSAGE("MB kick " << k * 45 << " deg: " << r.reason << "; saddle (" << (r.saddle.empty() ? 0 : r.saddle[0]) << ", "
                           << (r.saddle.size() < 2 ? 0 : r.saddle[1]) << ") E = " << r.e_saddle << " lambda = " << r.lowest_eigenvalue
                           << " iters " << r.iterations << " evals " << r.force_evaluations);
        if (!r.converged) continue;
        const bool at_s1 = dist(r.saddle, s1) < 1e-3, at_s2 = dist(r.saddle, s2) < 1e-3;
        CHECK((at_s1 || at_s2));
        CHECK(r.lowest_eigenvalue < 0);
        if (at_s1) {
            CHECK(std::abs(r.e_saddle - e_s1) < 1e-3);
            CHECK(r.barrier == doctest::Approx(e_s1 - e_a).epsilon(1e-4));
            CHECK(r.connected);
            CHECK(dist(r.final_minimum, min_c) < 1e-3);
            ++found;
        }
        if (at_s2) {
            CHECK(std::abs(r.e_saddle - e_s2) < 1e-3);
            CHECK_FALSE(r.connected);  // B–C saddle: does not lead back to A
        }
    }
    CHECK(found >= 2);
}

TEST_CASE("ART on a curved symmetric double well: the saddle at the origin") {
    CurvedDoubleWell dw;
    ArtSettings s;
    s.force_tol = 1e-6;
    s.min_force_tol = 1e-6;
    s.initial_force_tol = 1e-6;
    const std::vector<double> x0{-1.0, 0.3};
    for (const std::vector<double>& kick : {std::vector<double>{1, 0}, {1, 1}, {1, -1}, {1, 0.5}}) {
        const SaddleResult r = find_saddle(dw, x0, kick, s);
        INFO(r.reason);
        MESSAGE("double well kick (" << kick[0] << ", " << kick[1] << "): " << r.reason << "; saddle (" << r.saddle[0] << ", "
                                     << r.saddle[1] << ") E = " << r.e_saddle << " iters " << r.iterations << " evals "
                                     << r.force_evaluations);
        REQUIRE(r.converged);
        CHECK(r.reason == "converged");
        CHECK(std::hypot(r.saddle[0], r.saddle[1]) < 1e-6);
        CHECK(r.e_saddle == doctest::Approx(1.0).epsilon(1e-10));
        CHECK(r.barrier == doctest::Approx(1.0).epsilon(1e-10));
        CHECK(r.lowest_eigenvalue == doctest::Approx(-4.0).epsilon(1e-2));  // d²E/dx² at the origin
        CHECK(r.connected);
        CHECK(dist(r.final_minimum, {1.0, 0.3}) < 1e-5);
        CHECK(r.e_final == doctest::Approx(0.0).scale(1).epsilon(1e-10));
        CHECK(r.mode[0] > 0.99);  // away from x0
    }
}

TEST_CASE("ART failures: not a minimum, too few iterations, bad input") {
    CurvedDoubleWell dw;
    ArtSettings s;
    SaddleResult r = find_saddle(dw, {-0.5, 0.3}, {1, 0}, s);
    CHECK_FALSE(r.converged);
    CHECK(r.reason.find("not a minimum") != std::string::npos);

    s.max_iterations = 2;
    r = find_saddle(dw, {-1.0, 0.3}, {1, 0}, s);
    CHECK_FALSE(r.converged);
    CHECK(r.reason.find("max_iterations") != std::string::npos);
    CHECK(r.iterations == 2);

    s = ArtSettings{};
    CHECK_THROWS_AS(find_saddle(dw, {-1.0, 0.3, 0.0}, {1, 0}, s), stz::Error);
    CHECK_THROWS_AS(find_saddle(dw, {-1.0, 0.3}, {0, 0}, s), stz::Error);
    s.force_tol = 0;
    CHECK_THROWS_AS(find_saddle(dw, {-1.0, 0.3}, {1, 0}, s), stz::Error);

    std::mt19937_64 rng(3);
    const auto d = random_direction(5, rng);
    double n2 = 0;
    for (double v : d) n2 += v * v;
    CHECK(n2 == doctest::Approx(1.0));
}
