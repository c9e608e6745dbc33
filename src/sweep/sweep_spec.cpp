// Sweep files: YAML -> validated SweepSpec (include/stz/sweep/sweep_spec.hpp).
#include "stz/sweep/sweep_spec.hpp"

#include <yaml-cpp/yaml.h>

#include <memory>
#include <set>

#include "src/config/yaml_reader.hpp"
#include "stz/core/error.hpp"

namespace stz {

namespace {

using detail::YamlReader;
using detail::YamlSource;
using detail::scalar_text;

int line_of(const YAML::Node& n) {
    return n.Mark().is_null() ? 0 : n.Mark().line + 1;
}

/// A parameter value as override text: scalars as written, lists and maps in flow style.
std::string value_text(const YAML::Node& n) {
    if (n.IsScalar()) return n.Scalar();
    YAML::Emitter e;
    e << YAML::Flow << n;
    return e.c_str();
}

/// A dotted key: non-empty names separated by single dots.
bool valid_key(const std::string& k) {
    if (k.empty() || k.front() == '.' || k.back() == '.') return false;
    if (k.find("..") != std::string::npos) return false;
    return k.find_first_of(" \t=") == std::string::npos;
}

class SpecParser {
  public:
    SpecParser(std::shared_ptr<const YamlSource> src, std::string name)
        : src_(std::move(src)), name_(std::move(name)) {}

    [[noreturn]] void fail(int line, const std::string& path, const std::string& msg) const {
        throw Error(name_ + (line > 0 ? ":" + std::to_string(line) : "") + ": " + path + ": " + msg);
    }

    std::vector<std::pair<std::string, std::string>> parse_set(const YAML::Node& n) const {
        std::vector<std::pair<std::string, std::string>> out;
        if (n.IsNull()) return out;
        if (!n.IsMap())
            fail(line_of(n), "set", "expected a mapping of dotted keys to values, got " +
                                        detail::describe_found(n));
        std::set<std::string> seen;
        for (auto it = n.begin(); it != n.end(); ++it) {
            const int line = line_of(it->first);
            if (!it->first.IsScalar()) fail(line, "set", "expected a dotted key name");
            const std::string key = it->first.Scalar();
            if (!valid_key(key))
                fail(line, "set." + key, "expected a dotted parameter key such as grid.nx");
            if (!seen.insert(key).second) fail(line, "set." + key, "key given twice");
            if (!it->second.IsDefined() || it->second.IsNull())
                fail(line, "set." + key, "expected a value, got nothing");
            out.emplace_back(key, value_text(it->second));
        }
        return out;
    }

    SweepAxis parse_axis(const YAML::Node& node, std::size_t index) const {
        const std::string path = "axes[" + std::to_string(index) + "]";
        YamlReader r(node, src_, path, line_of(node));
        SweepAxis a;
        a.line = line_of(node);
        auto key = r.optional_converted("key", "a dotted parameter key", scalar_text);
        auto keys = r.optional_converted(
            "keys", "a list of dotted parameter keys",
            [](const YAML::Node& n) -> std::optional<std::vector<std::string>> {
                if (!n.IsSequence() || n.size() == 0) return std::nullopt;
                std::vector<std::string> v;
                for (const auto& k : n) {
                    if (!k.IsScalar()) return std::nullopt;
                    v.push_back(k.Scalar());
                }
                return v;
            });
        auto values = r.optional_converted(
            "values", "a non-empty list of values",
            [](const YAML::Node& n) -> std::optional<YAML::Node> {
                if (!n.IsSequence() || n.size() == 0) return std::nullopt;
                return n;
            });
        auto labels = r.optional_converted(
            "labels", "a list of labels (text)",
            [](const YAML::Node& n) -> std::optional<std::vector<std::string>> {
                if (!n.IsSequence()) return std::nullopt;
                std::vector<std::string> v;
                for (const auto& k : n) {
                    if (!k.IsScalar() || k.Scalar().empty()) return std::nullopt;
                    v.push_back(k.Scalar());
                }
                return v;
            });
        auto name = r.optional_converted("name", "a column name (text)", scalar_text);
        r.finish();

        if (key && keys) r.fail("keys", "give either key (one parameter) or keys (zipped), not both");
        if (!key && !keys) r.fail_here("expected key: (one parameter) or keys: (zipped parameters)");
        if (!values) r.fail_missing("values", "list of values");
        a.keys = key ? std::vector<std::string>{*key} : *keys;
        std::set<std::string> seen;
        for (const auto& k : a.keys) {
            if (!valid_key(k)) r.fail(key ? "key" : "keys", "expected a dotted parameter key such as grid.nx, got \"" + k + "\"");
            if (!seen.insert(k).second) r.fail("keys", "key " + k + " appears twice");
        }
        for (std::size_t i = 0; i < values->size(); ++i) {
            const YAML::Node v = (*values)[i];
            const std::string vpath = path + ".values[" + std::to_string(i) + "]";
            std::vector<std::string> texts;
            if (key) {
                if (!v.IsDefined() || v.IsNull()) fail(line_of(v), vpath, "expected a value, got nothing");
                texts.push_back(value_text(v));
            } else {
                if (!v.IsSequence() || v.size() != a.keys.size())
                    fail(line_of(v), vpath,
                         "expected a list of " + std::to_string(a.keys.size()) +
                             " values (one per key of keys), got " + detail::describe_found(v));
                for (const auto& x : v) {
                    if (!x.IsDefined() || x.IsNull()) fail(line_of(v), vpath, "expected a value, got nothing");
                    texts.push_back(value_text(x));
                }
            }
            a.values.push_back(std::move(texts));
        }
        if (labels) {
            if (labels->size() != a.values.size())
                r.fail("labels", "expected one label per value (" + std::to_string(a.values.size()) +
                                     "), got " + std::to_string(labels->size()));
            a.labels = *labels;
        } else {
            for (const auto& v : a.values) {
                std::string l;
                for (const auto& t : v) l += (l.empty() ? "" : ", ") + t;
                a.labels.push_back(l);
            }
        }
        std::set<std::string> distinct(a.labels.begin(), a.labels.end());
        if (distinct.size() != a.labels.size())
            r.fail(labels ? "labels" : "values", "the points of an axis must differ; two are the same");
        if (name) {
            a.name = *name;
        } else {
            for (const auto& k : a.keys) {
                const auto dot = k.rfind('.');
                a.name += (a.name.empty() ? "" : "+") + (dot == std::string::npos ? k : k.substr(dot + 1));
            }
        }
        if (a.name.find_first_of(",\"\n") != std::string::npos)
            r.fail("name", "an axis name may not contain a comma, quote or line break");
        return a;
    }

  private:
    std::shared_ptr<const YamlSource> src_;
    std::string name_;
};

}  // namespace

SweepSpec parse_sweep_spec(const std::string& yaml_text, const std::filesystem::path& file) {
    const std::string name = file.string();
    auto src = std::make_shared<YamlSource>();
    src->name = name;
    const YAML::Node root = detail::load_mapping_document(
        yaml_text, name, "a mapping with at least base: and axes: or replicas:");
    SpecParser p(src, name);
    YamlReader r(root, src, "", 1);
    SweepSpec s;
    s.file = file;
    auto title = r.optional_converted("name", "a sweep name (text)", scalar_text);
    auto desc = r.optional_converted("description", "text", scalar_text);
    auto base = r.optional_converted("base", "the path of a parameter file", scalar_text);
    auto set = r.optional_converted("set", "a mapping of dotted keys to values",
                                    [](const YAML::Node& n) -> std::optional<YAML::Node> { return n; });
    auto axes = r.optional_converted("axes", "a list of axes (each with key: or keys:, and values:)",
                                     [](const YAML::Node& n) -> std::optional<YAML::Node> {
                                         if (!n.IsSequence()) return std::nullopt;
                                         return n;
                                     });
    const bool has_replicas = r.has("replicas");
    const bool has_seeds = r.has("seeds");
    const int replicas = r.optional_int("replicas", 1, detail::NumberRange::closed(1, 100000));
    const std::uint64_t first_seed = r.optional_uint64("first_seed", 1, ~std::uint64_t{0});
    auto seeds = r.optional_converted(
        "seeds", "a non-empty list of seeds (integers 0 .. 2^64-1)",
        [](const YAML::Node& n) -> std::optional<std::vector<std::uint64_t>> {
            if (!n.IsSequence() || n.size() == 0) return std::nullopt;
            std::vector<std::uint64_t> v;
            for (const auto& x : n) {
                if (!x.IsScalar()) return std::nullopt;
                const std::string& t = x.Scalar();
                if (t.empty() || t.find_first_not_of("0123456789") != std::string::npos)
                    return std::nullopt;
                try {
                    v.push_back(std::stoull(t));
                } catch (const std::exception&) {
                    return std::nullopt;
                }
            }
            return v;
        });
    s.metrics_at_plastic_strain =
        r.optional_double("metrics_at_plastic_strain", 0.02, detail::NumberRange::open(0, 1));
    r.finish();

    if (!base) r.fail_missing("base", "path of the base parameter file");
    s.name = title ? *title : file.stem().string();
    if (s.name.empty() || s.name.find_first_of("/\\\n\",") != std::string::npos)
        r.fail("name", "expected a name without slashes, commas, quotes or line breaks");
    s.description = desc ? *desc : "";
    s.base = std::filesystem::path(*base);
    if (s.base.is_relative()) s.base = (file.parent_path() / s.base).lexically_normal();
    if (!std::filesystem::is_regular_file(s.base))
        r.fail("base", "no parameter file at " + s.base.string() + " (a relative base is read from "
                       "the sweep file's folder)");
    if (set) s.set = p.parse_set(*set);
    if (axes) {
        for (std::size_t i = 0; i < axes->size(); ++i) s.axes.push_back(p.parse_axis((*axes)[i], i));
        std::set<std::string> keys, names;
        for (const auto& a : s.axes) {
            if (!names.insert(a.name).second)
                p.fail(a.line, "axes", "two axes are named " + a.name + "; give them different name:s");
            for (const auto& k : a.keys)
                if (!keys.insert(k).second)
                    p.fail(a.line, "axes", "key " + k + " is varied by two axes; zip them into one axis (keys:)");
        }
        for (const auto& kv : s.set)
            if (keys.count(kv.first))
                r.fail("set", kv.first + " is both set for every case and varied by an axis");
    }
    if (has_seeds && (has_replicas || r.has("first_seed")))
        r.fail("seeds", "give either seeds: (a list) or replicas: with first_seed:, not both");
    if (seeds) {
        s.seeds = *seeds;
        std::set<std::uint64_t> distinct(s.seeds.begin(), s.seeds.end());
        if (distinct.size() != s.seeds.size()) r.fail("seeds", "the seeds must all differ");
    } else {
        for (int i = 0; i < replicas; ++i) {
            if (first_seed + std::uint64_t(i) < first_seed) r.fail("first_seed", "seed range overflows 2^64");
            s.seeds.push_back(first_seed + std::uint64_t(i));
        }
    }
    for (const auto& kv : s.set)
        if (kv.first == "run.seed") r.fail("set", "run.seed is chosen by the sweep; use seeds: or replicas:");
    for (const auto& a : s.axes)
        for (const auto& k : a.keys)
            if (k == "run.seed")
                p.fail(a.line, "axes", "run.seed is chosen by the sweep; use seeds: or replicas:");
    return s;
}

SweepSpec load_sweep_spec(const std::filesystem::path& file) {
    return parse_sweep_spec(detail::read_text_file(file, "sweep file"), file);
}

}  // namespace stz
