// load_config / parse_config: text -> YAML tree -> includes -> overrides -> section parsers
// -> Config.
#include "stz/config/load_config.hpp"

#include <yaml-cpp/yaml.h>

#include <memory>
#include <utility>

#include "src/config/includes.hpp"
#include "src/config/overrides.hpp"
#include "src/config/sections.hpp"
#include "src/config/yaml_reader.hpp"
#include "stz/core/error.hpp"

namespace stz {

namespace {

Config parse_text(const std::string& yaml_text, const std::string& source_name,
                  const detail::DocumentPlace& place, const std::vector<std::string>& overrides) {
    auto source = std::make_shared<detail::YamlSource>();
    source->name = source_name;
    YAML::Node root = detail::load_document(yaml_text, source_name);
    // An empty file is fine only if --set supplies everything.
    if (root.IsNull() && overrides.empty()) {
        throw Error(source_name +
                    ":1: empty parameter file; expected a mapping with at least the sections "
                    "grid and material");
    }
    if (!root.IsNull() && !root.IsMap()) {
        throw Error(detail::at_line(source_name, root.Mark()) +
                    ": expected a mapping of sections (grid:, material:, ...) at top level, got " +
                    detail::describe_found(root));
    }
    std::vector<std::string> included;
    detail::resolve_includes(root, place, *source, included);
    detail::apply_overrides(root, overrides, *source);
    Config c = detail::parse_document(detail::YamlReader(root, source, "", 1), source_name);
    c.included_files = std::move(included);
    return c;
}

}  // namespace

Config parse_config(const std::string& yaml_text, const std::string& source_name,
                    const std::vector<std::string>& overrides) {
    // Given as text, the document has no folder: relative includes are read from the
    // current directory.
    return parse_text(yaml_text, source_name, detail::DocumentPlace{}, overrides);
}

Config load_config(const std::filesystem::path& file, const std::vector<std::string>& overrides) {
    const std::string text = detail::read_text_file(file, "parameter file");
    return parse_text(text, file.string(), detail::DocumentPlace{file, file.parent_path()},
                      overrides);
}

}  // namespace stz
