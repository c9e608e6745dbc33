#pragma once
// Internal: the top-level `include:` of parameter files. Each included file is a fragment
// (for instance what `stzkmc calibrate` writes) deep-merged under the including file, so a
// file can take its catalog and processing map from a calibration and set the rest itself.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <vector>

#include "src/config/yaml_reader.hpp"

namespace stz::detail {

/// Where the document `source.name` came from.
struct DocumentPlace {
    /// Its own path (for cycle detection); empty when it was given as text.
    std::filesystem::path file;
    /// The folder its relative includes are read from (empty: the current directory).
    std::filesystem::path dir;
};

/// Replaces `root` (a top-level mapping) by the merge of the files its `include:` names
/// (a path or a list of paths, relative to `place.dir` unless absolute), in list order, a
/// later file winning over an earlier one, with `root`'s own keys winning over them all.
/// Mappings merge key by key (an empty value over a mapping counts as an empty mapping);
/// any other value replaces. Included files may include others, relative to their own
/// folder. Records in `source.origins` the file each merged-in key came from and appends
/// every included file to `included`, in reading order, as a path relative to `place.dir`
/// (absolute if an absolute include led to it). Nothing happens without `include`.
/// Throws stz::Error for a missing or unreadable file, a cycle, or a file that is not a
/// mapping, naming the including file and line.
void resolve_includes(YAML::Node& root, const DocumentPlace& place, YamlSource& source,
                      std::vector<std::string>& included);

}  // namespace stz::detail
