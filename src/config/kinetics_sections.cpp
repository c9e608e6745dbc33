// Sections `kinetics` (rates and event selection, 003-eqs 5-7) and `softening`
// (strain-induced softening, 003-eqs 9-12).
#include <cmath>
#include <optional>
#include <string>
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
    // Bounds far outside any glass that keep the rates finite (docs/reliability.md,
    // "Numerical guards"): below 1 mK, Q / k_B T overflows for barriers of a few eV, and
    // with nu0 <= 1e20 /s (a Debye frequency is ~1e13) the total rate N M nu0 stays far
    // inside the double range on any grid the grid section allows.
    if (k.temperature_K < 1e-3 || k.temperature_K > 1e5)
        r.fail("temperature_K", "expected a temperature in 0.001..100000 K, got " +
                                    format_number(k.temperature_K) +
                                    " (outside that range the rates k = nu0 exp(-Q / k_B T) "
                                    "underflow or overflow)");
    if (k.attempt_frequency_per_s > 1e20)
        r.fail("attempt_frequency_per_s",
               "expected at most 1e20 per s (a Debye frequency is about 1e13), got " +
                   format_number(k.attempt_frequency_per_s) +
                   " (the total rate N M nu0 would approach the double range)");
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
