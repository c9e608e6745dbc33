#pragma once
// Reading parameter files: YAML text in, validated Config out.
//
// This is the one place that knows YAML. Every key is checked (type, range, unknown
// names are errors) and every failure is an stz::Error of the form
//   params/x.yaml:12: material.poisson_ratio: expected a number with -1 < value < 0.5, got 0.5
// naming the file, the 1-based line, the full key path, what was expected and what was
// found. The keys are documented in docs/parameters/.
#include <filesystem>
#include <string>
#include <vector>

#include "stz/config/config.hpp"

namespace stz {

/// Read, validate and return the parameter file `file`. A top-level `include:` (a path or
/// a list of paths, relative to the folder of the file that names them) merges parameter
/// fragments under the file: in list order, a later one winning, and the file's own keys
/// winning over all of them; mappings merge key by key, other values replace. Included
/// files may include others; errors about a key from an included file cite that file and
/// line. `overrides` are "dotted.key=value" strings (the CLI's --set), applied to the merged
/// tree before validation in order (a later one wins); the value is parsed as YAML, so
/// `grid.nx=64` sets a number. Errors about an overridden key cite the --set text instead
/// of a line. With `processing.cooling_rate_K_per_s`, catalog.barrier_mean_eV and
/// softening.eta_max come from the processing map (ProcessingConfig). Throws stz::Error.
[[nodiscard]] Config load_config(const std::filesystem::path& file,
                                 const std::vector<std::string>& overrides = {});

/// Same as load_config, from text; `source_name` stands for the file name in messages and
/// becomes Config::source. The text has no folder of its own, so relative `include:` paths
/// are read from the current directory.
[[nodiscard]] Config parse_config(const std::string& yaml_text, const std::string& source_name,
                                  const std::vector<std::string>& overrides = {});

/// Every parameter of `cfg` (defaults included) as YAML text that parse_config accepts and
/// reads back to the same values; numbers are written in their shortest exact form. Keys
/// that the file could not give together are written one way only: the barrier keys of
/// the chosen distribution, and stz_volume_nm3 if set, else stz_volume_factor. The text is
/// self-contained: no `include:` (the included files are named in a comment); `processing`
/// and `provenance` are written if present.
[[nodiscard]] std::string to_yaml(const Config& cfg);

/// The LoadingMode spelled `s` ("uniaxial_tension", ...); throws stz::Error listing the
/// valid names otherwise.
[[nodiscard]] LoadingMode parse_loading_mode(const std::string& s);

}  // namespace stz
