#include "stz/io/csv_table.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "src/io/io_detail.hpp"
#include "stz/core/error.hpp"

namespace stz {

CsvNumberRule CsvNumberRule::any() {
    return {[](double) { return true; }, "a number"};
}
CsvNumberRule CsvNumberRule::positive() {
    return {[](double v) { return v > 0; }, "a positive number"};
}
CsvNumberRule CsvNumberRule::non_negative() {
    return {[](double v) { return v >= 0; }, "a number >= 0"};
}

namespace {

/// Largest CSV file read() accepts: millions of rows of calibration data.
constexpr std::size_t max_csv_bytes = std::size_t{256} << 20;

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

/// Splits one line into fields; returns false for an unterminated quote.
bool split_fields(const std::string& line, std::vector<std::string>& out) {
    out.clear();
    std::string field;
    bool quoted = false, was_quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < line.size() && line[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == '"' && trim(field).empty()) {
            quoted = was_quoted = true;
            field.clear();
        } else if (c == ',') {
            out.push_back(was_quoted ? field : trim(field));
            field.clear();
            was_quoted = false;
        } else {
            field += c;
        }
    }
    if (quoted) return false;
    out.push_back(was_quoted ? field : trim(field));
    return true;
}

/// `s` with control characters (NUL, CR, tab, ...) written as \xNN, for messages: raw,
/// a NUL would end the message early (what() is a C string) and others garble a terminal.
std::string printable(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7f) {
            static const char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        } else {
            out += ch;
        }
    }
    return out;
}

std::string shown(const std::string& cell) {
    if (cell.empty()) return "an empty cell";
    // Appended rather than "\"" + printable(cell): gcc 12 warns (-Wrestrict, a false
    // positive) about operator+(const char*, std::string&&).
    std::string out = "\"";
    out += printable(cell);
    out += '"';
    return out;
}

}  // namespace

CsvTable CsvTable::read(const std::filesystem::path& file, const std::string& what) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(file.string() + ": cannot read " + what + ": " +
                    (std::filesystem::exists(file) ? "permission denied or not a file"
                                                   : "no such file"));
    // Read in chunks up to a bound, so that a device named by mistake (/dev/zero) is an
    // error rather than a process that fills the memory.
    std::string text;
    std::array<char, 65536> chunk{};
    while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
        text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_csv_bytes)
            throw Error(file.string() + ": cannot read " + what + ": larger than " +
                        std::to_string(max_csv_bytes >> 20) + " MiB");
    }
    if (in.bad()) throw Error(file.string() + ": cannot read " + what + ": read error");
    return parse(text, file.string(), what);
}

CsvTable CsvTable::parse(const std::string& text, const std::string& name,
                         const std::string& what) {
    CsvTable t;
    t.name_ = name;
    t.what_ = what;
    std::istringstream in(text);
    std::string line;
    int line_no = 0;
    bool have_header = false;
    std::vector<std::string> fields;
    while (std::getline(in, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const std::string stripped = trim(line);
        if (stripped.empty() || stripped[0] == '#') continue;
        if (!split_fields(line, fields))
            throw Error(name + ":" + std::to_string(line_no) + ": unterminated quote in " + what);
        if (!have_header) {
            std::set<std::string> seen;
            for (std::size_t i = 0; i < fields.size(); ++i) {
                if (fields[i].empty())
                    throw Error(name + ":" + std::to_string(line_no) + ": column " +
                                std::to_string(i + 1) + " of the header of " + what +
                                " has no name");
                if (!seen.insert(fields[i]).second)
                    throw Error(name + ":" + std::to_string(line_no) + ": column '" + printable(fields[i]) +
                                "' appears twice in the header of " + what);
            }
            t.columns_ = fields;
            have_header = true;
            continue;
        }
        if (fields.size() != t.columns_.size())
            throw Error(name + ":" + std::to_string(line_no) + ": expected " +
                        std::to_string(t.columns_.size()) + " fields as in the header, got " +
                        std::to_string(fields.size()));
        t.cells_.push_back(fields);
        t.lines_.push_back(line_no);
    }
    if (!have_header)
        throw Error(name + ": empty " + what + "; expected a header row naming the columns");
    if (t.cells_.empty()) throw Error(name + ": " + what + " has a header but no data rows");
    return t;
}

bool CsvTable::has_column(const std::string& column) const {
    for (const auto& c : columns_)
        if (c == column) return true;
    return false;
}

std::size_t CsvTable::index_of(const std::string& column) const {
    for (std::size_t i = 0; i < columns_.size(); ++i)
        if (columns_[i] == column) return i;
    std::string list;
    for (const auto& c : columns_) list += (list.empty() ? "" : ", ") + printable(c);
    fail_file("missing column '" + printable(column) + "' in " + what_ + " (its columns: " + list + ")");
}

std::vector<double> CsvTable::numbers(const std::string& column, const CsvNumberRule& rule) const {
    const std::size_t k = index_of(column);
    std::vector<double> v;
    v.reserve(cells_.size());
    for (std::size_t r = 0; r < cells_.size(); ++r) {
        const std::string& cell = cells_[r][k];
        double x = 0;
        const char* b = cell.data();
        const char* e = b + cell.size();
        if (!cell.empty() && *b == '+') ++b;
        const auto res = std::from_chars(b, e, x);
        const bool parsed = !cell.empty() && res.ec == std::errc() && res.ptr == e;
        if (!parsed || !std::isfinite(x)) {
            if (parsed || res.ec == std::errc::result_out_of_range)
                fail(r, column, "expected a finite number, got " + shown(cell));
            fail(r, column, "expected " + rule.expected + ", got " + shown(cell));
        }
        if (!rule.ok(x)) fail(r, column, "expected " + rule.expected + ", got " + printable(cell));
        v.push_back(x);
    }
    return v;
}

std::optional<std::vector<double>> CsvTable::optional_numbers(const std::string& column,
                                                              const CsvNumberRule& rule) const {
    if (!has_column(column)) return std::nullopt;
    return numbers(column, rule);
}

std::vector<std::string> CsvTable::texts(const std::string& column) const {
    const std::size_t k = index_of(column);
    std::vector<std::string> v;
    v.reserve(cells_.size());
    for (const auto& row : cells_) v.push_back(row[k]);
    return v;
}

void CsvTable::fail(std::size_t row, const std::string& column, const std::string& message) const {
    throw Error(name_ + ":" + std::to_string(line_of(row)) + ": column " + printable(column) + ": " + message);
}

void CsvTable::fail_file(const std::string& message) const { throw Error(name_ + ": " + message); }

}  // namespace stz
