// LoadingMode <-> YAML name. to_string() is declared in config.hpp, parse_loading_mode()
// in load_config.hpp; both read the one table below.
#include "src/config/loading_mode.hpp"

#include <algorithm>

#include "stz/config/config.hpp"
#include "stz/config/load_config.hpp"
#include "stz/core/error.hpp"

namespace stz {

namespace detail {
const std::vector<std::string>& loading_mode_names() {
    // Order must match enum class LoadingMode.
    static const std::vector<std::string> names = {"uniaxial_tension", "uniaxial_compression",
                                                   "pure_shear", "simple_shear"};
    return names;
}
}  // namespace detail

const char* to_string(LoadingMode mode) {
    const auto& names = detail::loading_mode_names();
    const auto i = static_cast<std::size_t>(mode);
    STZ_REQUIRE(i < names.size(), "invalid LoadingMode value " << i);
    return names[i].c_str();
}

LoadingMode parse_loading_mode(const std::string& s) {
    const auto& names = detail::loading_mode_names();
    const auto it = std::find(names.begin(), names.end(), s);
    if (it == names.end()) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        throw Error("unknown loading mode \"" + s + "\"; expected one of " + list);
    }
    return static_cast<LoadingMode>(it - names.begin());
}

}  // namespace stz
