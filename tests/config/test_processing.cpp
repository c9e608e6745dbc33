// The `processing` section (paper 003 §2.4 and §4.1, MODEL.md §7): the processing map,
// the mean barrier and softening cap a cooling rate derives from it, and `provenance`.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "config_test_util.hpp"
#include "stz/config/load_config.hpp"
#include "stz/core/error.hpp"

namespace {

using stz_test::error_of;
using stz_test::kMinimal;
using stz_test::kSource;

// Lines 7-10 after kMinimal's six; a cooling rate appended is on line 11.
const std::string kPaperMap =
    "processing:\n"                                          // 7
    "  barrier_intercept_eV: 2.7666666666666666\n"           // 8
    "  barrier_slope_eV_per_decade: -0.13333333333333333\n"  // 9
    "  saturated_barrier_eV: 1.2\n";                         // 10

const std::filesystem::path kShippedMap =
    std::filesystem::path(STZ_SOURCE_DIR) / "params" / "calibration" / "paper003_map.yaml";

}  // namespace

TEST_CASE("processing: a cooling rate derives the mean barrier and eta_max from the map") {
    const stz::Config c = stz::parse_config(
        kMinimal + kPaperMap + "  cooling_rate_K_per_s: 562341.3251903491\n", kSource);  // 10^5.75
    CHECK(c.derived_from_map);
    CHECK(c.catalog.barrier_mean_eV == doctest::Approx(2.0).epsilon(1e-12));
    CHECK(std::abs(c.catalog.barrier_mean_eV - 2.0) < 1e-12);
    CHECK(std::abs(c.softening.eta_max - std::log(2.0 / 1.2)) < 1e-12);
    // Deterministic: exactly ln(Q / Q_sat) of the derived Q.
    CHECK(c.softening.eta_max == std::log(c.catalog.barrier_mean_eV / 1.2));
    REQUIRE(c.processing.has_value());
    CHECK(c.processing->cooling_rate_K_per_s == 562341.3251903491);
    CHECK(c.processing->saturated_barrier_eV == 1.2);
}

TEST_CASE("processing: the shipped paper 003 map gives the paper's three glasses") {
    REQUIRE(std::filesystem::is_regular_file(kShippedMap));
    struct Glass {
        const char* rate;
        double q;
        double rounded_x;  // the paper's eta_max = -ln X
    };
    for (const Glass& g : {Glass{"17782794.100389227", 1.8, 0.67},     // 10^7.25 K/s
                           Glass{"562341.3251903491", 2.0, 0.6},       // 10^5.75 K/s
                           Glass{"17782.794100389227", 2.2, 0.55}}) {  // 10^4.25 K/s
        CAPTURE(g.rate);
        const stz::Config c =
            stz::parse_config("include: " + kShippedMap.string() + "\n" + kMinimal, kSource,
                              {std::string("processing.cooling_rate_K_per_s=") + g.rate});
        CHECK(c.derived_from_map);
        CHECK(std::abs(c.catalog.barrier_mean_eV - g.q) < 1e-12);
        CHECK(std::abs(c.softening.eta_max - std::log(g.q / 1.2)) < 1e-12);
        CHECK(std::abs(std::exp(-c.softening.eta_max) - g.rounded_x) < 0.005);
        CHECK(c.provenance_yaml.find("paper 003") != std::string::npos);
    }
}

TEST_CASE("processing: the cooling rate decides over catalog and softening values") {
    const stz::Config c =
        stz::parse_config(kMinimal +
                              "catalog: {barrier_mean_eV: 2.5, barrier_std_eV: 0.3}\n"
                              "softening: {eta_max: -ln 0.9, kappa_p: 10}\n" +
                              kPaperMap + "  cooling_rate_K_per_s: 17782.794100389227\n",
                          kSource, {"catalog.barrier_mean_eV=1.5"});
    CHECK(std::abs(c.catalog.barrier_mean_eV - 2.2) < 1e-12);
    CHECK(std::abs(c.softening.eta_max - std::log(2.2 / 1.2)) < 1e-12);
    CHECK(c.catalog.barrier_std_eV == 0.3);
    CHECK(c.softening.kappa_p == 10);
}

TEST_CASE("processing: the map without a cooling rate is kept and changes nothing") {
    const stz::Config c = stz::parse_config(kMinimal + kPaperMap, kSource);
    CHECK_FALSE(c.derived_from_map);
    REQUIRE(c.processing.has_value());
    CHECK_FALSE(c.processing->cooling_rate_K_per_s.has_value());
    CHECK(c.processing->barrier_intercept_eV == 2.7666666666666666);
    CHECK(c.processing->barrier_slope_eV_per_decade == -0.13333333333333333);
    CHECK(c.catalog.barrier_mean_eV == stz::CatalogConfig{}.barrier_mean_eV);
    CHECK(c.softening.eta_max == stz::SofteningConfig{}.eta_max);
    // Even with a uniform spectrum.
    CHECK(error_of(kMinimal + kPaperMap + "catalog: {barrier_distribution: uniform}\n") ==
          "(no error)");
    // No section at all: nothing.
    CHECK_FALSE(stz::parse_config(kMinimal, kSource).processing.has_value());
}

TEST_CASE("processing: --set processing.cooling_rate_K_per_s derives from the file's map") {
    const stz::Config c =
        stz::parse_config(kMinimal + kPaperMap, kSource, {"processing.cooling_rate_K_per_s=1e6"});
    CHECK(c.derived_from_map);
    CHECK(c.catalog.barrier_mean_eV == 2.7666666666666666 + -0.13333333333333333 * 6.0);
    CHECK(c.softening.eta_max == std::log(c.catalog.barrier_mean_eV / 1.2));
}

TEST_CASE("processing: a cooling rate needs the whole map") {
    CHECK(error_of(kMinimal + "processing:\n  cooling_rate_K_per_s: 1e6\n"
                              "  barrier_intercept_eV: 2.8\n  saturated_barrier_eV: 1.2\n") ==
          "params/x.yaml:7: processing.barrier_slope_eV_per_decade: missing required key: "
          "cooling_rate_K_per_s derives catalog.barrier_mean_eV and softening.eta_max from the "
          "processing map, which needs barrier_intercept_eV, barrier_slope_eV_per_decade and "
          "saturated_barrier_eV");
    CHECK(error_of(kMinimal, {"processing.cooling_rate_K_per_s=1e6"}) ==
          "params/x.yaml: --set processing.cooling_rate_K_per_s=1e6: "
          "processing.barrier_intercept_eV: missing required key: cooling_rate_K_per_s derives "
          "catalog.barrier_mean_eV and softening.eta_max from the processing map, which needs "
          "barrier_intercept_eV, barrier_slope_eV_per_decade and saturated_barrier_eV");
}

TEST_CASE("processing: the map must give Q above Q_sat at the cooling rate") {
    // 10^9 K/s: Q = 2.7667 - 9 * 0.1333 = 1.5667 eV; with Q_sat = 1.6 eV that is below.
    CHECK(error_of(kMinimal + kPaperMap + "  cooling_rate_K_per_s: 1e9\n",
                   {"processing.saturated_barrier_eV=1.6"}) ==
          "params/x.yaml:11: processing.cooling_rate_K_per_s: the processing map gives Q = "
          "1.56667 eV <= Q_sat = 1.6 eV (saturated_barrier_eV) at 1e+09 K/s: outside the "
          "map's range (eta_max = ln(Q/Q_sat) must be > 0)");
    // 10^12 K/s: Q = 1.1667 eV < 1.2 eV.
    CHECK(error_of(kMinimal + kPaperMap + "  cooling_rate_K_per_s: 1e12\n") ==
          "params/x.yaml:11: processing.cooling_rate_K_per_s: the processing map gives Q = "
          "1.16667 eV <= Q_sat = 1.2 eV (saturated_barrier_eV) at 1e+12 K/s: outside "
          "the map's range (eta_max = ln(Q/Q_sat) must be > 0)");
    CHECK(error_of(kMinimal + kPaperMap + "  cooling_rate_K_per_s: 1e300\n",
                   {"processing.barrier_slope_eV_per_decade=1e307"}) ==
          "params/x.yaml:11: processing.cooling_rate_K_per_s: the processing map gives no finite "
          "mean barrier at 1e+300 K/s (Q = .inf)");
}

TEST_CASE("processing: a cooling rate needs the gaussian barrier distribution") {
    CHECK(error_of(kMinimal + kPaperMap + "  cooling_rate_K_per_s: 1e6\n" +
                   "catalog: {barrier_distribution: uniform}\n") ==
          "params/x.yaml:11: processing.cooling_rate_K_per_s: sets catalog.barrier_mean_eV, the "
          "mean of the gaussian barrier distribution, but catalog.barrier_distribution is "
          "uniform");
}

TEST_CASE("processing: ranges and unknown keys") {
    CHECK(error_of(kMinimal + "processing:\n  cooling_rate_K_per_s: 0\n") ==
          "params/x.yaml:8: processing.cooling_rate_K_per_s: expected a positive number, got 0");
    CHECK(error_of(kMinimal + "processing:\n  saturated_barrier_eV: -1.2\n") ==
          "params/x.yaml:8: processing.saturated_barrier_eV: expected a positive number, got -1.2");
    CHECK(error_of(kMinimal + "processing:\n  barrier_slope_eV_per_decade: .nan\n") ==
          "params/x.yaml:8: processing.barrier_slope_eV_per_decade: expected a finite number, got "
          ".nan");
    CHECK(error_of(kMinimal + "processing:\n  cooling_rate: 1e6\n") ==
          "params/x.yaml:8: processing.cooling_rate: unknown key; expected one of "
          "cooling_rate_K_per_s, barrier_intercept_eV, barrier_slope_eV_per_decade, "
          "saturated_barrier_eV");
}

TEST_CASE("provenance: any YAML, not validated, kept as text") {
    const stz::Config c = stz::parse_config(kMinimal +
                                                "provenance:\n"
                                                "  tool: stzkmc calibrate\n"
                                                "  inputs: [a.csv, {file: b.csv, sha256: abc}]\n"
                                                "  fit: {r2: 0.98, n: 120}\n",
                                            kSource);
    CHECK(c.provenance_yaml.find("stzkmc calibrate") != std::string::npos);
    CHECK(c.provenance_yaml.find("sha256: abc") != std::string::npos);
    CHECK(stz::parse_config(kMinimal + "provenance: written by hand\n", kSource).provenance_yaml ==
          "written by hand");
    CHECK(stz::parse_config(kMinimal, kSource).provenance_yaml.empty());
}

TEST_CASE("to_yaml writes processing and provenance, and reads back to identical values") {
    const stz::Config c =
        stz::parse_config(kMinimal + kPaperMap + "  cooling_rate_K_per_s: 17782794.100389227\n" +
                              "provenance:\n  tool: stzkmc calibrate\n  inputs: [x.csv, y.csv]\n"
                              "  fit: {slope: -0.13333333333333333, note: \"a: b\"}\n",
                          kSource);
    const std::string text = stz::to_yaml(c);
    CAPTURE(text);
    for (const char* key : {"processing:", "cooling_rate_K_per_s: 17782794.100389227",
                            "barrier_intercept_eV: 2.7666666666666666", "provenance:"}) {
        CHECK(text.find(key) != std::string::npos);
    }
    const stz::Config back = stz::parse_config(text, "resolved.yaml");
    stz_test::check_same(c, back);  // derived barrier_mean_eV and eta_max bit for bit
    CHECK(back.derived_from_map);
    CHECK(stz::to_yaml(back).substr(text.find('\n')) == text.substr(text.find('\n')));

    // A map without a rate, and no provenance: written as given.
    const stz::Config m =
        stz::parse_config(kMinimal + "processing: {saturated_barrier_eV: 1.1}\n", kSource);
    const std::string mt = stz::to_yaml(m);
    CAPTURE(mt);
    CHECK(mt.find("provenance") == std::string::npos);
    CHECK(mt.find("cooling_rate") == std::string::npos);
    stz_test::check_same(m, stz::parse_config(mt, "resolved.yaml"));
}

TEST_CASE("processing from a fragment: the rate in the including file, errors in the fragment") {
    stz_test::TempDir d;
    d.write("calibration/map.yaml",
            "# written by stzkmc calibrate\n"                        // 1
            "catalog: {modes: 17, barrier_std_eV: 0.21}\n"           // 2
            "processing:\n"                                          // 3
            "  barrier_intercept_eV: 2.7666666666666666\n"           // 4
            "  barrier_slope_eV_per_decade: -0.13333333333333333\n"  // 5
            "  saturated_barrier_eV: 0\n"                            // 6
            "provenance: {tool: stzkmc calibrate}\n");
    const auto main = d.write("glass.yaml", "include: calibration/map.yaml\n" + kMinimal +
                                                "processing: {cooling_rate_K_per_s: 1e6}\n");
    try {
        (void)stz::load_config(main);
        FAIL("expected stz::Error");
    } catch (const stz::Error& e) {
        CHECK(std::string(e.what()) == (d.path() / "calibration/map.yaml").string() +
                                           ":6: processing.saturated_barrier_eV: expected a "
                                           "positive number, got 0");
    }
    const stz::Config c = stz::load_config(main, {"processing.saturated_barrier_eV=1.2"});
    CHECK(c.catalog.modes == 17);
    CHECK(c.catalog.barrier_std_eV == 0.21);
    CHECK(c.derived_from_map);
    CHECK(c.catalog.barrier_mean_eV == 2.7666666666666666 + -0.13333333333333333 * 6.0);
    CHECK(c.provenance_yaml == "{tool: stzkmc calibrate}");  // as written, flow style kept
}
