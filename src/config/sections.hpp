#pragma once
// Internal: one parse function per YAML section, each turning a YamlReader into a
// plain config struct and checking every key of that section. grid, material, loading
// and eshelby are in sections.cpp, the kMC sections in the files named below.
#include "src/config/yaml_reader.hpp"
#include "stz/config/config.hpp"

namespace stz::detail {

[[nodiscard]] GridConfig parse_grid(YamlReader r);
[[nodiscard]] MaterialConfig parse_material(YamlReader r);
[[nodiscard]] LoadingConfig parse_loading(YamlReader r);
[[nodiscard]] CatalogConfig parse_catalog(YamlReader r);      // catalog_section.cpp
[[nodiscard]] KineticsConfig parse_kinetics(YamlReader r);    // kinetics_sections.cpp
[[nodiscard]] SofteningConfig parse_softening(YamlReader r);  // kinetics_sections.cpp
[[nodiscard]] OutputConfig parse_output(YamlReader r);        // run_sections.cpp
[[nodiscard]] RunConfig parse_run(YamlReader r);              // run_sections.cpp
/// Fills c.processing; with a cooling rate, also derives c.catalog.barrier_mean_eV and
/// c.softening.eta_max from the map (so call it after those sections). processing_section.cpp
void parse_processing(YamlReader r, Config& c);
/// Needs the grid: the inclusion must fit in the periodic cell and respect 2D.
[[nodiscard]] EshelbyConfig parse_eshelby(YamlReader r, const GridConfig& grid);

/// The whole document: `root` wraps the top-level mapping.
[[nodiscard]] Config parse_document(YamlReader root, const std::string& source_name);

}  // namespace stz::detail
