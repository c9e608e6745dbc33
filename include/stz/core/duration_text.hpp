#pragma once
// Wall-clock durations for progress lines: "45s", "12m05s", "3.2h"; "?" if unknown.
#include <string>

namespace stz {

/// `seconds` as a short text: whole seconds below 2 min, minutes and seconds below 2 h,
/// hours with one decimal above; "?" for a negative or non-finite value.
[[nodiscard]] std::string duration_text(double seconds);

}  // namespace stz
