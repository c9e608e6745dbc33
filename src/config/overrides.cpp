#include "src/config/overrides.hpp"

#include <string_view>

#include "stz/core/error.hpp"

namespace stz::detail {

namespace {

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t");
    return std::string(s.substr(b, e - b + 1));
}

void apply_override(YAML::Node& root, const std::string& text, YamlSource& source) {
    auto bad = [&](const std::string& why) {
        throw Error(source.name + ": --set " + text + ": " + why);
    };
    const auto eq = text.find('=');
    if (eq == std::string::npos) bad("expected key=value, e.g. grid.nx=64 (no '=' found)");
    const std::string key = trim(std::string_view(text).substr(0, eq));
    const std::string value = trim(std::string_view(text).substr(eq + 1));
    if (key.empty()) bad("empty key; expected key=value, e.g. grid.nx=64");
    if (key == "include" || key.starts_with("include.")) {
        bad("include cannot be given by --set (files are included before the overrides "
            "apply); name the fragment in a parameter file's include: instead");
    }

    std::vector<std::string> parts;
    for (std::size_t begin = 0;;) {
        const auto dot = key.find('.', begin);
        parts.push_back(key.substr(begin, dot == std::string::npos ? dot : dot - begin));
        if (parts.back().empty()) bad("empty name in key path \"" + key + "\"");
        if (dot == std::string::npos) break;
        begin = dot + 1;
    }

    YAML::Node parsed;
    try {
        parsed = YAML::Load(value);
    } catch (const YAML::Exception& e) {
        bad("value is not valid YAML: " + e.msg);
    }

    if (!root.IsMap()) root.reset(YAML::Node(YAML::NodeType::Map));
    // Node handles alias tree nodes: `a = b` would overwrite a's content, so handles are
    // moved along the path with reset() and only the final assignment writes.
    YAML::Node cur;
    cur.reset(root);
    std::string path;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        path += (path.empty() ? "" : ".") + parts[i];
        const YAML::Node& view = cur;  // const lookup: does not insert the key
        const YAML::Node found = view[parts[i]];
        if (!found.IsDefined()) {
            source.overrides.emplace(path, text);  // created by this --set
            cur[parts[i]] = YAML::Node(YAML::NodeType::Map);
        } else if (found.IsNull()) {
            cur[parts[i]] = YAML::Node(YAML::NodeType::Map);  // `section:` with nothing under it
        } else if (!found.IsMap()) {
            bad(path + " is not a section; it holds " + describe_found(found));
        }
        YAML::Node next = view[parts[i]];
        cur.reset(next);
    }
    cur[parts.back()] = parsed;
    source.overrides[key] = text;  // a later --set of the same key wins, also in messages
}

}  // namespace

void apply_overrides(YAML::Node& root, const std::vector<std::string>& overrides,
                     YamlSource& source) {
    for (const auto& text : overrides) apply_override(root, text, source);
}

}  // namespace stz::detail
