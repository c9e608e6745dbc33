// The kMC sections of a parameter file (catalog, kinetics, softening, output, run) and
// the loading keys of a run: defaults, a full file, the to_yaml round trip, --set, and
// the error messages (file:line: key.path: expected ..., got ...).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
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

/// kMinimal followed by `sections`, whose first line is line 7.
std::string with(const std::string& sections) {
    return kMinimal + sections;
}

stz::Config parse(const std::string& sections, const std::vector<std::string>& overrides = {}) {
    return stz::parse_config(with(sections), kSource, overrides);
}

}  // namespace

// ------------------------------------------------------------------ valid input

TEST_CASE("kMC sections are optional: a minimal file gets the struct defaults") {
    const stz::Config c = parse("");
    stz::Config expected;
    expected.grid = c.grid;
    expected.material = c.material;
    check_same(c, expected);
    // The documented seed values.
    CHECK(c.loading.strain_rate_per_s == 1e-4);
    CHECK(c.catalog.modes == 20);
    CHECK(c.catalog.barrier_distribution == stz::BarrierDistribution::gaussian);
    CHECK_FALSE(c.catalog.stz_volume_nm3.has_value());
    CHECK(c.catalog.stz_volume(0.7) == doctest::Approx(2 * 0.343).epsilon(1e-14));  // V = 2 l0^3
    CHECK(c.kinetics.scheme == stz::KmcScheme::continuous);
    CHECK(c.kinetics.avalanche == stz::AvalancheOrder::lowest_first);
    CHECK(c.kinetics.selection == stz::EventSelection::thinning);
    CHECK(c.softening.eta_max == -std::log(0.6));
    CHECK(c.output.snapshot_plastic_strains == std::vector<double>{0.02});
    CHECK(c.run.seed == 1);
    CHECK(c.run.max_events == 0);

    // Empty sections mean all defaults too.
    check_same(parse("catalog:\nkinetics:\nsoftening:\noutput:\nrun:\n"), c);
}

TEST_CASE("a full file sets every kMC key") {
    const stz::Config c = parse(R"(loading:
  mode: uniaxial_compression
  strain_rate_per_s: 1e2
  strain_step: 2e-6
  final_strain: 0.08
  final_plastic_strain: 0.03
catalog:
  modes: 16
  barrier_distribution: gaussian
  barrier_mean_eV: 2.2
  barrier_std_eV: 0.25
  gamma_star: 0.12
  stz_volume_nm3: 0.4
kinetics:
  temperature_K: 250
  attempt_frequency_per_s: 5e12
  scheme: paper
  avalanche: all_unstable
  selection: direct
softening:
  kappa_p: 10
  kappa_t: 30
  eta_max: -ln 0.8
  relaxation_barrier_eV: 0.4
output:
  snapshot_plastic_strains:
    - 0.01
    - 0.02
    - 5e-2
  curve_interval_strain: 5e-5
  progress_interval_s: 0.5
  extreme_strain_threshold: 0.5
run:
  seed: 18446744073709551615
  max_events: 1e6
)");
    CHECK(c.loading.mode == stz::LoadingMode::uniaxial_compression);
    CHECK(c.loading.strain_rate_per_s == 100.0);
    CHECK(c.loading.strain_step == 2e-6);
    CHECK(c.loading.final_strain == 0.08);
    CHECK(c.loading.final_plastic_strain == 0.03);
    CHECK(c.catalog.modes == 16);
    CHECK(c.catalog.barrier_distribution == stz::BarrierDistribution::gaussian);
    CHECK(c.catalog.barrier_mean_eV == 2.2);
    CHECK(c.catalog.barrier_std_eV == 0.25);
    CHECK(c.catalog.gamma_star == 0.12);
    CHECK(c.catalog.stz_volume_nm3 == 0.4);
    CHECK(c.catalog.stz_volume(0.7) == 0.4);
    CHECK(c.kinetics.temperature_K == 250.0);
    CHECK(c.kinetics.attempt_frequency_per_s == 5e12);
    CHECK(c.kinetics.scheme == stz::KmcScheme::paper);
    CHECK(c.kinetics.avalanche == stz::AvalancheOrder::all_unstable);
    CHECK(c.kinetics.selection == stz::EventSelection::direct);
    CHECK(c.softening.kappa_p == 10.0);
    CHECK(c.softening.kappa_t == 30.0);
    CHECK(c.softening.eta_max == -std::log(0.8));
    CHECK(c.softening.relaxation_barrier_eV == 0.4);
    CHECK(c.output.snapshot_plastic_strains == std::vector<double>{0.01, 0.02, 0.05});
    CHECK(c.output.curve_interval_strain == 5e-5);
    CHECK(c.output.progress_interval_s == 0.5);
    CHECK(c.output.extreme_strain_threshold == 0.5);
    CHECK(c.run.seed == std::numeric_limits<std::uint64_t>::max());
    CHECK(c.run.max_events == 1000000);
}

TEST_CASE("the uniform barrier distribution and the STZ volume factor") {
    const stz::Config c = parse(
        "catalog:\n  barrier_distribution: uniform\n  barrier_min_eV: 1.2\n"
        "  barrier_max_eV: 2.8\n  stz_volume_factor: 0.5\n");
    CHECK(c.catalog.barrier_distribution == stz::BarrierDistribution::uniform);
    CHECK(c.catalog.barrier_min_eV == 1.2);
    CHECK(c.catalog.barrier_max_eV == 2.8);
    CHECK_FALSE(c.catalog.stz_volume_nm3.has_value());
    CHECK(c.catalog.stz_volume(2.0) == 4.0);
    // One bound alone is fine while the other default keeps min < max.
    CHECK(parse("catalog: {barrier_distribution: uniform, barrier_max_eV: 1.6}\n")
              .catalog.barrier_max_eV == 1.6);
}

TEST_CASE("eta_max: a number or -ln X") {
    auto eta = [](const std::string& v) {
        return parse("softening:\n  eta_max: " + v + "\n").softening.eta_max;
    };
    CHECK(eta("-ln 0.6") == -std::log(0.6));
    CHECK(eta("-ln 0.6") == stz::SofteningConfig{}.eta_max);
    CHECK(eta("\"-ln 0.55\"") == -std::log(0.55));  // quoted text is the same text
    CHECK(eta("-ln   6e-1") == -std::log(0.6));
    CHECK(eta("-ln 1") == 0.0);
    CHECK_FALSE(std::signbit(eta("-ln 1")));
    CHECK(eta("0") == 0.0);
    CHECK(eta("0.5108256237659907") == -std::log(0.6));
    CHECK(eta("3") == 3.0);
}

TEST_CASE("snapshot_plastic_strains: a list, empty, or one number") {
    auto snaps = [](const std::string& v) {
        return parse("output:\n  snapshot_plastic_strains: " + v + "\n")
            .output.snapshot_plastic_strains;
    };
    CHECK(snaps("[0.01, 0.02, 0.1]") == std::vector<double>{0.01, 0.02, 0.1});
    CHECK(snaps("[]").empty());
    CHECK(snaps("0.03") == std::vector<double>{0.03});
    CHECK(snaps("[1e-3]") == std::vector<double>{1e-3});
}

TEST_CASE("seed and max_events are read exactly as 64-bit integers") {
    auto run = [](const std::string& text) { return parse("run:\n" + text).run; };
    CHECK(run("  seed: 0\n").seed == 0);
    CHECK(run("  seed: 9007199254740993\n").seed == 9007199254740993ULL);  // 2^53 + 1
    CHECK(run("  seed: 12345678901234567890\n").seed == 12345678901234567890ULL);
    CHECK(run("  seed: +7\n").seed == 7);
    CHECK(run("  seed: 7.0\n").seed == 7);
    CHECK(run("  seed: 1e3\n").seed == 1000);
    CHECK(run("  max_events: 9223372036854775807\n").max_events ==
          std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("enum names convert both ways and appear in files") {
    CHECK(std::string(stz::to_string(stz::BarrierDistribution::gaussian)) == "gaussian");
    CHECK(std::string(stz::to_string(stz::BarrierDistribution::uniform)) == "uniform");
    CHECK(std::string(stz::to_string(stz::KmcScheme::continuous)) == "continuous");
    CHECK(std::string(stz::to_string(stz::KmcScheme::paper)) == "paper");
    CHECK(std::string(stz::to_string(stz::AvalancheOrder::lowest_first)) == "lowest_first");
    CHECK(std::string(stz::to_string(stz::AvalancheOrder::all_unstable)) == "all_unstable");
    CHECK(std::string(stz::to_string(stz::EventSelection::tree)) == "tree");
    CHECK(std::string(stz::to_string(stz::EventSelection::direct)) == "direct");
    for (auto s : {stz::KmcScheme::continuous, stz::KmcScheme::paper}) {
        CHECK(
            parse(std::string("kinetics: {scheme: ") + stz::to_string(s) + "}\n").kinetics.scheme ==
            s);
    }
    CHECK_THROWS_AS((void)stz::to_string(static_cast<stz::KmcScheme>(7)), stz::Error);
}

TEST_CASE("to_yaml writes every kMC key and reads back to an equal Config") {
    stz::Config c = parse("");
    SUBCASE("defaults") {}
    // A gaussian catalog cannot carry barrier_min/max_eV (nor a uniform one the mean and
    // width), so each subcase leaves the other distribution's keys at their defaults.
    SUBCASE("gaussian, every field non-default") {
        c.loading = {stz::LoadingMode::pure_shear, 0.1 + 0.2, 1.0 / 3.0 * 1e-5, 0.123456789, 0.04};
        c.catalog.modes = 10000;
        c.catalog.barrier_mean_eV = 1.8;
        c.catalog.barrier_std_eV = 0.15000000000000002;
        c.catalog.gamma_star = 0.1 / 0.7;
        c.catalog.stz_volume_nm3 = 0.343;
        c.kinetics = {299.99999999999994, 2.5e13, stz::KmcScheme::paper,
                      stz::AvalancheOrder::all_unstable, stz::EventSelection::direct};
        c.softening = {13.5, 0.0, -std::log(0.67), 1e-300};
        c.output.snapshot_plastic_strains = {1e-3, 0.02, 1.0 / 3.0};
        c.output.curve_interval_strain = 5e-6;
        c.output.progress_interval_s = 60;
        c.output.extreme_strain_threshold = 0.75;
        c.run.seed = std::numeric_limits<std::uint64_t>::max();
        c.run.max_events = std::numeric_limits<std::int64_t>::max();
    }
    SUBCASE("uniform with the volume factor, no snapshots") {
        c.catalog.barrier_distribution = stz::BarrierDistribution::uniform;
        c.catalog.barrier_min_eV = 1.0 / 3.0;
        c.catalog.barrier_max_eV = 3.3;
        c.catalog.stz_volume_factor = 0.85;
        c.softening.eta_max = -std::log(0.8);
        c.output.snapshot_plastic_strains = {};
        c.run.seed = 0;
    }
    const std::string text = stz::to_yaml(c);
    CAPTURE(text);
    for (const char* key : {"strain_rate_per_s:",
                            "strain_step:",
                            "final_strain:",
                            "final_plastic_strain:",
                            "modes:",
                            "barrier_distribution:",
                            "gamma_star:",
                            "temperature_K:",
                            "attempt_frequency_per_s:",
                            "scheme:",
                            "avalanche:",
                            "selection:",
                            "kappa_p:",
                            "kappa_t:",
                            "eta_max:",
                            "relaxation_barrier_eV:",
                            "snapshot_plastic_strains: [",
                            "curve_interval_strain:",
                            "progress_interval_s:",
                            "extreme_strain_threshold:",
                            "seed:",
                            "max_events:"}) {
        CAPTURE(key);
        CHECK(text.find(key) != std::string::npos);
    }
    // The volume is written one way only, and only the keys of the chosen distribution.
    CHECK((text.find("stz_volume_nm3:") == std::string::npos) !=
          (text.find("stz_volume_factor:") == std::string::npos));
    const bool gaussian = c.catalog.barrier_distribution == stz::BarrierDistribution::gaussian;
    CHECK((text.find("barrier_std_eV:") != std::string::npos) == gaussian);
    CHECK((text.find("barrier_min_eV:") != std::string::npos) == !gaussian);
    stz::Config back = stz::parse_config(text, "resolved.yaml");
    check_same(c, back);
    back.source = c.source;
    CHECK(stz::to_yaml(back) == text);  // a fixed point
}

TEST_CASE("to_yaml spells eta_max as a number with its -ln form as a comment") {
    const std::string text = stz::to_yaml(parse(""));
    CHECK(text.find("eta_max: 0.5108256237659907  # = -ln 0.6") != std::string::npos);
    CHECK(text.find("snapshot_plastic_strains: [0.02]") != std::string::npos);
    CHECK(text.find("seed: 1\n") != std::string::npos);
}

TEST_CASE("--set works for the kMC keys") {
    const stz::Config c = parse(
        "softening:\n  eta_max: 0.2\n",
        {"run.seed=7", "softening.eta_max=-ln 0.8", "output.snapshot_plastic_strains=[0.01,0.02]",
         "kinetics.scheme=paper", "catalog.barrier_distribution=uniform",
         "catalog.barrier_max_eV=3", "loading.final_strain=0.1", "run.max_events=100"});
    CHECK(c.run.seed == 7);
    CHECK(c.softening.eta_max == -std::log(0.8));
    CHECK(c.output.snapshot_plastic_strains == std::vector<double>{0.01, 0.02});
    CHECK(c.kinetics.scheme == stz::KmcScheme::paper);
    CHECK(c.catalog.barrier_distribution == stz::BarrierDistribution::uniform);
    CHECK(c.catalog.barrier_max_eV == 3.0);
    CHECK(c.loading.final_strain == 0.1);
    CHECK(c.run.max_events == 100);
    // A shell that keeps the quotes passes YAML-quoted text: the same value.
    CHECK(parse("", {"softening.eta_max=\"-ln 0.8\""}).softening.eta_max == -std::log(0.8));
    CHECK(parse("", {"output.snapshot_plastic_strains=0.05"}).output.snapshot_plastic_strains ==
          std::vector<double>{0.05});
    CHECK(
        parse("", {"output.snapshot_plastic_strains=[]"}).output.snapshot_plastic_strains.empty());
}

// ------------------------------------------------------------------ bad input

TEST_CASE("loading: rates, steps and limits") {
    CHECK(error_of(with("loading:\n  strain_rate_per_s: 0\n")) ==
          "params/x.yaml:8: loading.strain_rate_per_s: expected a positive number, got 0");
    CHECK(error_of(with("loading:\n  strain_step: 0.05\n")) ==
          "params/x.yaml:8: loading.strain_step: expected a number with 0 < value < 0.05 "
          "(final_strain, the default), got 0.05");
    CHECK(error_of(with("loading:\n  strain_step: 0.2\n  final_strain: 0.1\n")) ==
          "params/x.yaml:8: loading.strain_step: expected a number with 0 < value < 0.1 "
          "(final_strain), got 0.2");
    CHECK(error_of(with("loading:\n  final_strain: 1e-6\n")) ==
          "params/x.yaml:8: loading.final_strain: expected a number > 1e-05 (strain_step, the "
          "default), got 1e-06");
    CHECK(error_of(with("loading:\n  final_plastic_strain: -0.01\n")) ==
          "params/x.yaml:8: loading.final_plastic_strain: expected a number >= 0, got -0.01");
}

TEST_CASE("catalog: modes, distributions, barriers, volume") {
    CHECK(error_of(with("catalog:\n  modes: 0\n")) ==
          "params/x.yaml:8: catalog.modes: expected an integer with 1 <= value <= 10000, got 0");
    CHECK(error_of(with("catalog:\n  modes: 2.5\n")) ==
          "params/x.yaml:8: catalog.modes: expected an integer with 1 <= value <= 10000, got 2.5");
    CHECK(error_of(with("catalog:\n  modes: 10001\n")) ==
          "params/x.yaml:8: catalog.modes: expected an integer with 1 <= value <= 10000, got "
          "10001");
    CHECK(error_of(with("catalog:\n  barrier_distribution: lognormal\n")) ==
          "params/x.yaml:8: catalog.barrier_distribution: expected one of gaussian, uniform, got "
          "the text \"lognormal\"");
    CHECK(error_of(with("catalog:\n  barrier_distribution: uniform\n  barrier_std_eV: 0.2\n")) ==
          "params/x.yaml:9: catalog.barrier_std_eV: applies to the gaussian distribution only, "
          "but barrier_distribution is uniform, which takes barrier_min_eV and barrier_max_eV");
    CHECK(error_of(with("catalog:\n  barrier_mean_eV: 2\n  barrier_min_eV: 1\n")) ==
          "params/x.yaml:9: catalog.barrier_min_eV: applies to the uniform distribution only, "
          "but barrier_distribution is gaussian (the default), which takes barrier_mean_eV and "
          "barrier_std_eV");
    CHECK(
        error_of(with("catalog:\n  barrier_distribution: uniform\n  barrier_min_eV: 2\n"
                      "  barrier_max_eV: 2\n")) ==
        "params/x.yaml:10: catalog.barrier_max_eV: expected a number > 2 (barrier_min_eV), got 2");
    CHECK(error_of(with("catalog:\n  barrier_distribution: uniform\n  barrier_min_eV: 3\n")) ==
          "params/x.yaml:9: catalog.barrier_min_eV: expected a number with 0 < value < 2.5 "
          "(barrier_max_eV, the default), got 3");
    CHECK(error_of(with("catalog:\n  barrier_std_eV: 0\n")) ==
          "params/x.yaml:8: catalog.barrier_std_eV: expected a positive number, got 0");
    CHECK(error_of(with("catalog:\n  stz_volume_nm3: 0.3\n  stz_volume_factor: 1\n")) ==
          "params/x.yaml:9: catalog.stz_volume_factor: give either stz_volume_nm3 or "
          "stz_volume_factor, not both (which one wins would be ambiguous)");
    CHECK(error_of(with("catalog:\n  stz_volume_nm3: -0.3\n")) ==
          "params/x.yaml:8: catalog.stz_volume_nm3: expected a positive number, got -0.3");
    CHECK(error_of(with("catalog:\n  gamma_star: .nan\n")) ==
          "params/x.yaml:8: catalog.gamma_star: expected a positive number, got .nan");
}

TEST_CASE("kinetics: temperature, names, unknown keys") {
    CHECK(error_of(with("kinetics:\n  temperature_K: -3\n")) ==
          "params/x.yaml:8: kinetics.temperature_K: expected a positive number, got -3");
    CHECK(error_of(with("kinetics:\n  scheme: exact\n")) ==
          "params/x.yaml:8: kinetics.scheme: expected one of continuous, paper, got the text "
          "\"exact\"");
    CHECK(error_of(with("kinetics:\n  avalanche: [lowest_first]\n")) ==
          "params/x.yaml:8: kinetics.avalanche: expected one of lowest_first, all_unstable, got "
          "a list");
    CHECK(error_of(with("kinetics:\n  selection: Tree\n")) ==
          "params/x.yaml:8: kinetics.selection: expected one of tree, direct, thinning, got the text "
          "\"Tree\"");
    CHECK(error_of(with("kinetics:\n  temperature: 300\n")) ==
          "params/x.yaml:8: kinetics.temperature: unknown key; expected one of temperature_K, "
          "attempt_frequency_per_s, scheme, avalanche, selection (did you mean temperature_K?)");
}

TEST_CASE("softening: eta_max forms and coefficient ranges") {
    const std::string expected =
        "expected a number >= 0 or the text \"-ln X\" with 0 < X <= 1 (e.g. -ln 0.6), got ";
    CHECK(error_of(with("softening:\n  eta_max: ln 0.6\n")) ==
          "params/x.yaml:8: softening.eta_max: " + expected + "the text \"ln 0.6\"");
    CHECK(error_of(with("softening:\n  eta_max: -ln 1.5\n")) ==
          "params/x.yaml:8: softening.eta_max: " + expected + "the text \"-ln 1.5\"");
    CHECK(error_of(with("softening:\n  eta_max: -ln 0\n")) ==
          "params/x.yaml:8: softening.eta_max: " + expected + "the text \"-ln 0\"");
    CHECK(error_of(with("softening:\n  eta_max: -ln0.6\n")) ==
          "params/x.yaml:8: softening.eta_max: " + expected + "the text \"-ln0.6\"");
    CHECK(error_of(with("softening:\n  eta_max: -0.5\n")) ==
          "params/x.yaml:8: softening.eta_max: " + expected + "-0.5");
    CHECK(error_of(with("softening:\n  eta_max: {ln: 0.6}\n")) ==
          "params/x.yaml:8: softening.eta_max: " + expected + "a mapping");
    CHECK(error_of(kMinimal, {"softening.eta_max=-ln 2"}) ==
          "params/x.yaml: --set softening.eta_max=-ln 2: softening.eta_max: " + expected +
              "the text \"-ln 2\"");
    CHECK(error_of(with("softening:\n  kappa_p: -1\n")) ==
          "params/x.yaml:8: softening.kappa_p: expected a number >= 0, got -1");
    CHECK(error_of(with("softening:\n  relaxation_barrier_eV: 0\n")) ==
          "params/x.yaml:8: softening.relaxation_barrier_eV: expected a positive number, got 0");
}

TEST_CASE("output: the snapshot list is checked element by element") {
    CHECK(error_of(with("output:\n  snapshot_plastic_strains: [0.02, 0.01]\n")) ==
          "params/x.yaml:8: output.snapshot_plastic_strains[1]: expected a number > 0.02 (the "
          "list must increase strictly), got 0.01");
    CHECK(error_of(with("output:\n  snapshot_plastic_strains:\n    - 0.01\n    - 0.01\n")) ==
          "params/x.yaml:10: output.snapshot_plastic_strains[1]: expected a number > 0.01 (the "
          "list must increase strictly), got 0.01");
    CHECK(error_of(with("output:\n  snapshot_plastic_strains:\n    - 0.01\n    - two percent\n")) ==
          "params/x.yaml:10: output.snapshot_plastic_strains[1]: expected a positive number, got "
          "the text \"two percent\"");
    CHECK(error_of(with("output:\n  snapshot_plastic_strains: [0, 0.01]\n")) ==
          "params/x.yaml:8: output.snapshot_plastic_strains[0]: expected a positive number, got 0");
    CHECK(error_of(with("output:\n  snapshot_plastic_strains: -0.02\n")) ==
          "params/x.yaml:8: output.snapshot_plastic_strains: expected a positive number, got "
          "-0.02");
    CHECK(error_of(with("output:\n  snapshot_plastic_strains: {at: 0.02}\n")) ==
          "params/x.yaml:8: output.snapshot_plastic_strains: expected a list of numbers (each a "
          "positive number, in increasing order) or one number, got a mapping");
    CHECK(error_of(with("output:\n  snapshot_plastic_strains:\n")) ==
          "params/x.yaml:8: output.snapshot_plastic_strains: expected a list of numbers (each a "
          "positive number, in increasing order) or one number, got an empty value");
    CHECK(error_of(with("output:\n  snapshot_plastic_strains: [[0.01]]\n")) ==
          "params/x.yaml:8: output.snapshot_plastic_strains[0]: expected a positive number, got "
          "a list");
    // A list from --set is blamed on the --set, also when the section is in the file.
    CHECK(error_of(with("output:\n  progress_interval_s: 1\n"),
                   {"output.snapshot_plastic_strains=[0.02,0.01]"}) ==
          "params/x.yaml: --set output.snapshot_plastic_strains=[0.02,0.01]: "
          "output.snapshot_plastic_strains[1]: expected a number > 0.02 (the list must increase "
          "strictly), got 0.01");
    CHECK(error_of(with("output:\n  curve_interval_strain: 0\n")) ==
          "params/x.yaml:8: output.curve_interval_strain: expected a positive number, got 0");
}

TEST_CASE("run: seed and max_events") {
    const std::string seed_range = "expected an integer with 0 <= value <= 18446744073709551615";
    CHECK(error_of(with("run:\n  seed: -1\n")) ==
          "params/x.yaml:8: run.seed: " + seed_range + ", got -1");
    CHECK(error_of(with("run:\n  seed: 1.5\n")) ==
          "params/x.yaml:8: run.seed: " + seed_range + ", got 1.5");
    CHECK(error_of(with("run:\n  seed: 18446744073709551616\n")) ==
          "params/x.yaml:8: run.seed: " + seed_range + ", got 18446744073709551616");
    CHECK(error_of(with("run:\n  seed: \"7\"\n")) ==
          "params/x.yaml:8: run.seed: " + seed_range + ", got the text \"7\"");
    CHECK(error_of(with("run:\n  seed: 1e19\n")) ==
          "params/x.yaml:8: run.seed: " + seed_range + " written out in digits, got 1e19");
    CHECK(error_of(with("run:\n  max_events: -5\n")) ==
          "params/x.yaml:8: run.max_events: expected an integer with 0 <= value <= "
          "9223372036854775807, got -5");
    CHECK(error_of(with("run:\n  max_events: 9223372036854775808\n")) ==
          "params/x.yaml:8: run.max_events: expected an integer with 0 <= value <= "
          "9223372036854775807, got 9223372036854775808");
    CHECK(error_of(kMinimal, {"run.seed=-1"}) ==
          "params/x.yaml: --set run.seed=-1: run.seed: " + seed_range + ", got -1");
    CHECK(error_of(with("run:\n  seeds: 3\n")) ==
          "params/x.yaml:8: run.seeds: unknown key; expected one of seed, max_events (did you "
          "mean seed?)");
}
