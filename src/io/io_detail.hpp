#pragma once
// Small helpers shared by the writers in src/io (not installed, not public).
#include <array>
#include <charconv>
#include <filesystem>
#include <string>
#include <system_error>

namespace stz::detail {

/// A path as it appears in error messages: 'runs/a/x.npy'.
inline std::string quote(const std::filesystem::path& p) {
    // Appended piecewise: `"'" + p.string()` trips a false -Wrestrict in GCC 12.
    std::string s(1, '\'');
    s += p.native();
    s += '\'';
    return s;
}

/// The operating system's text for an errno value (what strerror() gives), without
/// strerror's shared static buffer.
inline std::string os_reason(int err) {
    return std::generic_category().message(err);
}

/// `x` with `digits` significant digits, or the shortest text that reads back exactly
/// when `digits` is 0. std::to_chars ignores the locale, so files are reproducible
/// whatever LC_NUMERIC says.
inline std::string format_double(double x, int digits = 0) {
    std::array<char, 64> buf{};
    const auto res = digits > 0 ? std::to_chars(buf.data(), buf.data() + buf.size(), x,
                                                std::chars_format::general, digits)
                                : std::to_chars(buf.data(), buf.data() + buf.size(), x);
    return {buf.data(), res.ptr};
}

}  // namespace stz::detail
