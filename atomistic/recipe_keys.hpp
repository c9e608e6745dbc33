#pragma once
// Internal: keys that several atomistic recipes share (input and potential files, element
// names), read the same way with the same messages. Not a public header.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "src/config/yaml_reader.hpp"

namespace stz::atom::recipe_keys {

/// The file named at `key` (required): relative paths are taken from `folder` (the
/// recipe's); a missing key or file is an error at the key's line.
std::filesystem::path recipe_file(stz::detail::YamlReader& r, const std::filesystem::path& folder,
                                  const std::string& key, const std::string& what);

/// `elements: [Cu, Zr]` (optional): element names, one per atom type.
std::optional<std::vector<std::string>> recipe_elements(stz::detail::YamlReader& r);

/// Writes input, potential and (if any) elements into an open YAML mapping.
void emit_sample_keys(YAML::Emitter& e, const std::filesystem::path& input, const std::filesystem::path& potential,
                      const std::vector<std::string>& elements);

}  // namespace stz::atom::recipe_keys
