// Per-atom state of an atomistic sample.
#include "stz/atom/atoms.hpp"

#include <cmath>
#include <unordered_set>

#include "stz/core/error.hpp"

namespace stz::atom {

void Atoms::add(int type0, const Vec3& position, std::int64_t atom_id) {
    id.push_back(atom_id >= 0 ? atom_id : static_cast<std::int64_t>(x.size()) + 1);
    type.push_back(type0);
    x.push_back(position);
    v.push_back({});
    f.push_back({});
    image.push_back({0, 0, 0});
}

void Atoms::wrap() {
    for (std::size_t i = 0; i < x.size(); ++i) {
        Vec3 s = box.to_fractional(x[i]);
        for (int d = 0; d < 3; ++d) {
            const double shift = std::floor(s[d]);
            if (shift != 0.0) {
                s[d] -= shift;
                image[i][static_cast<std::size_t>(d)] += static_cast<int>(shift);
            }
            if (s[d] >= 1.0) s[d] = 0.0;  // -tiny + 1 rounds to 1
        }
        x[i] = box.from_fractional(s);
    }
}

Vec3 Atoms::unwrapped(std::size_t i) const {
    const auto& n = image[i];
    return x[i] + box.h_times({double(n[0]), double(n[1]), double(n[2])});
}

std::vector<std::size_t> Atoms::count_by_species() const {
    std::vector<std::size_t> counts(species.size(), 0);
    for (int t : type) ++counts[static_cast<std::size_t>(t)];
    return counts;
}

void Atoms::validate(const std::string& context) const {
    const std::size_t n = x.size();
    STZ_REQUIRE(id.size() == n && type.size() == n && v.size() == n && f.size() == n && image.size() == n,
                context << ": per-atom arrays have different lengths");
    box.validate(context.c_str());
    for (std::size_t t = 0; t < species.size(); ++t)
        STZ_REQUIRE(species[t].mass_amu > 0 && std::isfinite(species[t].mass_amu),
                    context << ": atom type " << t + 1 << " has mass " << species[t].mass_amu
                            << "; expected a positive mass in g/mol");
    std::unordered_set<std::int64_t> seen;
    seen.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        STZ_REQUIRE(type[i] >= 0 && static_cast<std::size_t>(type[i]) < species.size(),
                    context << ": atom " << id[i] << " has type " << type[i] + 1 << "; expected 1.." << species.size());
        STZ_REQUIRE(seen.insert(id[i]).second, context << ": atom id " << id[i] << " appears twice");
        for (int d = 0; d < 3; ++d)
            STZ_REQUIRE(std::isfinite(x[i][d]) && std::isfinite(v[i][d]),
                        context << ": atom " << id[i] << " has a non-finite position or velocity");
    }
}

void Atoms::permute(const std::vector<std::size_t>& order) {
    STZ_REQUIRE(order.size() == x.size(), "Atoms::permute: order has the wrong length");
    auto apply = [&](auto& vec) {
        auto copy = vec;
        for (std::size_t k = 0; k < order.size(); ++k) vec[k] = copy[order[k]];
    };
    apply(id);
    apply(type);
    apply(x);
    apply(v);
    apply(f);
    apply(image);
}

}  // namespace stz::atom
