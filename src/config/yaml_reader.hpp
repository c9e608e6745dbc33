#pragma once
// Internal: a YAML mapping wrapped with everything an error message needs.
//
// YamlReader knows the file name, the full key path and the line of each key, so a
// section parser can say `params/x.yaml:12: material.poisson_ratio: expected a number
// with -1 < value < 0.5, got 0.5` without any bookkeeping of its own. It records the
// keys the parser asked for; finish() rejects the rest, so a typo is an error rather
// than a silently ignored line. Never seen outside src/config.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stz::detail {

/// Where parameter text came from, for messages.
struct YamlSource {
    std::string name;  ///< file name (or stand-in) that prefixes every message
    /// Key path -> the `--set` text that put it into the tree. Paths created on the
    /// way to an overridden key are listed too, so errors about them point at --set.
    std::map<std::string, std::string> overrides;
    /// Key path -> the file it came from, for keys merged in from an `include:`d file (their
    /// lines are that file's). A path not listed (nor any section above it) is from `name`.
    std::map<std::string, std::string> origins;

    /// "file:line", or "file: --set key=value" for keys from an override; no line if line <= 0.
    /// The file is the one `origins` names for `path` (or the nearest section above it).
    [[nodiscard]] std::string locate(const std::string& path, int line) const;
};

/// The accepted interval of a number; every range also demands a finite value.
struct NumberRange {
    struct Bound {
        double value;
        bool inclusive;
    };
    std::optional<Bound> lo, hi;

    static NumberRange any() { return {}; }
    static NumberRange positive() { return {Bound{0, false}, {}}; }
    static NumberRange at_least(double lo) { return {Bound{lo, true}, {}}; }
    static NumberRange open(double lo, double hi) { return {Bound{lo, false}, Bound{hi, false}}; }
    static NumberRange closed(double lo, double hi) { return {Bound{lo, true}, Bound{hi, true}}; }

    [[nodiscard]] bool contains(double v) const;
    /// "a positive number", "an integer >= 2", "a number with -1 < value < 0.5", ...
    [[nodiscard]] std::string describe(bool integer) const;
};

/// Shortest text that reads back as exactly `v` (std::to_chars); YAML spellings for inf/nan.
[[nodiscard]] std::string format_number(double v);

/// The value of a YAML number scalar (YAML 1.2 core schema spelling, including .inf and
/// .nan), or nothing if `node` is not a plain or number-tagged scalar that spells one.
[[nodiscard]] std::optional<double> yaml_number(const YAML::Node& node);

/// The value of `text` spelt as a YAML 1.2 core-schema decimal ("0.6", "-1e-3", no
/// inf/nan), or nothing. Beyond the double range: +-inf (overflow) or 0 (underflow).
[[nodiscard]] std::optional<double> decimal_number(std::string_view text);

/// "name:line" of a yaml-cpp mark (1-based), or `name` alone for a null mark.
[[nodiscard]] std::string at_line(const std::string& name, const YAML::Mark& mark);

/// The single document of `text` (a null node for an empty or comments-only text);
/// syntax errors and a second document ('---') throw stz::Error at "name:line".
[[nodiscard]] YAML::Node load_document(const std::string& text, const std::string& name);

/// load_document for files that must hold a mapping (sweep files, calibration files): any
/// other document is an error "name:line: expected <expected>, got ...".
[[nodiscard]] YAML::Node load_mapping_document(const std::string& text, const std::string& name,
                                               const std::string& expected);

/// The text of a scalar, or nothing for a list or mapping (a converter for
/// YamlReader::optional_converted).
[[nodiscard]] std::optional<std::string> scalar_text(const YAML::Node& node);

/// A YAML 1.2 core-schema boolean (true/True/TRUE, false/False/FALSE), or nothing (a
/// converter for YamlReader::optional_converted).
[[nodiscard]] std::optional<bool> yaml_bool(const YAML::Node& node);

/// The whole of `file`; `what` ("parameter file", "sweep file") words the errors:
/// "x.yaml: cannot read sweep file: no such file".
[[nodiscard]] std::string read_text_file(const std::filesystem::path& file,
                                         const std::string& what);

/// What a value is, for "got ...": the number as written, "a list", `the text "abc"`, ...
[[nodiscard]] std::string describe_found(const YAML::Node& node);

class YamlReader {
  public:
    /// Wraps mapping `node` found at key path `path` (empty for the document) whose key is
    /// on 1-based line `line`. A null node reads as an empty mapping (`loading:` with
    /// nothing under it); anything else that is not a mapping, a non-scalar key or a
    /// duplicate key is an error.
    YamlReader(const YAML::Node& node, std::shared_ptr<const YamlSource> source, std::string path,
               int line);

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] int line() const { return line_; }

    /// Whether the mapping holds `key` (does not count as reading it).
    [[nodiscard]] bool has(const std::string& key) const;

    /// Nested mapping `key`: an error if absent.
    [[nodiscard]] YamlReader section(const std::string& key);
    [[nodiscard]] std::optional<YamlReader> optional_section(const std::string& key);

    // Required getters: a missing key is reported by finish() (0 is returned meanwhile),
    // after unknown keys, because a misspelt key is the likely cause of a missing one.
    // Cross-checks between values therefore belong after finish().
    [[nodiscard]] int required_int(const std::string& key, const NumberRange& range);
    [[nodiscard]] int optional_int(const std::string& key, int fallback, const NumberRange& range);
    [[nodiscard]] double required_double(const std::string& key, const NumberRange& range);
    [[nodiscard]] double optional_double(const std::string& key, double fallback,
                                         const NumberRange& range);
    [[nodiscard]] double positive_double(const std::string& key) {
        return required_double(key, NumberRange::positive());
    }
    /// A non-negative integer up to `max` (at most 2^64 - 1), read exactly from its digits
    /// (a double would round seeds above 2^53); `7.0` and `1e3` count as integers too.
    [[nodiscard]] std::uint64_t optional_uint64(const std::string& key, std::uint64_t fallback,
                                                std::uint64_t max);
    /// A YAML list of numbers, each in `each` and, if `increasing`, each larger than the
    /// one before; one number alone counts as a one-element list. Errors about an element
    /// name it as key[i] at its own line. Nothing if `key` is absent.
    [[nodiscard]] std::optional<std::vector<double>> optional_number_list(const std::string& key,
                                                                          const NumberRange& each,
                                                                          bool increasing);
    /// A value of any shape: `convert(node)` returns it, or nothing for "expected
    /// `expected`, got ..." at the key. Nothing if `key` is absent.
    template <class Convert>
    [[nodiscard]] auto optional_converted(const std::string& key, const std::string& expected,
                                          Convert&& convert)
        -> decltype(convert(std::declval<const YAML::Node&>())) {
        const Entry* e = take(key);
        if (!e) return std::nullopt;
        auto value = convert(e->value);
        if (!value) fail_value(*e, expected);
        return value;
    }
    /// Index into `names` of the scalar at `key` (quoted or not), nothing if `key` is absent.
    [[nodiscard]] std::optional<std::size_t> optional_choice(const std::string& key,
                                                             const std::vector<std::string>& names);

    /// Counts `key` as a valid name without reading it: a key dealt with before the parsers
    /// run (the top-level include:), which unknown-key messages should still list.
    void handled_elsewhere(const std::string& key);

    /// Rejects every key no getter asked for, naming the ones that were asked for; then
    /// reports the first missing required key.
    void finish() const;

    /// Throws "location: path.key: message" located at `key` (at this section if absent).
    [[noreturn]] void fail(const std::string& key, const std::string& message) const;
    /// Throws "location: path: message" about this section as a whole.
    [[noreturn]] void fail_here(const std::string& message) const;
    /// "path.key: missing required <what>", located at this section's line.
    [[noreturn]] void fail_missing(const std::string& key, const std::string& what) const;

  private:
    struct Entry {
        std::string key;
        YAML::Node value;
        int line;  ///< 1-based line of the key
        mutable bool used = false;
    };

    /// The entry for `key` (marked used), or null; remembers `key` as a valid name.
    const Entry* take(const std::string& key);
    [[nodiscard]] std::string key_path(const std::string& key) const;
    [[noreturn]] void raise(const std::string& path, int line, const std::string& message) const;
    [[noreturn]] void fail_value(const Entry& e, const std::string& expected) const;
    [[nodiscard]] double number(const Entry& e, const NumberRange& range, bool integer) const;

    std::shared_ptr<const YamlSource> source_;
    std::string path_;
    int line_;
    std::vector<Entry> entries_;
    std::vector<std::string> known_;      ///< keys the parser asked for, in order
    std::optional<std::string> missing_;  ///< first required key that was absent
};

}  // namespace stz::detail
