#pragma once
// Internal: the YAML spellings of LoadingMode, in enum order (one table for parsing,
// printing and the "expected one of ..." lists).
#include <string>
#include <vector>

namespace stz::detail {

/// Every loading-mode name; names[i] is the spelling of static_cast<LoadingMode>(i).
[[nodiscard]] const std::vector<std::string>& loading_mode_names();

}  // namespace stz::detail
