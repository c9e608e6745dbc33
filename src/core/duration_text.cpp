#include "stz/core/duration_text.hpp"

#include <cmath>
#include <cstdio>

namespace stz {

std::string duration_text(double s) {
    if (!std::isfinite(s) || s < 0) return "?";
    char buf[32];
    // Round to whole seconds first, then split: 5399.6 s is 90m00s, not 89m60s.
    const long long r = std::llround(s);
    if (r < 120) std::snprintf(buf, sizeof buf, "%llds", r);
    else if (r < 7200) std::snprintf(buf, sizeof buf, "%lldm%02llds", r / 60, r % 60);
    else std::snprintf(buf, sizeof buf, "%.1fh", s / 3600);
    return buf;
}

}  // namespace stz
