#include "src/config/yaml_reader.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <cerrno>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <string_view>
#include <system_error>
#include <utility>

#include <yaml-cpp/eventhandler.h>

#include "stz/core/error.hpp"

namespace stz::detail {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/// YAML 1.2 core-schema decimal: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool is_decimal(std::string_view s) {
    std::size_t i = 0;
    const std::size_t n = s.size();
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t digits = 0;
    while (i < n && is_digit(s[i])) ++i, ++digits;
    if (i < n && s[i] == '.') {
        ++i;
        while (i < n && is_digit(s[i])) ++i, ++digits;
    }
    if (digits == 0) return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
        std::size_t exp_digits = 0;
        while (i < n && is_digit(s[i])) ++i, ++exp_digits;
        if (exp_digits == 0) return false;
    }
    return i == n;
}

std::string quoted(const std::string& s) {
    std::string q = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') q += '\\';
        q += c;
    }
    return q + '"';
}

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

/// Optimal-string-alignment distance: edits, with a swap of neighbours counting as one.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

/// " (did you mean nx?)" when exactly one known key is the nearest near miss of `key`.
std::string suggestion(const std::string& key, const std::vector<std::string>& known) {
    const std::string* best = nullptr;
    std::size_t best_d = 3;  // more than two edits away is not a typo
    bool tie = false;
    for (const auto& k : known) {
        const std::size_t d = edit_distance(key, k);
        if (d >= k.size()) continue;  // "a" is not a typo of "nx"
        if (d < best_d) {
            best = &k, best_d = d, tie = false;
        } else if (d == best_d) {
            tie = true;
        }
    }
    return best && !tie ? " (did you mean " + *best + "?)" : "";
}

int line_of(const YAML::Mark& m) {
    return m.is_null() ? 0 : m.line + 1;
}

}  // namespace

namespace {

/// Up one level of a key path: "a.b[2]" -> "a.b" -> "a" -> "".
std::string parent_path(const std::string& p) {
    const auto cut = p.back() == ']' ? p.rfind('[') : p.rfind('.');
    return cut == std::string::npos ? std::string() : p.substr(0, cut);
}

}  // namespace

std::string YamlSource::locate(const std::string& path, int line) const {
    // The most specific override that produced `path` (the key itself or a section above it).
    for (std::string p = path; !p.empty(); p = parent_path(p)) {
        if (auto it = overrides.find(p); it != overrides.end())
            return name + ": --set " + it->second;
    }
    // Otherwise the file the key came from: the lines of an included key are its file's.
    std::string file = name;
    for (std::string p = path; !p.empty(); p = parent_path(p)) {
        if (auto it = origins.find(p); it != origins.end()) {
            file = it->second;
            break;
        }
    }
    return line > 0 ? file + ":" + std::to_string(line) : file;
}

bool NumberRange::contains(double v) const {
    if (!std::isfinite(v)) return false;
    if (lo && (lo->inclusive ? v < lo->value : v <= lo->value)) return false;
    if (hi && (hi->inclusive ? v > hi->value : v >= hi->value)) return false;
    return true;
}

std::string NumberRange::describe(bool integer) const {
    const std::string noun = integer ? "an integer" : "a number";
    auto op = [](const Bound& b) { return b.inclusive ? " <= " : " < "; };
    if (lo && hi) {
        return noun + " with " + format_number(lo->value) + op(*lo) + "value" + op(*hi) +
               format_number(hi->value);
    }
    if (lo && lo->value == 0 && !lo->inclusive)
        return integer ? "a positive integer" : "a positive number";
    if (lo) return noun + (lo->inclusive ? " >= " : " > ") + format_number(lo->value);
    if (hi) return noun + op(*hi) + format_number(hi->value);
    return integer ? noun : "a finite number";
}

std::string format_number(double v) {
    if (std::isnan(v)) return ".nan";
    if (std::isinf(v)) return v > 0 ? ".inf" : "-.inf";
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);  // shortest exact round trip
    return std::string(buf, res.ptr);
}

std::optional<double> yaml_number(const YAML::Node& node) {
    if (!node.IsDefined() || !node.IsScalar()) return std::nullopt;
    // Quoted scalars ("3") carry tag "!": they are text, as in YAML itself.
    const std::string& tag = node.Tag();
    if (tag != "?" && tag != "tag:yaml.org,2002:int" && tag != "tag:yaml.org,2002:float") {
        return std::nullopt;
    }
    std::string_view s = node.Scalar();
    if (s == ".nan" || s == ".NaN" || s == ".NAN") return std::numeric_limits<double>::quiet_NaN();
    const bool negative = !s.empty() && s.front() == '-';
    std::string_view body =
        (!s.empty() && (s.front() == '+' || s.front() == '-')) ? s.substr(1) : s;
    if (body == ".inf" || body == ".Inf" || body == ".INF") {
        return negative ? -std::numeric_limits<double>::infinity()
                        : std::numeric_limits<double>::infinity();
    }
    return decimal_number(s);
}

std::optional<double> decimal_number(std::string_view s) {
    if (!is_decimal(s)) return std::nullopt;
    const bool negative = s.front() == '-';
    const std::string_view body = (s.front() == '+' || s.front() == '-') ? s.substr(1) : s;
    double v = 0;
    // from_chars rejects a leading '+', so parse the unsigned body and apply the sign.
    const auto res = std::from_chars(body.data(), body.data() + body.size(), v);
    if (res.ec == std::errc::result_out_of_range) {
        // Beyond double range: overflow unless the exponent is negative (then underflow).
        const bool tiny =
            body.find("e-") != std::string_view::npos || body.find("E-") != std::string_view::npos;
        v = tiny ? 0.0 : std::numeric_limits<double>::infinity();
    } else if (res.ec != std::errc() || res.ptr != body.data() + body.size()) {
        return std::nullopt;
    }
    return negative ? -v : v;
}

std::string at_line(const std::string& name, const YAML::Mark& mark) {
    return mark.is_null() ? name : name + ":" + std::to_string(mark.line + 1);
}

namespace {

/// Where each document of a YAML text starts and where its root node is; builds nothing.
class DocumentMarks : public YAML::EventHandler {
public:
    std::vector<YAML::Mark> starts;  ///< the document start events
    std::vector<YAML::Mark> roots;   ///< the first node of each document

    void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override {
        node(mark);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {
        node(mark);
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {
        node(mark);
    }
    void OnMapEnd() override {}

private:
    void node(const YAML::Mark& mark) {
        if (roots.size() < starts.size()) roots.push_back(mark);
    }
};

}  // namespace

YAML::Node load_document(const std::string& text, const std::string& name) {
    YAML::Node root;
    DocumentMarks docs;
    try {
        root = YAML::Load(text);  // the first document (a null node if there is none)
        // The documents are counted, at most three, rather than read with YAML::LoadAll:
        // on a token it cannot parse at top level (a ',' after a mapping, found by
        // fuzz_config) yaml-cpp 0.7 reports empty documents at the same place forever, and
        // LoadAll never returns.
        std::istringstream in(text);
        YAML::Parser parser(in);
        while (docs.starts.size() < 3 && parser.HandleNextDocument(docs)) {
        }
    } catch (const YAML::ParserException& e) {
        throw Error(at_line(name, e.mark) + ": YAML syntax error: " + e.msg + " (column " +
                    std::to_string(e.mark.column + 1) + ")");
    } catch (const YAML::Exception& e) {
        throw Error(at_line(name, e.mark) + ": cannot read YAML: " + e.msg);
    }
    for (std::size_t k = 1; k < docs.starts.size(); ++k) {
        const YAML::Mark& at = docs.starts[k];
        if (at.pos == docs.starts[k - 1].pos) {
            throw Error(at_line(name, at) + ": YAML syntax error: cannot parse the text from column " +
                        std::to_string(at.column + 1) + " on (a stray ',', ']' or '}'?)");
        }
    }
    if (docs.starts.size() > 1) {
        const YAML::Mark& at = docs.roots.size() > 1 ? docs.roots[1] : docs.starts[1];
        throw Error(at_line(name, at) + ": expected a single YAML document, found a second one ('---')");
    }
    return root;
}

YAML::Node load_mapping_document(const std::string& text, const std::string& name,
                                 const std::string& expected) {
    YAML::Node root = load_document(text, name);
    if (!root.IsMap())
        throw Error(at_line(name, root.Mark()) + ": expected " + expected + ", got " +
                    describe_found(root));
    return root;
}

std::optional<bool> yaml_bool(const YAML::Node& node) {
    if (!node.IsScalar()) return std::nullopt;
    const std::string& s = node.Scalar();
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
    return std::nullopt;
}

std::optional<std::string> scalar_text(const YAML::Node& node) {
    if (!node.IsScalar()) return std::nullopt;
    return node.Scalar();
}

/// Largest text file read_text_file accepts (parameter, sweep, calibration and recipe files
/// are a few kB).
constexpr std::size_t max_text_file_bytes = std::size_t{16} << 20;

std::string read_text_file(const std::filesystem::path& file, const std::string& what) {
    const std::string name = file.string();
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (!std::filesystem::exists(status)) throw Error(name + ": cannot read " + what + ": no such file");
    if (std::filesystem::is_directory(status)) {
        throw Error(name + ": cannot read " + what + ": it is a directory");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw Error(name + ": cannot read " + what + ": " + std::generic_category().message(errno));
    }
    // Read in chunks up to a bound: a parameter or recipe file is a few kB, and a device
    // such as /dev/zero named by mistake must give an error, not fill the memory.
    std::string text;
    std::array<char, 65536> chunk{};
    while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
        text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_text_file_bytes) {
            throw Error(name + ": cannot read " + what + ": larger than " +
                        std::to_string(max_text_file_bytes >> 20) +
                        " MiB; expected a YAML text file of a few kB");
        }
    }
    if (in.bad()) throw Error(name + ": cannot read " + what + ": read error");
    return text;
}

std::string describe_found(const YAML::Node& node) {
    if (!node.IsDefined()) return "nothing";
    switch (node.Type()) {
        case YAML::NodeType::Null:
            return "an empty value";
        case YAML::NodeType::Sequence:
            return "a list";
        case YAML::NodeType::Map:
            return "a mapping";
        case YAML::NodeType::Scalar:
            if (yaml_number(node)) return node.Scalar();  // as the user wrote it
            return "the text " + quoted(node.Scalar());
        default:
            return "nothing";
    }
}

YamlReader::YamlReader(const YAML::Node& node, std::shared_ptr<const YamlSource> source,
                       std::string path, int line)
    : source_(std::move(source)), path_(std::move(path)), line_(line) {
    if (!node.IsDefined() || node.IsNull()) return;  // `section:` with nothing under it
    if (!node.IsMap()) fail_here("expected a mapping of keys, got " + describe_found(node));
    for (auto it = node.begin(); it != node.end(); ++it) {
        const int key_line = line_of(it->first.Mark());
        if (!it->first.IsScalar()) {
            raise(path_, key_line, "expected a key name, got " + describe_found(it->first));
        }
        const std::string& key = it->first.Scalar();
        // yaml-cpp keeps both entries of a repeated key (node[key] sees the first only),
        // so duplicates are caught here rather than silently resolved.
        for (const auto& e : entries_) {
            if (e.key == key) {
                raise(key_path(key), key_line,
                      "duplicate key (first given on line " + std::to_string(e.line) + ")");
            }
        }
        entries_.push_back(Entry{key, it->second, key_line});
    }
}

const YamlReader::Entry* YamlReader::take(const std::string& key) {
    if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.push_back(key);
    for (const auto& e : entries_) {
        if (e.key == key) {
            e.used = true;
            return &e;
        }
    }
    return nullptr;
}

void YamlReader::handled_elsewhere(const std::string& key) {
    // Only the name: should the key still be here, finish() reports it rather than pass it.
    if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.push_back(key);
}

bool YamlReader::has(const std::string& key) const {
    return std::any_of(entries_.begin(), entries_.end(),
                       [&](const Entry& e) { return e.key == key; });
}

std::string YamlReader::key_path(const std::string& key) const {
    return path_.empty() ? key : path_ + "." + key;
}

YamlReader YamlReader::section(const std::string& key) {
    auto s = optional_section(key);
    if (!s) fail_missing(key, "section");
    return std::move(*s);
}

std::optional<YamlReader> YamlReader::optional_section(const std::string& key) {
    const Entry* e = take(key);
    if (!e) return std::nullopt;
    return YamlReader(e->value, source_, key_path(key), e->line);
}

double YamlReader::number(const Entry& e, const NumberRange& range, bool integer) const {
    const std::string expected = range.describe(integer);
    const auto v = yaml_number(e.value);
    if (!v) fail_value(e, expected);
    if (integer && (!std::isfinite(*v) || std::trunc(*v) != *v)) fail_value(e, expected);
    if (integer && (*v < INT_MIN || *v > INT_MAX))
        fail_value(e, expected + " that fits in 32 bits");
    if (!range.contains(*v)) fail_value(e, expected);
    return *v;
}

int YamlReader::required_int(const std::string& key, const NumberRange& range) {
    const Entry* e = take(key);
    if (!e) {
        if (!missing_) missing_ = key;
        return 0;
    }
    return static_cast<int>(number(*e, range, true));
}

int YamlReader::optional_int(const std::string& key, int fallback, const NumberRange& range) {
    const Entry* e = take(key);
    return e ? static_cast<int>(number(*e, range, true)) : fallback;
}

double YamlReader::required_double(const std::string& key, const NumberRange& range) {
    const Entry* e = take(key);
    if (!e) {
        if (!missing_) missing_ = key;
        return 0;
    }
    return number(*e, range, false);
}

double YamlReader::optional_double(const std::string& key, double fallback,
                                   const NumberRange& range) {
    const Entry* e = take(key);
    return e ? number(*e, range, false) : fallback;
}

std::uint64_t YamlReader::optional_uint64(const std::string& key, std::uint64_t fallback,
                                          std::uint64_t max) {
    const Entry* e = take(key);
    if (!e) return fallback;
    const std::string expected = "an integer with 0 <= value <= " + std::to_string(max);
    const auto v = yaml_number(e->value);
    if (!v) fail_value(*e, expected);
    std::string_view digits = e->value.Scalar();
    if (digits.front() == '+') digits.remove_prefix(1);
    if (std::all_of(digits.begin(), digits.end(), is_digit)) {
        // Plain digits: exact, whatever the size.
        std::uint64_t u = 0;
        const auto res = std::from_chars(digits.data(), digits.data() + digits.size(), u);
        if (res.ec != std::errc() || u > max) fail_value(*e, expected);
        return u;
    }
    // Other spellings (7.0, 1e3, -0) went through a double, which is exact up to 2^53.
    if (!std::isfinite(*v) || std::trunc(*v) != *v || *v < 0 || *v > static_cast<double>(max))
        fail_value(*e, expected);
    constexpr double exact_up_to = 9007199254740992.0;  // 2^53
    if (*v > exact_up_to) fail_value(*e, expected + " written out in digits");
    return static_cast<std::uint64_t>(*v);
}

std::optional<std::vector<double>> YamlReader::optional_number_list(const std::string& key,
                                                                    const NumberRange& each,
                                                                    bool increasing) {
    const Entry* e = take(key);
    if (!e) return std::nullopt;
    const std::string element = each.describe(false);
    if (e->value.IsScalar() && yaml_number(e->value)) {
        return std::vector<double>{number(*e, each, false)};  // one number: a one-element list
    }
    if (!e->value.IsSequence()) {
        fail_value(*e, "a list of numbers (each " + element +
                           (increasing ? ", in increasing order" : "") + ") or one number");
    }
    std::vector<double> values;
    for (const auto& item : e->value) {
        const std::string path = key_path(key) + "[" + std::to_string(values.size()) + "]";
        const int line = item.Mark().is_null() ? e->line : line_of(item.Mark());
        const auto v = yaml_number(item);
        if (!v || !each.contains(*v))
            raise(path, line, "expected " + element + ", got " + describe_found(item));
        if (increasing && !values.empty() && !(*v > values.back())) {
            raise(path, line,
                  "expected a number > " + format_number(values.back()) +
                      " (the list must increase strictly), got " + describe_found(item));
        }
        values.push_back(*v);
    }
    return values;
}

std::optional<std::size_t> YamlReader::optional_choice(const std::string& key,
                                                       const std::vector<std::string>& names) {
    const Entry* e = take(key);
    if (!e) return std::nullopt;
    if (e->value.IsScalar()) {
        const auto it = std::find(names.begin(), names.end(), e->value.Scalar());
        if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
    }
    fail_value(*e, "one of " + join(names));
}

void YamlReader::finish() const {
    for (const auto& e : entries_) {
        if (e.used) continue;
        if (known_.empty())
            raise(key_path(e.key), e.line, "unknown key; this section takes no keys");
        raise(key_path(e.key), e.line,
              "unknown key; expected one of " + join(known_) + suggestion(e.key, known_));
    }
    if (missing_) fail_missing(*missing_, "key");
}

void YamlReader::raise(const std::string& path, int line, const std::string& message) const {
    throw Error(source_->locate(path, line) + ": " + (path.empty() ? "" : path + ": ") + message);
}

void YamlReader::fail_value(const Entry& e, const std::string& expected) const {
    raise(key_path(e.key), e.line, "expected " + expected + ", got " + describe_found(e.value));
}

void YamlReader::fail(const std::string& key, const std::string& message) const {
    for (const auto& e : entries_) {
        if (e.key == key) raise(key_path(key), e.line, message);
    }
    raise(key_path(key), line_, message);
}

void YamlReader::fail_here(const std::string& message) const {
    raise(path_, line_, message);
}

void YamlReader::fail_missing(const std::string& key, const std::string& what) const {
    raise(key_path(key), line_, "missing required " + what);
}

}  // namespace stz::detail
