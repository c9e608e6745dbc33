// The parameter pages under docs/parameters/ stay true: every complete YAML example
// in them loads, and the README's fully spelt-out file is exactly the defaults.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "config_test_util.hpp"
#include "stz/config/load_config.hpp"
#include "stz/core/error.hpp"

namespace {

const std::filesystem::path kDocs = std::filesystem::path(STZ_SOURCE_DIR) / "docs" / "parameters";

/// The ```yaml blocks of a Markdown page, without the fences.
std::vector<std::string> yaml_blocks(const std::filesystem::path& page) {
    std::ifstream in(page);
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    std::vector<std::string> blocks;
    const std::string open = "```yaml\n";
    for (auto pos = s.find(open); pos != std::string::npos; pos = s.find(open, pos)) {
        pos += open.size();
        const auto end = s.find("```", pos);
        REQUIRE(end != std::string::npos);
        blocks.push_back(s.substr(pos, end - pos));
        pos = end + 3;
    }
    return blocks;
}

bool is_syntax_block(const std::string& yaml) {
    // Syntax sections use placeholders (REAL, INT, NAME) instead of values.
    for (const char* placeholder : {"REAL", "INT", "NAME"}) {
        if (yaml.find(placeholder) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("every complete YAML example in docs/parameters loads") {
    // Examples are files in params/: their includes (calibration/...) are read from there.
    const stz_test::InDirectory in_params(std::filesystem::path(STZ_SOURCE_DIR) / "params");
    int examples = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kDocs)) {
        if (entry.path().extension() != ".md") continue;
        for (const std::string& yaml : yaml_blocks(entry.path())) {
            if (is_syntax_block(yaml)) continue;
            // Section examples stand alone: complete them with the required sections.
            std::string text = yaml;
            if (yaml.find("grid:") == std::string::npos) text = "grid: {nx: 64, ny: 64}\n" + text;
            if (yaml.find("material:") == std::string::npos)
                text += "material: {young_modulus_GPa: 69.46, poisson_ratio: 0.365}\n";
            CAPTURE(entry.path().filename().string());
            CAPTURE(text);
            CHECK_NOTHROW((void)stz::parse_config(text, entry.path().string()));
            ++examples;
        }
    }
    CHECK(examples >= 14);
}

TEST_CASE("the README's fully spelt-out file is the defaults") {
    std::string full;
    for (const std::string& yaml : yaml_blocks(kDocs / "README.md")) {
        if (yaml.find("run:") != std::string::npos) full = yaml;
    }
    REQUIRE_FALSE(full.empty());
    const stz::Config c = stz::parse_config(full, "README.md");
    stz::Config defaults;
    defaults.grid = c.grid;
    defaults.material = c.material;
    stz_test::check_same(c, defaults);
}
