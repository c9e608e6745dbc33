#pragma once
// Small helpers shared by the writers in src/io (not installed, not public).
#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <span>
#include <string>
#include <system_error>
#include <vector>

#include "stz/core/error.hpp"

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

/// The header line of a CSV table of `columns`; `where` starts the error message
/// ("cannot write 'x.csv'"). Names must be non-empty and need no quoting: one that would
/// is almost always a mistake.
inline std::string csv_header(const std::vector<std::string>& columns, const std::string& where) {
    STZ_REQUIRE(!columns.empty(), where << ": a CSV file needs at least one column");
    std::string line;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::string& c = columns[i];
        STZ_REQUIRE(!c.empty() && c.find_first_of(",\"\n\r") == std::string::npos,
                    where << ": column name '" << c
                          << "' is empty or contains a comma, quote or line break");
        if (i > 0) line += ',';
        line += c;
    }
    line += '\n';
    return line;
}

/// Appends one CSV row of `values` with `digits` significant digits and a line break.
/// to_chars writes "-nan" for a NaN with the sign bit set; one spelling ("nan") is
/// easier on readers and diffs.
inline void append_csv_row(std::string& line, std::span<const double> values, int digits) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) line += ',';
        line += std::isnan(values[i]) ? std::string("nan") : format_double(values[i], digits);
    }
    line += '\n';
}

}  // namespace stz::detail
