#pragma once
// Internal: the CLI's `--set dotted.key=value` overrides, applied to the YAML tree before
// validation so that overridden values pass exactly the checks a file's values do.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "src/config/yaml_reader.hpp"

namespace stz::detail {

/// Applies each "a.b.c=value" of `overrides` to `root` (a mapping, or null for an empty
/// file), in order. The value is parsed as YAML. Missing sections on the way are created.
/// Records in `source.overrides` which key paths each override produced, so that later
/// errors about them cite the --set text. Throws stz::Error for a malformed override.
void apply_overrides(YAML::Node& root, const std::vector<std::string>& overrides,
                     YamlSource& source);

}  // namespace stz::detail
