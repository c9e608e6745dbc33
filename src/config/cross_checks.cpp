#include "src/config/cross_checks.hpp"

#include <string>

namespace stz::detail {

void require_less(const YamlReader& r, KeyValue lower, KeyValue upper, Constrained constrained) {
    if (lower.value < upper.value) return;
    const bool has_lower = r.has(lower.key);
    const bool has_upper = r.has(upper.key);
    // Blame the constrained key unless only the other one was written.
    const bool blame_upper =
        constrained == Constrained::upper ? has_upper || !has_lower : has_upper && !has_lower;
    auto other = [&](const KeyValue& kv, bool given) {
        return format_number(kv.value) + " (" + kv.key + (given ? "" : ", the default") + ")";
    };
    if (blame_upper) {
        r.fail(upper.key, "expected a number > " + other(lower, has_lower) + ", got " +
                              format_number(upper.value));
    }
    r.fail(lower.key, "expected a number with 0 < value < " + other(upper, has_upper) + ", got " +
                          format_number(lower.value));
}

}  // namespace stz::detail
