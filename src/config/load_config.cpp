// load_config / parse_config: text -> YAML tree -> overrides -> section parsers -> Config.
#include "stz/config/load_config.hpp"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <fstream>
#include <iterator>
#include <memory>
#include <system_error>

#include "src/config/overrides.hpp"
#include "src/config/sections.hpp"
#include "src/config/yaml_reader.hpp"
#include "stz/core/error.hpp"

namespace stz {

namespace {

std::string at_line(const std::string& name, const YAML::Mark& mark) {
    return mark.is_null() ? name : name + ":" + std::to_string(mark.line + 1);
}

/// The single document of `text`; a null node when there is none (empty or comments only).
YAML::Node load_document(const std::string& text, const std::string& name) {
    std::vector<YAML::Node> docs;
    try {
        docs = YAML::LoadAll(text);
    } catch (const YAML::ParserException& e) {
        throw Error(at_line(name, e.mark) + ": YAML syntax error: " + e.msg + " (column " +
                    std::to_string(e.mark.column + 1) + ")");
    } catch (const YAML::Exception& e) {
        throw Error(at_line(name, e.mark) + ": cannot read YAML: " + e.msg);
    }
    if (docs.size() > 1) {
        throw Error(at_line(name, docs[1].Mark()) +
                    ": expected a single YAML document, found a second one ('---')");
    }
    return docs.empty() ? YAML::Node() : docs.front();
}

}  // namespace

Config parse_config(const std::string& yaml_text, const std::string& source_name,
                    const std::vector<std::string>& overrides) {
    auto source = std::make_shared<detail::YamlSource>();
    source->name = source_name;
    YAML::Node root = load_document(yaml_text, source_name);
    // An empty file is fine only if --set supplies everything.
    if (root.IsNull() && overrides.empty()) {
        throw Error(source_name +
                    ":1: empty parameter file; expected a mapping with at least the sections "
                    "grid and material");
    }
    if (!root.IsNull() && !root.IsMap()) {
        throw Error(at_line(source_name, root.Mark()) +
                    ": expected a mapping of sections (grid:, material:, ...) at top level, got " +
                    detail::describe_found(root));
    }
    detail::apply_overrides(root, overrides, *source);
    return detail::parse_document(detail::YamlReader(root, source, "", 1), source_name);
}

Config load_config(const std::filesystem::path& file, const std::vector<std::string>& overrides) {
    const std::string name = file.string();
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (!std::filesystem::exists(status)) {
        throw Error(name + ": cannot read parameter file: no such file");
    }
    if (std::filesystem::is_directory(status)) {
        throw Error(name + ": cannot read parameter file: it is a directory");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw Error(name +
                    ": cannot read parameter file: " + std::generic_category().message(errno));
    }
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw Error(name + ": cannot read parameter file: read error");
    return parse_config(text, name, overrides);
}

}  // namespace stz
