// Shared keys of the atomistic recipes.
#include "atomistic/recipe_keys.hpp"

#include <yaml-cpp/yaml.h>

namespace stz::atom::recipe_keys {

std::filesystem::path recipe_file(stz::detail::YamlReader& r, const std::filesystem::path& folder,
                                  const std::string& key, const std::string& what) {
    const auto text = r.optional_converted(key, "the path of " + what, stz::detail::scalar_text);
    if (!text) r.fail_missing(key, what);
    std::filesystem::path p = *text;
    if (p.is_relative()) p = (folder / p).lexically_normal();
    if (!std::filesystem::is_regular_file(p))
        r.fail(key, "no file at " + p.string() + " (relative paths are read from the recipe's folder)");
    return p;
}

std::optional<std::vector<std::string>> recipe_elements(stz::detail::YamlReader& r) {
    return r.optional_converted(
        "elements", "a list of element names, one per atom type",
        [](const YAML::Node& n) -> std::optional<std::vector<std::string>> {
            if (!n.IsSequence()) return std::nullopt;
            std::vector<std::string> out;
            for (const auto& e : n) {
                if (!e.IsScalar() || e.Scalar().empty()) return std::nullopt;
                out.push_back(e.Scalar());
            }
            return out;
        });
}

void emit_sample_keys(YAML::Emitter& e, const std::filesystem::path& input, const std::filesystem::path& potential,
                      const std::vector<std::string>& elements) {
    e << YAML::Key << "input" << YAML::Value << input.string();
    e << YAML::Key << "potential" << YAML::Value << potential.string();
    if (!elements.empty()) {
        e << YAML::Key << "elements" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const auto& n : elements) e << n;
        e << YAML::EndSeq;
    }
}

}  // namespace stz::atom::recipe_keys
