// ART nouveau on atoms: whole-system EnergySurface, local kick, one event search.
#include "stz/atom/art_atoms.hpp"

#include <algorithm>
#include <cmath>

#include "stz/core/error.hpp"
#include "stz/core/random.hpp"

namespace stz::atom {

namespace {
Vec3 centre(const std::vector<double>& x) {
    Vec3 c{};
    const std::size_t n = x.size() / 3;
    for (std::size_t i = 0; i < n; ++i) c += Vec3{x[3 * i], x[3 * i + 1], x[3 * i + 2]};
    return (1.0 / static_cast<double>(n)) * c;
}
}  // namespace

double max_atom_distance(const std::vector<double>& a, const std::vector<double>& b) {
    STZ_REQUIRE(a.size() == b.size() && a.size() % 3 == 0, "max_atom_distance: " << a.size() << " and " << b.size()
                                                                                   << " coordinates");
    double worst2 = 0;
    for (std::size_t i = 0; i < a.size(); i += 3) {
        const double dx = a[i] - b[i], dy = a[i + 1] - b[i + 1], dz = a[i + 2] - b[i + 2];
        worst2 = std::max(worst2, dx * dx + dy * dy + dz * dz);
    }
    return std::sqrt(worst2);
}

AtomsSurface::AtomsSurface(const Atoms& atoms, EamForce& force, double translation_stiffness)
    : atoms_(atoms), force_(&force), k_(translation_stiffness) {
    STZ_REQUIRE(!atoms_.x.empty(), "AtomsSurface: no atoms");
    STZ_REQUIRE(k_ >= 0 && std::isfinite(k_), "AtomsSurface: translation stiffness must be >= 0, got " << k_);
    c_ref_ = centre(coordinates(atoms_));
    force_->invalidate();  // the copy may differ from what the force object saw last
}

std::vector<double> AtomsSurface::coordinates(const Atoms& atoms) {
    std::vector<double> x(3 * atoms.size());
    for (std::size_t i = 0; i < atoms.size(); ++i)
        for (int d = 0; d < 3; ++d) x[3 * i + static_cast<std::size_t>(d)] = atoms.x[i][d];
    return x;
}

double AtomsSurface::energy_and_gradient(const std::vector<double>& x, std::vector<double>& grad) {
    const std::size_t n = atoms_.size();
    STZ_REQUIRE(x.size() == 3 * n, "AtomsSurface: " << x.size() << " coordinates for " << n << " atoms");
    offset_.resize(n);
    for (std::size_t i = 0; i < n; ++i) atoms_.x[i] = Vec3{x[3 * i], x[3 * i + 1], x[3 * i + 2]} + offset_[i];
    double e = force_->compute(atoms_).energy_eV;
    grad.resize(3 * n);
    for (std::size_t i = 0; i < n; ++i) {
        // A neighbour-list rebuild may have wrapped the atom into the box: keep that image
        // (a lattice vector), so the next call does not move it back and force a rebuild.
        offset_[i] = atoms_.x[i] - Vec3{x[3 * i], x[3 * i + 1], x[3 * i + 2]};
        for (int d = 0; d < 3; ++d) grad[3 * i + static_cast<std::size_t>(d)] = -atoms_.f[i][d];
    }
    if (k_ > 0) {  // translation pin: E += ½ k N |c - c_ref|², dE/dx_i = k (c - c_ref)
        const Vec3 dc = centre(x) - c_ref_;
        e += 0.5 * k_ * static_cast<double>(n) * dot(dc, dc);
        for (std::size_t i = 0; i < n; ++i)
            for (int d = 0; d < 3; ++d) grad[3 * i + static_cast<std::size_t>(d)] += k_ * dc[d];
    }
    return e;
}

ArtSettings atoms_art_settings() {
    ArtSettings s;
    s.initial_displacement = 0.3;
    s.eigenvalue_threshold = -0.02;
    s.push_step = 0.1;
    s.perp_relax_steps = 4;
    s.max_step = 0.1;
    s.force_tol = 0.01;
    s.lanczos_size = 15;
    s.lanczos_fd_step = 1e-3;
    s.lanczos_tol = 1e-3;
    s.max_iterations = 500;
    s.max_activation_steps = 30;
    s.push_over = 0.15;
    s.initial_force_tol = 0.05;
    s.min_force_tol = 0.0;
    s.max_min_steps = 5000;
    s.connect_distance = 0.1;
    return s;
}

std::vector<double> local_kick(const Atoms& atoms, std::size_t center, double radius_A, double norm_A,
                               std::uint64_t seed, std::uint64_t search) {
    STZ_REQUIRE(center < atoms.size(), "local_kick: centre atom " << center << " of " << atoms.size());
    STZ_REQUIRE(radius_A > 0 && std::isfinite(radius_A), "local_kick: radius must be positive, got " << radius_A);
    STZ_REQUIRE(norm_A > 0 && std::isfinite(norm_A), "local_kick: norm must be positive, got " << norm_A);
    CounterRng rng(seed, RngStream::atom_placement, 1000000 + search);
    std::vector<double> k(3 * atoms.size(), 0.0);
    double sum2 = 0;
    for (std::size_t i = 0; i < atoms.size(); ++i) {  // fixed order: reproducible draws
        if (i != center && norm(atoms.box.minimum_image(atoms.x[i] - atoms.x[center])) > radius_A) continue;
        for (std::size_t d = 0; d < 3; ++d) {
            const double g = rng.normal();
            k[3 * i + d] = g;
            sum2 += g * g;
        }
    }
    const double scale = norm_A / std::sqrt(sum2);
    for (double& v : k) v *= scale;
    return k;
}

ArtEvent make_event(const Atoms& minimum, std::size_t center, const SaddleResult& r) {
    ArtEvent ev;
    ev.center = center;
    ev.center_id = static_cast<long>(minimum.id[center]);
    ev.e_initial_eV = r.e_initial;
    ev.converged = r.converged;
    ev.reason = r.reason;
    ev.iterations = r.iterations;
    ev.force_evaluations = r.force_evaluations;
    if (!r.converged) return ev;
    ev.e_saddle_eV = r.e_saddle;
    ev.e_final_eV = r.e_final;
    ev.barrier_eV = r.barrier;
    ev.connected = r.connected;
    STZ_REQUIRE(r.saddle.size() == 3 * minimum.size(), "make_event: saddle has " << r.saddle.size() << " coordinates");
    for (std::size_t i = 0; i < minimum.size(); ++i) {
        const Vec3 s{r.saddle[3 * i], r.saddle[3 * i + 1], r.saddle[3 * i + 2]};
        const double dr = norm(minimum.box.minimum_image(s - minimum.x[i]));
        if (dr > ev.max_displacement_A) {
            ev.max_displacement_A = dr;
            ev.max_displaced = i;
        }
        if (dr > 0.1) ++ev.moved_atoms;
    }
    return ev;
}

ArtEvent search_event(Atoms& minimum, EamForce& force, std::size_t center, const ArtSettings& settings,
                      double kick_radius_A, std::uint64_t seed, std::uint64_t search) {
    const std::vector<double> kick =
        local_kick(minimum, center, kick_radius_A, settings.initial_displacement, seed, search);
    AtomsSurface surface(minimum, force);
    const std::vector<double> x0 = AtomsSurface::coordinates(minimum);
    const SaddleResult r = find_saddle(surface, x0, kick, settings);
    return make_event(minimum, center, r);
}

}  // namespace stz::atom
