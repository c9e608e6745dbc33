// Local force evaluation for ART on atoms (art_local.hpp).
#include "stz/atom/art_local.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "stz/core/error.hpp"

namespace stz::atom {

void LocalRegion::validate() const {
    STZ_REQUIRE(active_radius_A > 0 && std::isfinite(active_radius_A),
                "ART local region: active_radius_A must be positive, got " << active_radius_A);
    STZ_REQUIRE(margin_A > 0 && std::isfinite(margin_A), "ART local region: margin_A must be positive, got " << margin_A);
}

bool LocalRegion::fits(const Box& box, double cutoff_A) const {
    const Vec3 w = box.perpendicular_widths();
    const double d = 2 * kept_radius_A(cutoff_A);
    return w.x > d && w.y > d && w.z > d;
}

LocalAtomsSurface::LocalAtomsSurface(const Atoms& atoms, std::shared_ptr<const EamPotential> potential,
                                     std::vector<int> type_element, std::size_t center, const LocalRegion& region)
    : force_(std::move(potential), std::move(type_element)) {
    region.validate();
    STZ_REQUIRE(center < atoms.size(), "ART local region: centre atom " << center << " of " << atoms.size());
    const double rc = force_.cutoff_A();
    const double r_kept = region.kept_radius_A(rc);
    open_ = region.fits(atoms.box, rc);
    const Vec3 c = atoms.x[center];
    if (open_) {
        // The copy's box: the kept sphere in the middle, with more than a cutoff plus the
        // neighbour skin (2 Å) between it and its nearest image.
        const double side = 2 * r_kept + rc + 3.0;
        copy_.box = Box::orthogonal(c - Vec3{side / 2, side / 2, side / 2}, side, side, side);
        copy_.species = atoms.species;
    } else {
        const Vec3 w = atoms.box.perpendicular_widths();
        STZ_REQUIRE(2 * region.active_radius_A < std::min({w.x, w.y, w.z}),
                    "ART local region: active radius " << region.active_radius_A
                                                       << " Å is more than half the box width "
                                                       << std::min({w.x, w.y, w.z}) << " Å");
        copy_ = atoms;  // the whole periodic sample; atoms beyond the active radius held
    }
    std::vector<std::pair<std::size_t, Vec3>> passive;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        const Vec3 d = atoms.box.minimum_image(atoms.x[i] - c);
        const double r = norm(d);
        if (r < region.active_radius_A) {
            active_.push_back(i);
            shift_.push_back(c + d - atoms.x[i]);
            if (open_) {
                slot_.push_back(copy_.size());
                offset_.push_back(Vec3{});
                copy_.add(atoms.type[i], c + d, atoms.id[i]);
            } else {
                slot_.push_back(i);
                offset_.push_back(atoms.x[i] - (c + d));
            }
        } else if (open_ && r < r_kept) {
            passive.emplace_back(i, c + d);
        }
    }
    for (const auto& [i, pos] : passive) copy_.add(atoms.type[i], pos, atoms.id[i]);
    sample_x_ = atoms.x;
    margin_A_ = region.margin_A;
    std::vector<double> grad;
    start_energy_eV_ = energy_and_gradient(start(), grad);
}

std::vector<double> LocalAtomsSurface::start() const {
    std::vector<double> x(3 * active_.size());
    for (std::size_t k = 0; k < active_.size(); ++k) {
        const Vec3 p = sample_x_[active_[k]] + shift_[k];
        x[3 * k] = p.x;
        x[3 * k + 1] = p.y;
        x[3 * k + 2] = p.z;
    }
    return x;
}

double LocalAtomsSurface::energy_and_gradient(const std::vector<double>& x, std::vector<double>& grad) {
    const std::size_t n = active_.size();
    STZ_REQUIRE(x.size() == 3 * n, "LocalAtomsSurface: " << x.size() << " coordinates for " << n << " active atoms");
    for (std::size_t k = 0; k < n; ++k) copy_.x[slot_[k]] = Vec3{x[3 * k], x[3 * k + 1], x[3 * k + 2]} + offset_[k];
    const double e = force_.compute(copy_).energy_eV;
    grad.resize(3 * n);
    for (std::size_t k = 0; k < n; ++k) {
        // A neighbour-list rebuild may have wrapped the atom into the box: keep that image
        // (a lattice vector) so the next call does not move it back and force a rebuild.
        offset_[k] = copy_.x[slot_[k]] - Vec3{x[3 * k], x[3 * k + 1], x[3 * k + 2]};
        for (int d = 0; d < 3; ++d) grad[3 * k + static_cast<std::size_t>(d)] = -copy_.f[slot_[k]][d];
    }
    return e;
}

std::string LocalAtomsSurface::out_of_bounds(const std::vector<double>& x) const {
    if (!open_) return {};  // the whole sample: exact however far the active atoms move
    for (std::size_t k = 0; k < active_.size(); ++k) {
        const Vec3 d = Vec3{x[3 * k], x[3 * k + 1], x[3 * k + 2]} - (sample_x_[active_[k]] + shift_[k]);
        if (norm(d) > margin_A_)
            return "atom id " + std::to_string(copy_.id[slot_[k]]) + " moved " + std::to_string(norm(d)) +
                   " Å, more than the local region's margin " + std::to_string(margin_A_) + " Å";
    }
    return {};
}

double LocalAtomsSurface::energy_offset_eV(double sample_energy_eV) { return sample_energy_eV - start_energy_eV_; }

std::vector<double> LocalAtomsSurface::full_coordinates(const std::vector<double>& x) const {
    STZ_REQUIRE(x.size() == 3 * active_.size(), "LocalAtomsSurface: " << x.size() << " coordinates for "
                                                                       << active_.size() << " active atoms");
    std::vector<double> full(3 * sample_x_.size());
    for (std::size_t i = 0; i < sample_x_.size(); ++i)
        for (int d = 0; d < 3; ++d) full[3 * i + static_cast<std::size_t>(d)] = sample_x_[i][d];
    for (std::size_t k = 0; k < active_.size(); ++k)
        for (int d = 0; d < 3; ++d)
            full[3 * active_[k] + static_cast<std::size_t>(d)] =
                x[3 * k + static_cast<std::size_t>(d)] - shift_[k][d];
    return full;
}

ArtEvent search_event_local(const Atoms& minimum, double minimum_energy_eV,
                            const std::shared_ptr<const EamPotential>& potential,
                            const std::vector<int>& type_element, std::size_t center,
                            const ArtSettings& settings, const LocalRegion& region, double kick_radius_A,
                            std::uint64_t seed, std::uint64_t search, ArtSearchCost* cost) {
    STZ_REQUIRE(kick_radius_A < region.active_radius_A,
                "ART: kick radius " << kick_radius_A << " Å must be smaller than the active radius "
                                    << region.active_radius_A << " Å (kicked atoms must be free to move)");
    const std::vector<double> kick =
        local_kick(minimum, center, kick_radius_A, settings.initial_displacement, seed, search);
    LocalAtomsSurface surface(minimum, potential, type_element, center, region);
    const auto& active = surface.active_atoms();
    std::vector<double> local_kick_vector(3 * active.size());
    for (std::size_t k = 0; k < active.size(); ++k)
        for (std::size_t d = 0; d < 3; ++d) local_kick_vector[3 * k + d] = kick[3 * active[k] + d];
    SaddleResult r = find_saddle(surface, surface.start(), local_kick_vector, settings);
    const double offset = surface.energy_offset_eV(minimum_energy_eV);
    r.e_initial += offset;
    if (r.converged) {
        r.e_saddle += offset;
        r.e_final += offset;
        r.saddle = surface.full_coordinates(r.saddle);
    }
    if (cost) *cost = {surface.open_copy(), active.size(), surface.evaluated_atoms()};
    return make_event(minimum, center, r);
}

}  // namespace stz::atom
