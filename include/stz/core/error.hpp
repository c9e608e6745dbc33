#pragma once
// The one exception type of stzkmc, and the checks that throw it.
//
// The library never calls exit() or abort(): every failure is an stz::Error whose
// message says what was wrong and where. The command-line program catches it,
// logs it and returns a non-zero status.
#include <sstream>
#include <stdexcept>
#include <string>

namespace stz {

/// Every error stzkmc reports: bad input, violated invariant, failed I/O.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& what) : std::runtime_error(what) {}
};

namespace detail {
[[noreturn]] inline void throw_error(const char* file, int line, const std::string& msg) {
    std::ostringstream os;
    os << msg << " [" << file << ":" << line << "]";
    throw Error(os.str());
}
}  // namespace detail

}  // namespace stz

/// Always-on check: throws stz::Error with `msg` (anything streamable) if `cond` is false.
#define STZ_REQUIRE(cond, msg)                                                   \
    do {                                                                         \
        if (!(cond)) {                                                           \
            std::ostringstream stz_require_os_;                                  \
            stz_require_os_ << msg;                                              \
            throw ::stz::Error(stz_require_os_.str());                           \
        }                                                                        \
    } while (false)

/// Debug-only invariant check (compiled out with NDEBUG); reports file:line.
#ifdef NDEBUG
#define STZ_ASSERT(cond) ((void)0)
#else
#define STZ_ASSERT(cond)                                                                  \
    do {                                                                                  \
        if (!(cond))                                                                      \
            ::stz::detail::throw_error(__FILE__, __LINE__, "internal check failed: " #cond); \
    } while (false)
#endif
