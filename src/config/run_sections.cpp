// Sections `output` (what a run writes besides the curve) and `run` (seed and limits).
#include <cstdint>
#include <limits>
#include <utility>

#include "src/config/sections.hpp"

namespace stz::detail {

OutputConfig parse_output(YamlReader r) {
    OutputConfig o;
    const auto positive = NumberRange::positive();
    if (auto list = r.optional_number_list("snapshot_plastic_strains", positive, true))
        o.snapshot_plastic_strains = std::move(*list);
    o.curve_interval_strain =
        r.optional_double("curve_interval_strain", o.curve_interval_strain, positive);
    o.progress_interval_s =
        r.optional_double("progress_interval_s", o.progress_interval_s, positive);
    o.extreme_strain_threshold =
        r.optional_double("extreme_strain_threshold", o.extreme_strain_threshold, positive);
    r.finish();
    return o;
}

RunConfig parse_run(YamlReader r) {
    RunConfig c;
    c.seed = r.optional_uint64("seed", c.seed, std::numeric_limits<std::uint64_t>::max());
    c.max_events = static_cast<std::int64_t>(
        r.optional_uint64("max_events", static_cast<std::uint64_t>(c.max_events),
                          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())));
    r.finish();
    return c;
}

}  // namespace stz::detail
