#pragma once
// Internal: one parse function per YAML section, each turning a YamlReader into a
// plain config struct and checking every key of that section.
#include "src/config/yaml_reader.hpp"
#include "stz/config/config.hpp"

namespace stz::detail {

[[nodiscard]] GridConfig parse_grid(YamlReader r);
[[nodiscard]] MaterialConfig parse_material(YamlReader r);
[[nodiscard]] LoadingConfig parse_loading(YamlReader r);
/// Needs the grid: the inclusion must fit in the periodic cell and respect 2D.
[[nodiscard]] EshelbyConfig parse_eshelby(YamlReader r, const GridConfig& grid);

/// The whole document: `root` wraps the top-level mapping.
[[nodiscard]] Config parse_document(YamlReader root, const std::string& source_name);

}  // namespace stz::detail
