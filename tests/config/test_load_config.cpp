// The parameter loader: valid files, defaults, the to_yaml round trip, and the error
// messages, each of which must name the file, the line, the key path, and what was
// expected and found.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "config_test_util.hpp"
#include "stz/config/load_config.hpp"
#include "stz/core/error.hpp"

namespace {

using stz_test::check_same;
using stz_test::error_of;
using stz_test::kMinimal;
using stz_test::kSource;

/// kMinimal with line `line` (1-based) replaced by `text`.
std::string with_line(int line, const std::string& text) {
    std::string out;
    std::size_t begin = 0;
    for (int l = 1; begin < kMinimal.size(); ++l) {
        const auto end = kMinimal.find('\n', begin) + 1;
        out += l == line ? text + "\n" : kMinimal.substr(begin, end - begin);
        begin = end;
    }
    return out;
}

/// A file in the temp directory with a unique name, removed at scope exit.
struct TempFile {
    std::filesystem::path path;
    explicit TempFile(const std::string& text) {
        static std::atomic<int> counter{0};
        const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
        path =
            std::filesystem::temp_directory_path() / ("stz_test_config_" + std::to_string(stamp) +
                                                      "_" + std::to_string(counter++) + ".yaml");
        std::ofstream(path) << text;
    }
    ~TempFile() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
};

}  // namespace

// ------------------------------------------------------------------ valid input

TEST_CASE("a minimal file loads, with defaults for every optional key") {
    const stz::Config c = stz::parse_config(kMinimal, kSource);
    CHECK(c.source == kSource);
    CHECK(c.grid.nx == 64);
    CHECK(c.grid.ny == 32);
    CHECK(c.grid.nz == 1);
    CHECK(c.grid.voxel_size_nm == 0.7);
    CHECK(c.material.young_modulus_GPa == 69.46);
    CHECK(c.material.poisson_ratio == 0.365);
    CHECK(c.loading.mode == stz::LoadingMode::uniaxial_tension);
    CHECK_FALSE(c.eshelby.has_value());
}

TEST_CASE("a full 3D file loads every key") {
    const std::string text = R"(# comment
grid: {nx: 40, ny: 48, nz: 36, voxel_size_nm: 0.5}
material:
  young_modulus_GPa: 1e2
  poisson_ratio: -0.25
loading:
  mode: simple_shear
eshelby:
  radius_voxels: 6.5
  eigenstrain: {xx: 0.01, yy: -0.01, zz: 2e-3, yz: 0.004, xz: 0.005, xy: 0.006}
  applied_strain: 0.002
)";
    const stz::Config c = stz::parse_config(text, kSource);
    CHECK(c.grid.grid() == stz::Grid{40, 48, 36});
    CHECK(c.grid.voxel_size_nm == 0.5);
    CHECK(c.material.young_modulus_GPa == 100.0);
    CHECK(c.material.poisson_ratio == -0.25);
    CHECK(c.loading.mode == stz::LoadingMode::simple_shear);
    REQUIRE(c.eshelby.has_value());
    CHECK(c.eshelby->radius_voxels == 6.5);
    CHECK(c.eshelby->eigenstrain == stz::SymTensor{0.01, -0.01, 2e-3, 0.004, 0.005, 0.006});
    CHECK(c.eshelby->applied_strain == 0.002);
}

TEST_CASE("an empty eshelby section means the defaults; integral numbers count as integers") {
    const std::string text = "grid: {nx: 64.0, ny: 40}\n" + kMinimal.substr(24) + "eshelby:\n";
    const stz::Config c = stz::parse_config(text, kSource);
    CHECK(c.grid.nx == 64);
    CHECK(c.grid.ny == 40);
    REQUIRE(c.eshelby.has_value());
    CHECK(c.eshelby->radius_voxels == stz::EshelbyConfig{}.radius_voxels);
    CHECK(c.eshelby->eigenstrain == stz::SymTensor{});
    CHECK(c.eshelby->applied_strain == 0.0);
}

TEST_CASE("loading mode names convert both ways") {
    for (auto m : {stz::LoadingMode::uniaxial_tension, stz::LoadingMode::uniaxial_compression,
                   stz::LoadingMode::pure_shear, stz::LoadingMode::simple_shear}) {
        CHECK(stz::parse_loading_mode(stz::to_string(m)) == m);
        const stz::Config c =
            stz::parse_config(kMinimal + "loading:\n  mode: " + stz::to_string(m) + "\n", kSource);
        CHECK(c.loading.mode == m);
    }
    CHECK(std::string(stz::to_string(stz::LoadingMode::pure_shear)) == "pure_shear");
    try {
        (void)stz::parse_loading_mode("shear");
        FAIL("expected stz::Error");
    } catch (const stz::Error& e) {
        CHECK(std::string(e.what()) ==
              "unknown loading mode \"shear\"; expected one of uniaxial_tension, "
              "uniaxial_compression, pure_shear, simple_shear");
    }
}

TEST_CASE("to_yaml writes every key and reads back to equal values") {
    stz::Config c = stz::parse_config(kMinimal, kSource);
    SUBCASE("defaults only") {}
    SUBCASE("3D with awkward doubles and an inclusion") {
        c.grid.nz = 20;
        c.grid.voxel_size_nm = 0.1 + 0.2;  // 0.30000000000000004: needs all 17 digits
        c.material.young_modulus_GPa = 1.0 / 3.0;
        c.material.poisson_ratio = -1e-300;
        c.loading.mode = stz::LoadingMode::uniaxial_compression;
        c.eshelby = stz::EshelbyConfig{};
        c.eshelby->radius_voxels = 9.999999999999998;
        c.eshelby->eigenstrain = {1e-5, -2.5e-3, 0, 5e-324, -0.0, 0.01};
        c.eshelby->applied_strain = 123456789.125;
    }
    const std::string text = stz::to_yaml(c);
    CAPTURE(text);
    for (const char* key :
         {"nx:", "ny:", "nz:", "voxel_size_nm:", "young_modulus_GPa:", "poisson_ratio:", "mode:"}) {
        CHECK(text.find(key) != std::string::npos);
    }
    const stz::Config back = stz::parse_config(text, "resolved.yaml");
    check_same(c, back);
    CHECK(stz::to_yaml(back).find("0.30000000000000004") == text.find("0.30000000000000004"));
}

TEST_CASE("load_config reads a file, and --set overrides values and adds sections") {
    const TempFile f(kMinimal);
    const stz::Config c = stz::load_config(
        f.path, {"grid.nx=128", "material.poisson_ratio = 0.3", "eshelby.radius_voxels=4",
                 "eshelby.eigenstrain={xy: 0.02}", "loading.mode=pure_shear"});
    CHECK(c.source == f.path.string());
    CHECK(c.grid.nx == 128);
    CHECK(c.grid.ny == 32);
    CHECK(c.material.poisson_ratio == 0.3);
    CHECK(c.loading.mode == stz::LoadingMode::pure_shear);
    REQUIRE(c.eshelby.has_value());
    CHECK(c.eshelby->radius_voxels == 4.0);
    CHECK(c.eshelby->eigenstrain.xy == 0.02);

    // An empty file is acceptable when --set supplies every required key.
    const stz::Config d = stz::parse_config(
        "", kSource,
        {"grid.nx=8", "grid.ny=8", "material.young_modulus_GPa=1", "material.poisson_ratio=0"});
    CHECK(d.grid.grid() == stz::Grid{8, 8, 1});
    CHECK(d.material.poisson_ratio == 0.0);
}

// ------------------------------------------------------------------ bad input

TEST_CASE("wrong value types say what was found") {
    CHECK(error_of(with_line(2, "  nx: abc")) ==
          "params/x.yaml:2: grid.nx: expected an integer >= 2, got the text \"abc\"");
    CHECK(error_of(with_line(2, "  nx: \"64\"")) ==
          "params/x.yaml:2: grid.nx: expected an integer >= 2, got the text \"64\"");
    CHECK(error_of(with_line(2, "  nx: [64, 64]")) ==
          "params/x.yaml:2: grid.nx: expected an integer >= 2, got a list");
    CHECK(error_of(with_line(5, "  young_modulus_GPa: {value: 69}")) ==
          "params/x.yaml:5: material.young_modulus_GPa: expected a positive number, got a mapping");
    CHECK(error_of(with_line(6, "  poisson_ratio:")) ==
          "params/x.yaml:6: material.poisson_ratio: expected a number with -1 < value < 0.5, "
          "got an empty value");
    CHECK(error_of(kMinimal.substr(0, 24) + "material: 3\n") ==
          "params/x.yaml:4: material: expected a mapping of keys, got 3");
}

TEST_CASE("Young's modulus must be positive") {
    CHECK(error_of(with_line(5, "  young_modulus_GPa: -3")) ==
          "params/x.yaml:5: material.young_modulus_GPa: expected a positive number, got -3");
    CHECK(error_of(with_line(5, "  young_modulus_GPa: 0")) ==
          "params/x.yaml:5: material.young_modulus_GPa: expected a positive number, got 0");
}

TEST_CASE("Poisson's ratio must lie strictly inside (-1, 0.5)") {
    for (const char* nu : {"0.5", "0.7", "-1", "-1.5"}) {
        CAPTURE(nu);
        CHECK(error_of(with_line(6, std::string("  poisson_ratio: ") + nu)) ==
              std::string("params/x.yaml:6: material.poisson_ratio: expected a number with "
                          "-1 < value < 0.5, got ") +
                  nu);
    }
}

TEST_CASE("NaN and infinity are rejected") {
    CHECK(error_of(with_line(6, "  poisson_ratio: .nan")) ==
          "params/x.yaml:6: material.poisson_ratio: expected a number with -1 < value < 0.5, "
          "got .nan");
    CHECK(error_of(with_line(5, "  young_modulus_GPa: .inf")) ==
          "params/x.yaml:5: material.young_modulus_GPa: expected a positive number, got .inf");
    CHECK(error_of(kMinimal + "eshelby:\n  applied_strain: -.Inf\n") ==
          "params/x.yaml:8: eshelby.applied_strain: expected a finite number, got -.Inf");
}

TEST_CASE("a missing section or key is named, at its parent's line") {
    CHECK(error_of("grid:\n  nx: 64\n  ny: 32\n") ==
          "params/x.yaml:1: material: missing required section");
    CHECK(error_of(with_line(3, "")) == "params/x.yaml:1: grid.ny: missing required key");
    CHECK(error_of(with_line(6, "")) ==
          "params/x.yaml:4: material.poisson_ratio: missing required key");
}

TEST_CASE("unknown keys are errors at every level") {
    CHECK(error_of(kMinimal + "gird:\n  nx: 3\n") ==
          "params/x.yaml:7: gird: unknown key; expected one of grid, material, loading, catalog, "
          "kinetics, softening, processing, output, run, eshelby, provenance, include (did you "
          "mean grid?)");
    CHECK(error_of(with_line(2, "  nxx: 64")) ==
          "params/x.yaml:2: grid.nxx: unknown key; expected one of nx, ny, nz, voxel_size_nm "
          "(did you mean nx?)");
    // Unknown section names are reported before the missing section they may stand for.
    CHECK(error_of(with_line(4, "materials:")) ==
          "params/x.yaml:4: materials: unknown key; expected one of grid, material, loading, "
          "catalog, kinetics, softening, processing, output, run, eshelby, provenance, include "
          "(did you mean material?)");
    CHECK(error_of(kMinimal + "eshelby:\n  eigenstrain: {xy: 0.01, yx: 0.01}\n") ==
          "params/x.yaml:8: eshelby.eigenstrain.yx: unknown key; expected one of xx, yy, zz, "
          "yz, xz, xy");  // xx, yy and xy are all one edit away: no guess
}

TEST_CASE("a repeated key is an error, not a silent override") {
    CHECK(error_of(kMinimal + "grid:\n  nx: 8\n") ==
          "params/x.yaml:7: grid: duplicate key (first given on line 1)");
    CHECK(error_of(with_line(3, "  nx: 32")) ==
          "params/x.yaml:3: grid.nx: duplicate key (first given on line 2)");
}

TEST_CASE("an empty file, a comment-only file and a top-level list are rejected") {
    const std::string empty =
        "params/x.yaml:1: empty parameter file; expected a mapping with at least the sections "
        "grid and material";
    CHECK(error_of("") == empty);
    CHECK(error_of("# nothing here\n\n") == empty);
    CHECK(error_of("- grid\n- material\n") ==
          "params/x.yaml:1: expected a mapping of sections (grid:, material:, ...) at top level, "
          "got a list");
    CHECK(error_of("just some words\n") ==
          "params/x.yaml:1: expected a mapping of sections (grid:, material:, ...) at top level, "
          "got the text \"just some words\"");
    CHECK(error_of(kMinimal + "---\ngrid: {}\n") ==
          "params/x.yaml:8: expected a single YAML document, found a second one ('---')");
}

TEST_CASE("YAML syntax errors carry file and line") {
    CHECK(error_of(with_line(5, "  young_modulus_GPa: 69: 46")) ==
          "params/x.yaml:5: YAML syntax error: illegal map value (column 24)");
    // An unclosed bracket is only noticed at the end of the text, which is where it points.
    CHECK(error_of(with_line(5, "  young_modulus_GPa: [69.46,")) ==
          "params/x.yaml:7: YAML syntax error: end of sequence flow not found (column 1)");
    CHECK(error_of("grid:\n  nx: 64\n ny: 32\n") ==
          "params/x.yaml:3: YAML syntax error: end of map not found (column 2)");
}

TEST_CASE("grid sizes: at least 2 in-plane, nz >= 1, integers, at most 2^31 voxels") {
    CHECK(error_of(with_line(2, "  nx: 0")) ==
          "params/x.yaml:2: grid.nx: expected an integer >= 2, got 0");
    CHECK(error_of(with_line(3, "  ny: 1")) ==
          "params/x.yaml:3: grid.ny: expected an integer >= 2, got 1");
    CHECK(error_of(with_line(3, "  ny: 32\n  nz: 0")) ==
          "params/x.yaml:4: grid.nz: expected an integer >= 1, got 0");
    CHECK(error_of(with_line(2, "  nx: 3.5")) ==
          "params/x.yaml:2: grid.nx: expected an integer >= 2, got 3.5");
    CHECK(error_of(kMinimal, {"grid.nz=2e6"}) ==
          "params/x.yaml:1: grid: nx*ny*nz = 4096000000 voxels; expected at most 2^31 = "
          "2147483648 (the per-voxel fields would need hundreds of GiB; most likely a typo)");
    CHECK(error_of(with_line(2, "  nx: 1e10")) ==
          "params/x.yaml:2: grid.nx: expected an integer >= 2 that fits in 32 bits, got 1e10");
    CHECK(error_of(with_line(3, "  ny: 32\n  voxel_size_nm: -0.7")) ==
          "params/x.yaml:4: grid.voxel_size_nm: expected a positive number, got -0.7");
    CHECK(error_of("grid: {nx: 2048, ny: 2048, nz: 1024}\n" + kMinimal.substr(24)) ==
          "params/x.yaml:1: grid: nx*ny*nz = 4294967296 voxels; expected at most 2^31 = "
          "2147483648 (the per-voxel fields would need hundreds of GiB; most likely a typo)");
}

TEST_CASE("an unknown loading mode lists the valid ones") {
    CHECK(error_of(kMinimal + "loading:\n  mode: shear\n") ==
          "params/x.yaml:8: loading.mode: expected one of uniaxial_tension, "
          "uniaxial_compression, pure_shear, simple_shear, got the text \"shear\"");
}

TEST_CASE("the Eshelby inclusion must fit the cell and respect plane strain") {
    CHECK(error_of(kMinimal + "eshelby:\n  radius_voxels: 16\n") ==
          "params/x.yaml:8: eshelby.radius_voxels: expected a number with 0 < value < 16 (half "
          "the smallest grid size, 32), got 16");
    CHECK(error_of(with_line(3, "  ny: 20") + "eshelby:\n  applied_strain: 0.01\n") ==
          "params/x.yaml:7: eshelby.radius_voxels: expected a number with 0 < value < 10 (half "
          "the smallest grid size, 20), got 16 (the default)");
    CHECK(error_of(kMinimal + "eshelby:\n  radius_voxels: 0\n") ==
          "params/x.yaml:8: eshelby.radius_voxels: expected a positive number, got 0");
    CHECK(error_of(kMinimal + "eshelby:\n  radius_voxels: 4\n  eigenstrain:\n    xy: 0.01\n"
                              "    xz: 0.01\n") ==
          "params/x.yaml:11: eshelby.eigenstrain.xz: expected 0 in a 2D grid (grid.nz = 1, "
          "plane strain), got 0.01");
    // The same eigenstrain is fine in 3D.
    CHECK(error_of(with_line(3, "  ny: 32\n  nz: 16") +
                   "eshelby:\n  radius_voxels: 4\n  eigenstrain: {xy: 0.01, xz: 0.01}\n") ==
          "(no error)");
}

TEST_CASE("file errors name the file; line numbers come from the file") {
    const auto missing = std::filesystem::temp_directory_path() / "stz_no_such_params.yaml";
    try {
        (void)stz::load_config(missing);
        FAIL("expected stz::Error");
    } catch (const stz::Error& e) {
        CHECK(std::string(e.what()) ==
              missing.string() + ": cannot read parameter file: no such file");
    }
    const TempFile f(with_line(6, "  poisson_ratio: 0.5"));
    try {
        (void)stz::load_config(f.path);
        FAIL("expected stz::Error");
    } catch (const stz::Error& e) {
        CHECK(std::string(e.what()) == f.path.string() +
                                           ":6: material.poisson_ratio: expected a number with "
                                           "-1 < value < 0.5, got 0.5");
    }
    const TempFile empty("");
    CHECK_THROWS_WITH_AS((void)stz::load_config(empty.path),
                         (empty.path.string() + ":1: empty parameter file; expected a mapping "
                                                "with at least the sections grid and material")
                             .c_str(),
                         stz::Error);
}

TEST_CASE("bad --set overrides") {
    CHECK(error_of(kMinimal, {"grid.nx"}) ==
          "params/x.yaml: --set grid.nx: expected key=value, e.g. grid.nx=64 (no '=' found)");
    CHECK(error_of(kMinimal, {"=3"}) ==
          "params/x.yaml: --set =3: empty key; expected key=value, e.g. grid.nx=64");
    CHECK(error_of(kMinimal, {"grid..nx=3"}) ==
          "params/x.yaml: --set grid..nx=3: empty name in key path \"grid..nx\"");
    CHECK(error_of(kMinimal, {"grid.nxx=3"}) ==
          "params/x.yaml: --set grid.nxx=3: grid.nxx: unknown key; expected one of nx, ny, nz, "
          "voxel_size_nm (did you mean nx?)");
    CHECK(error_of(kMinimal, {"solver.steps=3"}) ==
          "params/x.yaml: --set solver.steps=3: solver: unknown key; expected one of grid, "
          "material, loading, catalog, kinetics, softening, processing, output, run, eshelby, "
          "provenance, include");
    CHECK(error_of(kMinimal, {"material.poisson_ratio=0.5"}) ==
          "params/x.yaml: --set material.poisson_ratio=0.5: material.poisson_ratio: expected a "
          "number with -1 < value < 0.5, got 0.5");
    CHECK(error_of(kMinimal, {"grid.nx.a=3"}) ==
          "params/x.yaml: --set grid.nx.a=3: grid.nx is not a section; it holds 64");
    CHECK(error_of(kMinimal, {"grid.nx=[1,"})
              .find("params/x.yaml: --set grid.nx=[1,: value is not valid YAML: ") == 0);
}
