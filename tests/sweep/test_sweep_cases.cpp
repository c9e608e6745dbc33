// Enumerating a sweep's cases and resolving them into validated parameters.
#include <doctest/doctest.h>

#include "stz/config/load_config.hpp"
#include "stz/kmc/run_job.hpp"
#include "stz/sweep/sweep_cases.hpp"
#include "sweep_test_util.hpp"

using namespace stz;
using stz_test::SweepDir;

namespace {
const char* const kTwoAxes =
    "base: base.yaml\n"
    "set: {grid.nx: 8, grid.ny: 8}\n"
    "axes:\n"
    "  - key: catalog.barrier_mean_eV\n"
    "    values: [1.8, 2.0, 2.2]\n"
    "  - keys: [softening.eta_max, kinetics.temperature_K]\n"
    "    values: [[-ln 0.8, 250], [-ln 0.6, 300]]\n"
    "replicas: 2\n"
    "first_seed: 4\n";
}

TEST_CASE("sweep cases: the product of the axes times the seeds, first axis slowest") {
    SweepDir d;
    const SweepSpec s = parse_sweep_spec(kTwoAxes, d.file());
    const SweepPlan p = plan_sweep(s);
    REQUIRE(p.groups.size() == 6);
    REQUIRE(p.cases.size() == 12);
    CHECK(p.groups[0].point == std::vector<std::size_t>{0, 0});
    CHECK(p.groups[1].point == std::vector<std::size_t>{0, 1});
    CHECK(p.groups[2].point == std::vector<std::size_t>{1, 0});
    CHECK(p.groups[5].point == std::vector<std::size_t>{2, 1});
    CHECK(p.groups[3].name == "g03_2.0_-ln_0.6_300");
    CHECK(p.groups[3].overrides ==
          std::vector<std::string>{"grid.nx=8", "grid.ny=8", "catalog.barrier_mean_eV=2.0",
                                   "softening.eta_max=-ln 0.6", "kinetics.temperature_K=300"});
    for (std::size_t i = 0; i < p.cases.size(); ++i) {
        CHECK(p.cases[i].index == i);
        CHECK(p.cases[i].group == i / 2);
        CHECK(p.cases[i].seed == 4 + i % 2);
    }
    CHECK(p.cases[7].dir == std::filesystem::path("cases/g03_2.0_-ln_0.6_300/seed_5"));
}

TEST_CASE("sweep cases: no axes is one group named base") {
    SweepDir d;
    const SweepPlan p = plan_sweep(parse_sweep_spec("base: base.yaml\nreplicas: 3\n", d.file()));
    REQUIRE(p.groups.size() == 1);
    CHECK(p.groups[0].name == "base");
    CHECK(p.cases.size() == 3);
}

TEST_CASE("sweep cases: folder names keep only safe characters") {
    CHECK(sanitize_label("1.778e7") == "1.778e7");
    CHECK(sanitize_label("-ln 0.6") == "-ln_0.6");
    CHECK(sanitize_label("10^7.25 K/s") == "10_7.25_K_s");
    CHECK(sanitize_label("a//b ") == "a_b");
    CHECK(sanitize_label("///") == "_");
}

TEST_CASE("sweep cases: a resolved case equals the base file with the same --set") {
    SweepDir d;
    const SweepSpec s = parse_sweep_spec(kTwoAxes, d.file());
    const SweepPlan p = plan_sweep(s);
    const Config c = resolve_case(s, p, p.cases[7]);
    std::vector<std::string> ov = p.groups[3].overrides;
    ov.push_back("run.seed=5");
    const Config ref = load_config(d.path() / "base.yaml", ov);
    CHECK(c.grid.nx == 8);
    CHECK(c.catalog.barrier_mean_eV == 2.0);
    CHECK(c.softening.eta_max == doctest::Approx(-std::log(0.6)).epsilon(1e-15));
    CHECK(c.kinetics.temperature_K == 300);
    CHECK(c.run.seed == 5);
    // The parameters written to the run folder do not depend on where the sweep file was
    // read from: only the source line differs from a plain run's.
    Config same = ref;
    same.source = c.source;
    CHECK(params_file_text(c) == params_file_text(same));
    CHECK(c.source == "sweep s.yaml, case g03_2.0_-ln_0.6_300, seed 5, base base.yaml");
}

TEST_CASE("sweep cases: a bad value or a missing snapshot fails naming the case") {
    SweepDir d;
    auto error_of = [&](const std::string& text) -> std::string {
        const SweepSpec s = parse_sweep_spec(text, d.file());
        const SweepPlan p = plan_sweep(s);
        try {
            for (const auto& c : p.cases) (void)resolve_case(s, p, c);
        } catch (const Error& e) {
            return e.what();
        }
        return "(no error)";
    };
    const std::string f = d.file().string();
    const std::string bad = error_of("base: base.yaml\naxes:\n  - key: material.poisson_ratio\n    values: [0.3, 0.7]\n");
    CHECK(bad.find(f + ": case g01_0.7 seed 1: ") == 0);
    CHECK(bad.find("material.poisson_ratio") != std::string::npos);
    CHECK(error_of("base: base.yaml\nmetrics_at_plastic_strain: 0.03\n")
              .find("metrics_at_plastic_strain 0.030000 is not among output.snapshot_plastic_strains") !=
          std::string::npos);
    CHECK(error_of("base: base.yaml\nset: {loading.final_plastic_strain: 0.01}\n")
              .find("stops the run before metrics_at_plastic_strain") != std::string::npos);
    CHECK(error_of("base: base.yaml\nset: {no.such: 1}\n").find("case base seed 1") != std::string::npos);
}
