// `include:` in parameter files: fragments merged under the including file, their order
// and precedence, nesting, and errors that name the included file and its own lines.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "config_test_util.hpp"
#include "stz/config/load_config.hpp"
#include "stz/core/error.hpp"

namespace {

using stz_test::TempDir;

const std::string kMaterial = "material: {young_modulus_GPa: 69.46, poisson_ratio: 0.365}\n";

/// The message load_config throws for `file`, or "(no error)".
std::string load_error(const std::filesystem::path& file,
                       const std::vector<std::string>& overrides = {}) {
    try {
        (void)stz::load_config(file, overrides);
    } catch (const stz::Error& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("include: later fragments win over earlier ones, the file's own keys over all") {
    TempDir d;
    d.write("a.yaml",
            "grid: {nx: 8, ny: 8}\n"
            "catalog: {modes: 5, gamma_star: 0.1, barrier_std_eV: 0.25}\n"
            "kinetics: {temperature_K: 250}\n");
    d.write("b.yaml", "catalog: {modes: 7, barrier_mean_eV: 1.9}\n");
    const auto main = d.write("main.yaml", "include: [a.yaml, b.yaml]\n" + kMaterial +
                                               "catalog: {gamma_star: 0.2}\n"
                                               "kinetics: {scheme: paper}\n");
    const stz::Config c = stz::load_config(main);
    CHECK(c.grid.nx == 8);                              // only in a
    CHECK(c.catalog.modes == 7);                        // b over a
    CHECK(c.catalog.gamma_star == 0.2);                 // main over a
    CHECK(c.catalog.barrier_std_eV == 0.25);            // a, kept by the key-by-key merge
    CHECK(c.catalog.barrier_mean_eV == 1.9);            // b
    CHECK(c.kinetics.temperature_K == 250);             // a
    CHECK(c.kinetics.scheme == stz::KmcScheme::paper);  // main
    CHECK(c.source == main.string());
    // Recorded relative to the loaded file's folder.
    CHECK(c.included_files == std::vector<std::string>{"a.yaml", "b.yaml"});

    // The list order decides: the other way round, a wins.
    d.write("main.yaml", "include: [b.yaml, a.yaml]\n" + kMaterial);
    CHECK(stz::load_config(main).catalog.modes == 5);
}

TEST_CASE("include: one path or a list; absolute paths; --set applies after merging") {
    TempDir d;
    const auto frag = d.write("frag.yaml", "grid: {nx: 16, ny: 12}\n" + kMaterial);
    const auto main = d.write("main.yaml", "include: frag.yaml\ngrid: {nx: 20}\n");
    CHECK(stz::load_config(main).grid.nx == 20);
    CHECK(stz::load_config(main).grid.ny == 12);
    CHECK(stz::load_config(main, {"grid.ny=14", "grid.nx=10"}).grid.ny == 14);
    CHECK(stz::load_config(main, {"grid.ny=14", "grid.nx=10"}).grid.nx == 10);
    // An absolute path works from anywhere, also in text.
    const stz::Config c = stz::parse_config("include: [" + frag.string() + "]\n", "text.yaml");
    CHECK(c.grid.nx == 16);
    CHECK(c.included_files == std::vector<std::string>{frag.string()});
    // An empty list includes nothing.
    CHECK(stz::parse_config("include: []\ngrid: {nx: 4, ny: 4}\n" + kMaterial, "t").grid.nx == 4);
}

TEST_CASE("include: fragments include others, relative to their own folder") {
    TempDir d;
    d.write("common/elastic.yaml", kMaterial + "grid: {nx: 8, ny: 8, voxel_size_nm: 0.5}\n");
    d.write("calibration/glass.yaml",
            "include: ../common/elastic.yaml\n"
            "grid: {voxel_size_nm: 0.71}\n"  // its own key wins over what it includes
            "catalog: {modes: 17}\n");
    const auto main = d.write("runs/main.yaml",
                              "include: ../calibration/glass.yaml\n"
                              "grid: {nx: 32}\n");
    const stz::Config c = stz::load_config(main);
    CHECK(c.grid.nx == 32);
    CHECK(c.grid.ny == 8);
    CHECK(c.grid.voxel_size_nm == 0.71);
    CHECK(c.catalog.modes == 17);
    CHECK(c.material.poisson_ratio == 0.365);
    // Nested first: the order in which they were read.
    CHECK(c.included_files ==
          std::vector<std::string>{"../common/elastic.yaml", "../calibration/glass.yaml"});
    // The same fragment twice (a diamond, not a cycle) is fine.
    d.write("calibration/other.yaml", "include: ../common/elastic.yaml\n");
    d.write("runs/main.yaml", "include: [../calibration/glass.yaml, ../calibration/other.yaml]\n");
    CHECK(stz::load_config(main).grid.voxel_size_nm == 0.5);  // other.yaml's include is later
}

TEST_CASE("include: lists and scalars replace; an empty section keeps the included one") {
    TempDir d;
    d.write("frag.yaml", "grid: {nx: 8, ny: 8}\n" + kMaterial +
                             "output: {snapshot_plastic_strains: [0.01, 0.02, 0.03]}\n"
                             "softening: {eta_max: -ln 0.8, kappa_p: 3}\n"
                             "catalog: {modes: 9}\n");
    const auto main = d.write("main.yaml",
                              "include: frag.yaml\n"
                              "output: {snapshot_plastic_strains: [0.05]}\n"
                              "softening: {eta_max: 0.25}\n"
                              "catalog:\n");
    const stz::Config c = stz::load_config(main);
    CHECK(c.output.snapshot_plastic_strains == std::vector<double>{0.05});
    CHECK(c.softening.eta_max == 0.25);
    CHECK(c.softening.kappa_p == 3);
    CHECK(c.catalog.modes == 9);
}

TEST_CASE("include: errors about an included key cite the included file and its line") {
    TempDir d;
    const std::string frag = (d.path() / "frag.yaml").string();
    d.write("frag.yaml",
            "# a calibration fragment\n"    // 1
            "material:\n"                   // 2
            "  young_modulus_GPa: 69.46\n"  // 3
            "  poisson_ratio: 0.365\n"      // 4
            "catalog:\n"                    // 5
            "  modes: 17\n"                 // 6
            "  gamma_str: 0.14\n");         // 7
    const auto main = d.write("main.yaml",
                              "grid: {nx: 8, ny: 8}\n"  // 1
                              "include: frag.yaml\n"    // 2
                              "catalog:\n"              // 3
                              "  modes: 5\n");          // 4
    CHECK(load_error(main) == frag +
                                  ":7: catalog.gamma_str: unknown key; expected one of modes, "
                                  "barrier_distribution, barrier_mean_eV, barrier_std_eV, "
                                  "barrier_min_eV, barrier_max_eV, gamma_star, stz_volume_nm3, "
                                  "stz_volume_factor (did you mean gamma_star?)");
    d.write("frag.yaml",
            "# a calibration fragment\n"    // 1
            "material:\n"                   // 2
            "  young_modulus_GPa: 69.46\n"  // 3
            "  poisson_ratio: 0.7\n");      // 4
    CHECK(load_error(main) == frag +
                                  ":4: material.poisson_ratio: expected a number with -1 < value "
                                  "< 0.5, got 0.7");
    // --set over an included key cites the --set.
    CHECK(load_error(main, {"material.poisson_ratio=0.6"}) ==
          main.string() +
              ": --set material.poisson_ratio=0.6: material.poisson_ratio: expected a number "
              "with -1 < value < 0.5, got 0.6");
    // The including file's own keys keep its lines.
    d.write("main.yaml", "grid: {nx: 8, ny: 8}\ninclude: frag.yaml\ncatalog:\n  modes: 0\n");
    CHECK(load_error(main, {"material.poisson_ratio=0.3"}) ==
          main.string() + ":4: catalog.modes: expected an integer with 1 <= value <= 10000, got 0");
    // A missing key is reported at its section's line, here in the fragment.
    d.write("frag.yaml", "\nmaterial:\n  young_modulus_GPa: 69.46\n");
    CHECK(load_error(main) == frag + ":2: material.poisson_ratio: missing required key");
    // A YAML syntax error in the fragment names it.
    d.write("frag.yaml", "material: {young_modulus_GPa: 69.46\n");
    const std::string syntax = load_error(main);
    CHECK_MESSAGE(syntax.starts_with(frag + ":"), syntax);
    CHECK(syntax.find("YAML syntax error") != std::string::npos);
}

TEST_CASE("include: a cycle is an error naming the chain") {
    TempDir d;
    const std::string a = (d.path() / "a.yaml").string();
    const std::string b = (d.path() / "sub/b.yaml").string();
    const auto main = d.write("a.yaml", kMaterial + "include: sub/b.yaml\n");
    d.write("sub/b.yaml", "grid: {nx: 8, ny: 8}\ninclude: [../a.yaml]\n");
    CHECK(load_error(main) == b + ":2: include[0]: include cycle: " + a + " -> " + b + " -> " + a);
    // A file that includes itself.
    d.write("a.yaml", "include: a.yaml\n");
    CHECK(load_error(main) == a + ":1: include: include cycle: " + a + " -> " + a);
}

TEST_CASE("include: a missing file, a bad value and a non-mapping file are errors") {
    TempDir d;
    d.write("ok.yaml", "grid: {nx: 8, ny: 8}\n");
    const auto main = d.write("main.yaml", kMaterial +
                                               "include:\n"         // 2
                                               "  - ok.yaml\n"      // 3
                                               "  - nope.yaml\n");  // 4
    CHECK(load_error(main) == main.string() + ":4: include[1]: no parameter file at " +
                                  (d.path() / "nope.yaml").string() +
                                  " (a relative include is read from the including file's "
                                  "folder)");
    d.write("main.yaml", "include: sub\n");
    std::filesystem::create_directories(d.path() / "sub");
    CHECK(load_error(main) == main.string() + ":1: include: " + (d.path() / "sub").string() +
                                  " is a directory, not a parameter file");

    const std::string expected =
        "expected a path or a list of paths (of parameter files to merge under this one), got ";
    CHECK(load_error(d.write("main.yaml", kMaterial + "include: {file: ok.yaml}\n")) ==
          main.string() + ":2: include: " + expected + "a mapping");
    CHECK(load_error(d.write("main.yaml", kMaterial + "include:\n")) ==
          main.string() + ":2: include: " + expected + "an empty value");
    CHECK(load_error(d.write("main.yaml", kMaterial + "include: [ok.yaml, [x.yaml]]\n")) ==
          main.string() + ":2: include[1]: expected a path, got a list");
    CHECK(load_error(d.write("main.yaml", "include: ok.yaml\ninclude: ok.yaml\n")) ==
          main.string() + ":2: include: duplicate key (first given on line 1)");

    const std::string list = (d.path() / "list.yaml").string();
    d.write("list.yaml", "# not a fragment\n- grid\n- material\n");
    CHECK(load_error(d.write("main.yaml", kMaterial + "include: list.yaml\n")) ==
          list +
              ":2: expected a mapping of parameter sections (grid:, catalog:, ...) in an "
              "included file, got a list (included from " +
              main.string() + ":2)");
    d.write("list.yaml", "# nothing\n");
    CHECK(load_error(main) == list +
                                  ":1: empty included file; expected a mapping of parameter "
                                  "sections (included from " +
                                  main.string() + ":2)");
}

TEST_CASE("include: parameters given as text read relative includes from the current directory") {
    TempDir d;
    d.write("params/frag.yaml", "grid: {nx: 24, ny: 8}\n" + kMaterial);
    {
        const stz_test::InDirectory here(d.path());
        const stz::Config c = stz::parse_config("include: params/frag.yaml\n", "text.yaml");
        CHECK(c.grid.nx == 24);
        CHECK(c.included_files == std::vector<std::string>{"params/frag.yaml"});
        CHECK(stz_test::error_of("include: frag.yaml\n") ==
              "params/x.yaml:1: include: no parameter file at frag.yaml (the parameters were given "
              "as text, so a relative include is read from the current directory)");
    }
}

TEST_CASE("include: the top-level keys list include; to_yaml writes the merged file") {
    CHECK(stz_test::error_of("includes: x.yaml\n" + stz_test::kMinimal) ==
          "params/x.yaml:1: includes: unknown key; expected one of grid, material, loading, "
          "catalog, kinetics, softening, processing, output, run, eshelby, provenance, include "
          "(did you mean include?)");
    CHECK(stz_test::error_of(stz_test::kMinimal, {"include=frag.yaml"}) ==
          "params/x.yaml: --set include=frag.yaml: include cannot be given by --set (files are "
          "included before the overrides apply); name the fragment in a parameter file's "
          "include: instead");
    // Only at top level: elsewhere it is an unknown key like any other.
    CHECK(stz_test::error_of(stz_test::kMinimal + "catalog: {include: x.yaml}\n") ==
          "params/x.yaml:7: catalog.include: unknown key; expected one of modes, "
          "barrier_distribution, barrier_mean_eV, barrier_std_eV, barrier_min_eV, "
          "barrier_max_eV, gamma_star, stz_volume_nm3, stz_volume_factor");

    TempDir d;
    d.write("frag.yaml", "grid: {nx: 8, ny: 8}\ncatalog: {modes: 3}\n");
    const auto main = d.write("main.yaml", "include: frag.yaml\n" + kMaterial);
    const stz::Config c = stz::load_config(main);
    const std::string text = stz::to_yaml(c);
    CAPTURE(text);
    CHECK(text.find("include:") == std::string::npos);
    CHECK(text.find("\n# included: frag.yaml\n") != std::string::npos);
    const stz::Config back = stz::parse_config(text, "resolved.yaml");
    stz_test::check_same(c, back);
    CHECK(back.included_files.empty());
    // The text does not depend on the directory the file was loaded from (a sweep compares
    // it to decide whether a case is done).
    const stz_test::InDirectory here(d.path());
    stz::Config relative = stz::load_config("main.yaml");
    relative.source = c.source;
    CHECK(stz::to_yaml(relative) == text);
}
