// Sections `kinetics` (rates and event selection, 003-eqs 5-7) and `softening`
// (strain-induced softening, 003-eqs 9-12).
#include <cmath>
#include <optional>
#include <string_view>

#include "src/config/enum_names.hpp"
#include "src/config/sections.hpp"

namespace stz::detail {

namespace {

/// eta_max as a number >= 0, or as the text "-ln X" with 0 < X <= 1 (the form the paper
/// writes it in: -ln 0.6 = 0.5108...); nothing for anything else.
std::optional<double> eta_max_value(const YAML::Node& node) {
    if (const auto v = yaml_number(node)) {
        return NumberRange::at_least(0).contains(*v) ? v : std::nullopt;
    }
    if (!node.IsScalar()) return std::nullopt;
    std::string_view s = node.Scalar();
    constexpr std::string_view prefix = "-ln";
    if (!s.starts_with(prefix)) return std::nullopt;
    s.remove_prefix(prefix.size());
    const auto arg = s.find_first_not_of(" \t");
    if (arg == 0 || arg == std::string_view::npos) return std::nullopt;  // "-ln" SPACE X
    const auto x = decimal_number(s.substr(arg));
    if (!x || !(*x > 0 && *x <= 1)) return std::nullopt;
    return *x == 1 ? 0.0 : -std::log(*x);  // -ln 1 is +0, not -0
}

}  // namespace

KineticsConfig parse_kinetics(YamlReader r) {
    KineticsConfig k;
    const auto positive = NumberRange::positive();
    k.temperature_K = r.optional_double("temperature_K", k.temperature_K, positive);
    k.attempt_frequency_per_s =
        r.optional_double("attempt_frequency_per_s", k.attempt_frequency_per_s, positive);
    if (auto s = optional_enum<KmcScheme>(r, "scheme")) k.scheme = *s;
    if (auto a = optional_enum<AvalancheOrder>(r, "avalanche")) k.avalanche = *a;
    if (auto e = optional_enum<EventSelection>(r, "selection")) k.selection = *e;
    r.finish();
    return k;
}

SofteningConfig parse_softening(YamlReader r) {
    SofteningConfig s;
    const auto non_negative = NumberRange::at_least(0);
    s.kappa_p = r.optional_double("kappa_p", s.kappa_p, non_negative);
    s.kappa_t = r.optional_double("kappa_t", s.kappa_t, non_negative);
    if (auto eta = r.optional_converted(
            "eta_max", "a number >= 0 or the text \"-ln X\" with 0 < X <= 1 (e.g. -ln 0.6)",
            eta_max_value)) {
        s.eta_max = *eta;
    }
    s.relaxation_barrier_eV = r.optional_double("relaxation_barrier_eV", s.relaxation_barrier_eV,
                                                NumberRange::positive());
    r.finish();
    return s;
}

}  // namespace stz::detail
