// Sweep files: every shape of the format, and one clear error per kind of mistake.
#include <doctest/doctest.h>

#include "sweep_test_util.hpp"

using stz::parse_sweep_spec;
using stz_test::sweep_error;
using stz_test::SweepDir;

TEST_CASE("sweep spec: a product axis, a zipped axis, labels, replicas") {
    SweepDir d;
    const auto s = parse_sweep_spec(
        "name: study\n"
        "description: a test\n"
        "base: base.yaml\n"
        "set:\n"
        "  grid.nx: 32\n"
        "  output.snapshot_plastic_strains: [0.01, 0.02]\n"
        "axes:\n"
        "  - key: catalog.barrier_mean_eV\n"
        "    values: [1.8, 2.2]\n"
        "  - name: cooling\n"
        "    keys: [catalog.barrier_mean_eV2, softening.eta_max]\n"
        "    values: [[1.8, -ln 0.67], [2.0, -ln 0.6]]\n"
        "    labels: [fast, slow]\n"
        "replicas: 3\n"
        "first_seed: 7\n",
        d.file());
    CHECK(s.name == "study");
    CHECK(s.description == "a test");
    CHECK(s.base == d.path() / "base.yaml");
    REQUIRE(s.set.size() == 2);
    CHECK(s.set[0] == std::pair<std::string, std::string>{"grid.nx", "32"});
    CHECK(s.set[1].second == "[0.01, 0.02]");  // a list travels in flow style
    REQUIRE(s.axes.size() == 2);
    CHECK(s.axes[0].name == "barrier_mean_eV");  // default: the key's last name
    CHECK(s.axes[0].labels == std::vector<std::string>{"1.8", "2.2"});
    CHECK(s.axes[1].name == "cooling");
    CHECK(s.axes[1].values[0] == std::vector<std::string>{"1.8", "-ln 0.67"});
    CHECK(s.axes[1].labels == std::vector<std::string>{"fast", "slow"});
    CHECK(s.seeds == std::vector<std::uint64_t>{7, 8, 9});
    CHECK(s.metrics_at_plastic_strain == 0.02);
}

TEST_CASE("sweep spec: defaults and an explicit seed list") {
    SweepDir d;
    const auto s = parse_sweep_spec("base: base.yaml\nseeds: [5, 3, 18446744073709551615]\n", d.file());
    CHECK(s.name == "s");  // the file's stem
    CHECK(s.axes.empty());
    CHECK(s.seeds == std::vector<std::uint64_t>{5, 3, 18446744073709551615ull});
    const auto one = parse_sweep_spec("base: base.yaml\n", d.file());
    CHECK(one.seeds == std::vector<std::uint64_t>{1});
}

TEST_CASE("sweep spec: errors name the file, the line and the key") {
    SweepDir d;
    const std::string f = d.file().string();
    auto err = [&](const std::string& text) { return sweep_error(d, text); };
    CHECK(err("axes: []\n") == f + ":1: base: missing required path of the base parameter file");
    CHECK(err("base: nothere.yaml\n").find("no parameter file at") != std::string::npos);
    CHECK(err("base: base.yaml\nreplicaz: 3\n").find(f + ":2: replicaz: unknown key") == 0);
    CHECK(err("base: base.yaml\nreplicas: 0\n").find(f + ":2: replicas: expected an integer") == 0);
    CHECK(err("base: base.yaml\nseeds: [1, 1]\n").find("seeds: the seeds must all differ") != std::string::npos);
    CHECK(err("base: base.yaml\nseeds: [1, -2]\n").find("seeds: expected a non-empty list of seeds") != std::string::npos);
    CHECK(err("base: base.yaml\nseeds: [1]\nreplicas: 2\n").find("not both") != std::string::npos);
    CHECK(err("base: base.yaml\naxes:\n  - values: [1]\n").find(f + ":3: axes[0]: expected key:") == 0);
    CHECK(err("base: base.yaml\naxes:\n  - key: grid.nx\n").find("axes[0].values: missing required") != std::string::npos);
    CHECK(err("base: base.yaml\naxes:\n  - key: grid.nx\n    values: []\n").find("axes[0].values: expected a non-empty list") != std::string::npos);
    CHECK(err("base: base.yaml\naxes:\n  - keys: [a.b, c.d]\n    values: [[1, 2], [3]]\n")
              .find(f + ":4: axes[0].values[1]: expected a list of 2 values") == 0);
    CHECK(err("base: base.yaml\naxes:\n  - key: grid.nx\n    values: [16, 32]\n    labels: [a]\n")
              .find("axes[0].labels: expected one label per value (2), got 1") != std::string::npos);
    CHECK(err("base: base.yaml\naxes:\n  - key: grid.nx\n    values: [16, 16]\n")
              .find("the points of an axis must differ") != std::string::npos);
    CHECK(err("base: base.yaml\naxes:\n  - key: grid.nx\n    values: [16]\n  - key: grid.nx\n    values: [8]\n")
              .find("two axes are named nx") != std::string::npos);
    CHECK(err("base: base.yaml\naxes:\n  - key: grid.nx\n    values: [16]\n  - {name: b, key: grid.nx, values: [8]}\n")
              .find("key grid.nx is varied by two axes") != std::string::npos);
    CHECK(err("base: base.yaml\nset: {grid.nx: 8}\naxes:\n  - key: grid.nx\n    values: [16]\n")
              .find("grid.nx is both set for every case and varied by an axis") != std::string::npos);
    CHECK(err("base: base.yaml\nset: {run.seed: 3}\n").find("run.seed is chosen by the sweep") != std::string::npos);
    CHECK(err("base: base.yaml\nset: {\"grid..nx\": 3}\n").find("expected a dotted parameter key") != std::string::npos);
    CHECK(err("base: base.yaml\naxes:\n  - key: a b\n    values: [1]\n").find("expected a dotted parameter key") != std::string::npos);
    CHECK(err("base: base.yaml\nmetrics_at_plastic_strain: 0\n").find("metrics_at_plastic_strain: expected") != std::string::npos);
    CHECK(err("[1, 2]\n").find(f + ":1: expected a mapping") == 0);
    CHECK(err("base: [base.yaml\n").find("YAML syntax error") != std::string::npos);
}

TEST_CASE("sweep spec: load_sweep_spec reads the file and reports a missing one") {
    SweepDir d;
    std::ofstream(d.file()) << "base: base.yaml\nreplicas: 2\n";
    CHECK(stz::load_sweep_spec(d.file()).seeds.size() == 2);
    CHECK_THROWS_WITH_AS((void)stz::load_sweep_spec(d.path() / "none.yaml"),
                         ((d.path() / "none.yaml").string() + ": cannot read sweep file: no such file").c_str(),
                         stz::Error);
}
