// The public to_string() of every configuration enum (declared in config.hpp) and
// parse_loading_mode() (load_config.hpp); the names themselves live in enum_names.hpp.
#include "src/config/enum_names.hpp"

#include "stz/config/load_config.hpp"

namespace stz {

const char* to_string(LoadingMode mode) {
    return detail::enum_name(mode);
}
const char* to_string(BarrierDistribution d) {
    return detail::enum_name(d);
}
const char* to_string(KmcScheme s) {
    return detail::enum_name(s);
}
const char* to_string(AvalancheOrder a) {
    return detail::enum_name(a);
}
const char* to_string(EventSelection e) {
    return detail::enum_name(e);
}

LoadingMode parse_loading_mode(const std::string& s) {
    if (auto mode = detail::enum_from_name<LoadingMode>(s)) return *mode;
    throw Error("unknown loading mode \"" + s + "\"; expected one of " +
                detail::enum_name_list<LoadingMode>());
}

}  // namespace stz
