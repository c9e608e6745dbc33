#include "src/config/includes.hpp"

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <system_error>
#include <utility>

#include "stz/core/error.hpp"

namespace stz::detail {

namespace {

namespace fs = std::filesystem;

/// Key path -> the file whose text holds that key (its line is that file's).
using Origins = std::map<std::string, std::string>;

/// A YAML tree and where each of its keys came from.
struct Tree {
    YAML::Node node;
    Origins origins;
};

std::string child_path(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

int line_of(const YAML::Node& node) {
    return node.Mark().is_null() ? 0 : node.Mark().line + 1;
}

/// Every key path of mapping `node` (below `path`) as coming from `file`.
void record_origins(const YAML::Node& node, const std::string& path, const std::string& file,
                    Origins& out) {
    if (!node.IsMap()) return;
    for (const auto& kv : node) {
        if (!kv.first.IsScalar()) continue;
        const std::string p = child_path(path, kv.first.Scalar());
        out[p] = file;
        record_origins(kv.second, p, file, out);
    }
}

/// The origins of `path` and of every key path below it, from `from` into `to`.
void copy_origins(const Origins& from, const std::string& path, Origins& to) {
    for (auto it = from.lower_bound(path); it != from.end() && it->first.starts_with(path); ++it) {
        const std::string& p = it->first;
        if (p.size() == path.size() || p[path.size()] == '.' || p[path.size()] == '[')
            to[p] = it->second;
    }
}

/// Mappings merge; `key:` with nothing under it counts as an empty mapping next to one.
bool merges_with(const YAML::Node& a, const YAML::Node& b) {
    return (a.IsMap() && (b.IsMap() || b.IsNull())) || (a.IsNull() && b.IsMap());
}

YAML::Node as_map(const YAML::Node& n) {
    return n.IsMap() ? n : YAML::Node(YAML::NodeType::Map);
}

/// Mapping `over` deep-merged onto mapping `base`, both at key path `path`: base's keys in
/// base's order, a key of both taken from `over` (merged further if both values are
/// mappings), then over's other keys. Keys are matched once each, so a key repeated
/// within one file stays repeated and YamlReader still reports it.
YAML::Node merge_maps(const YAML::Node& base, const Origins& base_o, const YAML::Node& over,
                      const Origins& over_o, const std::string& path, Origins& out) {
    std::vector<std::pair<YAML::Node, YAML::Node>> over_entries;
    for (const auto& kv : over) over_entries.emplace_back(kv.first, kv.second);
    std::vector<bool> matched(over_entries.size(), false);

    YAML::Node result(YAML::NodeType::Map);
    for (const auto& kv : base) {
        std::optional<std::size_t> j;
        if (kv.first.IsScalar()) {
            for (std::size_t i = 0; i < over_entries.size() && !j; ++i) {
                const YAML::Node& k = over_entries[i].first;
                if (!matched[i] && k.IsScalar() && k.Scalar() == kv.first.Scalar()) j = i;
            }
        }
        const std::string p = kv.first.IsScalar() ? child_path(path, kv.first.Scalar()) : "";
        if (!j) {
            result.force_insert(kv.first, kv.second);
            if (!p.empty()) copy_origins(base_o, p, out);
            continue;
        }
        matched[*j] = true;
        const auto& [key, value] = over_entries[*j];
        if (merges_with(kv.second, value)) {
            // The key (and so the section's line) is the overriding file's.
            if (auto it = over_o.find(p); it != over_o.end()) out[p] = it->second;
            result.force_insert(
                key, merge_maps(as_map(kv.second), base_o, as_map(value), over_o, p, out));
        } else {
            result.force_insert(key, value);
            copy_origins(over_o, p, out);
        }
    }
    for (std::size_t i = 0; i < over_entries.size(); ++i) {
        if (matched[i]) continue;
        const auto& [key, value] = over_entries[i];
        result.force_insert(key, value);
        if (key.IsScalar()) copy_origins(over_o, child_path(path, key.Scalar()), out);
    }
    return result;
}

Tree merge_trees(const Tree& base, const Tree& over) {
    Tree t;
    t.node = merge_maps(base.node, base.origins, over.node, over.origins, "", t.origins);
    return t;
}

/// One path named by an `include:`: its text, the line it is on and its key path.
struct IncludeItem {
    std::string path;
    int line;
    std::string key;  ///< "include" or "include[2]"
};

class Resolver {
  public:
    explicit Resolver(std::vector<std::string>& included) : included_(included) {}

    /// `root` (a mapping, the document `name`) with its includes merged under it. `dir` is
    /// its folder, `record_dir` the same as recorded in `included` (relative to the first
    /// document's folder unless an absolute include led there).
    Tree resolve(const YAML::Node& root, const std::string& name, const fs::path& dir,
                 const fs::path& record_dir, bool from_text);

    void enter(const fs::path& id, const std::string& name) { chain_.push_back({id, name}); }

  private:
    struct Link {
        fs::path id;  ///< canonical path; empty for a document given as text
        std::string name;
    };

    std::vector<IncludeItem> items(const YAML::Node& key, const YAML::Node& value,
                                   const std::string& name) const;
    Tree load(const IncludeItem& item, const std::string& name, const fs::path& dir,
              const fs::path& record_dir, bool from_text);

    std::vector<std::string>& included_;
    std::vector<Link> chain_;  ///< the files being read, outermost first
};

std::vector<IncludeItem> Resolver::items(const YAML::Node& key, const YAML::Node& value,
                                         const std::string& name) const {
    const std::string expected =
        "expected a path or a list of paths (of parameter files to "
        "merge under this one), got ";
    auto is_path = [](const YAML::Node& n) { return n.IsScalar() && !n.Scalar().empty(); };
    const int key_line = line_of(key);
    if (is_path(value)) return {IncludeItem{value.Scalar(), key_line, "include"}};
    if (!value.IsSequence())
        throw Error(at_line(name, key.Mark()) + ": include: " + expected + describe_found(value));
    std::vector<IncludeItem> out;
    for (const auto& item : value) {
        const std::string k = "include[" + std::to_string(out.size()) + "]";
        const int line = item.Mark().is_null() ? key_line : line_of(item);
        if (!is_path(item)) {
            throw Error(name + ":" + std::to_string(line) + ": " + k + ": expected a path, got " +
                        describe_found(item));
        }
        out.push_back(IncludeItem{item.Scalar(), line, k});
    }
    return out;
}

Tree Resolver::load(const IncludeItem& item, const std::string& name, const fs::path& dir,
                    const fs::path& record_dir, bool from_text) {
    const std::string where = name + ":" + std::to_string(item.line);
    const fs::path given(item.path);
    const fs::path full = given.is_absolute() ? given : (dir / given).lexically_normal();
    const std::string shown = full.string();
    auto fail = [&](const std::string& message) -> void {
        throw Error(where + ": " + item.key + ": " + message);
    };

    std::error_code ec;
    const auto status = fs::status(full, ec);
    if (!fs::exists(status)) {
        fail("no parameter file at " + shown +
             (given.is_absolute() ? std::string()
              : from_text         ? " (the parameters were given as text, so a relative include "
                                    "is read from the current directory)"
                                  : " (a relative include is read from the including file's "
                                    "folder)"));
    }
    if (fs::is_directory(status)) fail(shown + " is a directory, not a parameter file");

    fs::path id = fs::weakly_canonical(full, ec);
    if (ec) id = fs::absolute(full);
    const auto cycle = std::find_if(chain_.begin(), chain_.end(),
                                    [&](const Link& l) { return !l.id.empty() && l.id == id; });
    if (cycle != chain_.end()) {
        std::string names;
        for (const auto& l : chain_) names += l.name + " -> ";
        fail("include cycle: " + names + shown);
    }

    const YAML::Node node = load_document(read_text_file(full, "included parameter file"), shown);
    const std::string from = " (included from " + where + ")";
    if (node.IsNull()) {
        throw Error(shown + ":1: empty included file; expected a mapping of parameter sections" +
                    from);
    }
    if (!node.IsMap()) {
        throw Error(at_line(shown, node.Mark()) +
                    ": expected a mapping of parameter sections (grid:, catalog:, ...) in an "
                    "included file, got " +
                    describe_found(node) + from);
    }
    // Recorded relative to the first document's folder, so that the record (and a run's
    // params.yaml) does not depend on the directory the parameters were loaded from.
    const fs::path record = given.is_absolute() ? given : (record_dir / given).lexically_normal();
    chain_.push_back({id, shown});
    Tree t = resolve(node, shown, full.parent_path(), record.parent_path(), false);
    chain_.pop_back();
    included_.push_back(record.string());
    return t;
}

Tree Resolver::resolve(const YAML::Node& root, const std::string& name, const fs::path& dir,
                       const fs::path& record_dir, bool from_text) {
    std::optional<std::pair<YAML::Node, YAML::Node>> include;
    YAML::Node own(YAML::NodeType::Map);
    for (const auto& kv : root) {
        if (kv.first.IsScalar() && kv.first.Scalar() == "include") {
            if (include) {
                throw Error(at_line(name, kv.first.Mark()) +
                            ": include: duplicate key (first given on line " +
                            std::to_string(line_of(include->first)) + ")");
            }
            include.emplace(kv.first, kv.second);
        } else {
            own.force_insert(kv.first, kv.second);
        }
    }
    Tree mine;
    mine.node = include ? own : root;
    record_origins(mine.node, "", name, mine.origins);
    if (!include) return mine;

    Tree merged{YAML::Node(YAML::NodeType::Map), {}};
    for (const auto& item : items(include->first, include->second, name)) {
        Tree next = merge_trees(merged, load(item, name, dir, record_dir, from_text));
        // reset() rebinds the handle; assigning a Node would write through to its old tree.
        merged.node.reset(next.node);
        merged.origins = std::move(next.origins);
    }
    return merge_trees(merged, mine);
}

bool has_include(const YAML::Node& root) {
    if (!root.IsMap()) return false;
    return std::any_of(root.begin(), root.end(), [](const auto& kv) {
        return kv.first.IsScalar() && kv.first.Scalar() == "include";
    });
}

}  // namespace

void resolve_includes(YAML::Node& root, const DocumentPlace& place, YamlSource& source,
                      std::vector<std::string>& included) {
    if (!has_include(root)) return;
    Resolver r(included);
    fs::path id;
    if (!place.file.empty()) {
        std::error_code ec;
        id = fs::weakly_canonical(place.file, ec);
        if (ec) id = fs::absolute(place.file);
    }
    r.enter(id, source.name);
    Tree t = r.resolve(root, source.name, place.dir, fs::path(), place.file.empty());
    root.reset(t.node);  // rebind the handle; assignment would write into the old tree
    source.origins = std::move(t.origins);
}

}  // namespace stz::detail
