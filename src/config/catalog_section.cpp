// Section `catalog`: the heterogeneously randomized event catalog (MODEL.md §2).
#include <string>

#include "src/config/cross_checks.hpp"
#include "src/config/enum_names.hpp"
#include "src/config/sections.hpp"

namespace stz::detail {

namespace {

/// Keys that only the gaussian or only the uniform distribution reads.
constexpr const char* kGaussianKeys[] = {"barrier_mean_eV", "barrier_std_eV"};
constexpr const char* kUniformKeys[] = {"barrier_min_eV", "barrier_max_eV"};

/// A key of the other distribution is a mistake, not something to ignore silently.
void reject_other_distribution_keys(const YamlReader& r, BarrierDistribution d) {
    const bool gaussian = d == BarrierDistribution::gaussian;
    const auto& other_keys = gaussian ? kUniformKeys : kGaussianKeys;
    const auto& own_keys = gaussian ? kGaussianKeys : kUniformKeys;
    for (const char* key : other_keys) {
        if (!r.has(key)) continue;
        r.fail(key, std::string("applies to the ") + (gaussian ? "uniform" : "gaussian") +
                        " distribution only, but barrier_distribution is " + to_string(d) +
                        (r.has("barrier_distribution") ? "" : " (the default)") + ", which takes " +
                        own_keys[0] + " and " + own_keys[1]);
    }
}

}  // namespace

CatalogConfig parse_catalog(YamlReader r) {
    CatalogConfig c;
    const auto positive = NumberRange::positive();
    c.modes = r.optional_int("modes", c.modes, NumberRange::closed(1, 10000));
    if (auto d = optional_enum<BarrierDistribution>(r, "barrier_distribution"))
        c.barrier_distribution = *d;
    c.barrier_mean_eV = r.optional_double("barrier_mean_eV", c.barrier_mean_eV, positive);
    c.barrier_std_eV = r.optional_double("barrier_std_eV", c.barrier_std_eV, positive);
    c.barrier_min_eV = r.optional_double("barrier_min_eV", c.barrier_min_eV, positive);
    c.barrier_max_eV = r.optional_double("barrier_max_eV", c.barrier_max_eV, positive);
    c.gamma_star = r.optional_double("gamma_star", c.gamma_star, positive);
    const double volume = r.optional_double("stz_volume_nm3", 0.0, positive);
    if (r.has("stz_volume_nm3")) c.stz_volume_nm3 = volume;
    c.stz_volume_factor = r.optional_double("stz_volume_factor", c.stz_volume_factor, positive);
    r.finish();

    reject_other_distribution_keys(r, c.barrier_distribution);
    if (r.has("stz_volume_nm3") && r.has("stz_volume_factor")) {
        r.fail("stz_volume_factor",
               "give either stz_volume_nm3 or stz_volume_factor, not both (which one wins "
               "would be ambiguous)");
    }
    if (c.barrier_distribution == BarrierDistribution::uniform) {
        require_less(r, {"barrier_min_eV", c.barrier_min_eV}, {"barrier_max_eV", c.barrier_max_eV},
                     Constrained::upper);
    }
    return c;
}

}  // namespace stz::detail
