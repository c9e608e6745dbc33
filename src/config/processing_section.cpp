// Section `processing`: the processing map of paper 003 §2.4 and §4.1 (MODEL.md §7), and
// the mean barrier and softening cap it derives from a cooling rate.
#include <charconv>
#include <cmath>
#include <optional>
#include <string>

#include "src/config/sections.hpp"

namespace stz::detail {

namespace {

/// The keys of the map itself; a cooling rate needs all three.
constexpr const char* kMapKeys[] = {"barrier_intercept_eV", "barrier_slope_eV_per_decade",
                                    "saturated_barrier_eV"};

/// Six significant digits: enough to see why a value is out of range.
std::string brief_number(double v) {
    char buf[32];
    const auto end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6).ptr;
    return std::string(buf, end);
}

}  // namespace

void parse_processing(YamlReader r, Config& c) {
    ProcessingConfig p;
    auto optional = [&r](const char* key, const NumberRange& range) -> std::optional<double> {
        const double v = r.optional_double(key, 0.0, range);
        return r.has(key) ? std::optional<double>(v) : std::nullopt;
    };
    p.cooling_rate_K_per_s = optional("cooling_rate_K_per_s", NumberRange::positive());
    p.barrier_intercept_eV = optional("barrier_intercept_eV", NumberRange::any());
    p.barrier_slope_eV_per_decade = optional("barrier_slope_eV_per_decade", NumberRange::any());
    p.saturated_barrier_eV = optional("saturated_barrier_eV", NumberRange::positive());
    r.finish();
    c.processing = p;
    if (!p.cooling_rate_K_per_s) return;  // a map alone is kept, and changes nothing

    for (const char* key : kMapKeys) {
        if (r.has(key)) continue;
        r.fail(key,
               "missing required key: cooling_rate_K_per_s derives catalog.barrier_mean_eV "
               "and softening.eta_max from the processing map, which needs "
               "barrier_intercept_eV, barrier_slope_eV_per_decade and saturated_barrier_eV");
    }
    if (c.catalog.barrier_distribution != BarrierDistribution::gaussian) {
        r.fail("cooling_rate_K_per_s",
               std::string("sets catalog.barrier_mean_eV, the mean of the gaussian barrier "
                           "distribution, but catalog.barrier_distribution is ") +
                   to_string(c.catalog.barrier_distribution));
    }
    const double rate = *p.cooling_rate_K_per_s;
    const double q_sat = *p.saturated_barrier_eV;
    const double q = *p.barrier_intercept_eV + *p.barrier_slope_eV_per_decade * std::log10(rate);
    const std::string at = " at " + format_number(rate) + " K/s";
    if (!std::isfinite(q)) {
        r.fail("cooling_rate_K_per_s", "the processing map gives no finite mean barrier" + at +
                                           " (Q = " + format_number(q) + ")");
    }
    if (!(q > q_sat)) {
        r.fail("cooling_rate_K_per_s",
               "the processing map gives Q = " + brief_number(q) +
                   " eV <= Q_sat = " + brief_number(q_sat) + " eV (saturated_barrier_eV)" + at +
                   ": outside the map's range (eta_max = ln(Q/Q_sat) must be > 0)");
    }
    // The cooling rate decides: these replace whatever catalog and softening said.
    c.catalog.barrier_mean_eV = q;
    c.softening.eta_max = std::log(q / q_sat);
    c.derived_from_map = true;
}

}  // namespace stz::detail
