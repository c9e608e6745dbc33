#include "stz/core/duration_text.hpp"

#include <cmath>
#include <cstdio>

namespace stz {

std::string duration_text(double s) {
    if (!std::isfinite(s) || s < 0) return "?";
    char buf[32];
    if (s < 120) std::snprintf(buf, sizeof buf, "%.0fs", s);
    else if (s < 7200) std::snprintf(buf, sizeof buf, "%.0fm%02.0fs", std::floor(s / 60), std::fmod(s, 60));
    else std::snprintf(buf, sizeof buf, "%.1fh", s / 3600);
    return buf;
}

}  // namespace stz
