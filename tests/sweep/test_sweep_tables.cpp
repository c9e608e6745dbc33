// The per-run and per-group tables of a sweep.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>

#include "stz/io/atomic_file.hpp"
#include "stz/io/npy.hpp"
#include "stz/sweep/sweep_tables.hpp"
#include "sweep_test_util.hpp"

using namespace stz;
using stz_test::SweepDir;

namespace {
std::string read_all(const std::filesystem::path& p) {
    std::ifstream in(p);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

TEST_CASE("sweep tables: mean and standard error by hand") {
    const MeanSe a = mean_se({1.0, 2.0, 3.0, 6.0});
    CHECK(a.n == 4);
    CHECK(a.mean == doctest::Approx(3.0).epsilon(1e-15));
    // sample variance (4 + 1 + 0 + 9) / 3 = 14/3; se = sqrt(14/3 / 4)
    CHECK(a.se == doctest::Approx(std::sqrt(14.0 / 12.0)).epsilon(1e-15));
    const MeanSe b = mean_se({2.0, kNaN, 4.0});  // NaN left out
    CHECK(b.n == 2);
    CHECK(b.mean == 3.0);
    CHECK(b.se == doctest::Approx(1.0).epsilon(1e-15));
    CHECK(std::isnan(mean_se({5.0}).se));
    CHECK(std::isnan(mean_se({}).mean));
}

TEST_CASE("sweep tables: CSV fields with commas or quotes are quoted") {
    CHECK(csv_field("1.8") == "1.8");
    CHECK(csv_field("1.8, -ln 0.6") == "\"1.8, -ln 0.6\"");
    CHECK(csv_field("a\"b") == "\"a\"\"b\"");
}

TEST_CASE("sweep tables: run metrics from summary.yaml and the snapshot") {
    SweepDir d;
    const auto run = d.path() / "run";
    std::filesystem::create_directories(run / "snapshots" / "ep_0.0200");
    write_file_atomic(run / "summary.yaml",
                      "yield_stress_GPa: 1.5  # 0.2 % offset\nyield_strain: 0.02\npeak_stress_GPa: 1.6\n"
                      "peak_strain: 0.025\nflow_stress_GPa: .nan\nstress_drop_GPa: 0.4\n");
    write_file_atomic(run / "snapshots/ep_0.0200/metrics.yaml",
                      "plastic_strain: 0.0201\nextreme_sites: 7\nlocalization_index: 0.1\npsi: 2\n"
                      "skewness: 3\ns_max_over_s_all: 0.5\naebs_shift: 0.03\n");
    std::vector<double> vm(200);
    for (std::size_t i = 0; i < vm.size(); ++i) vm[i] = double(i);  // p99, nearest rank: the 198th of 200 = 197
    write_npy(run / "snapshots/ep_0.0200/vm_strain.npy", {10, 20}, vm);
    const auto m = read_run_metrics(run, 0.02);
    REQUIRE(m.size() == sweep_metric_names().size());
    CHECK(m[0] == 1.5);
    CHECK(std::isnan(m[4]));
    CHECK(m[7] == 7);
    CHECK(m[12] == 0.03);
    CHECK(m[13] == 197);
    // A run that never reached the snapshot: curve metrics only.
    const auto early = read_run_metrics(run, 0.05);
    CHECK(early[0] == 1.5);
    CHECK(std::isnan(early[7]));
    CHECK_THROWS_AS((void)read_run_metrics(d.path() / "none", 0.02), Error);
}

TEST_CASE("sweep tables: rows per run, mean and error per group, unfinished runs left out") {
    SweepDir d;
    const SweepSpec s = parse_sweep_spec(
        "base: base.yaml\naxes:\n  - keys: [catalog.barrier_mean_eV, softening.eta_max]\n"
        "    values: [[1.8, -ln 0.67], [2.2, -ln 0.55]]\nreplicas: 2\n",
        d.file());
    const SweepPlan p = plan_sweep(s);
    const std::size_t nm = sweep_metric_names().size();
    std::vector<std::optional<std::vector<double>>> metrics(4);
    metrics[0] = std::vector<double>(nm, 1.0);
    metrics[1] = std::vector<double>(nm, 3.0);
    metrics[2] = std::vector<double>(nm, 5.0);  // case 3 unfinished
    write_sweep_tables(s, p, metrics, d.path());
    const std::string agg = read_all(d.path() / "aggregate.csv");
    const std::string header = agg.substr(0, agg.find('\n'));
    CHECK(header.find("group,group_name,barrier_mean_eV+eta_max,runs,yield_stress_GPa_mean,yield_stress_GPa_se") == 0);
    CHECK(agg.find("\n0,g00_1.8_-ln_0.67,\"1.8, -ln 0.67\",2,2,1,") != std::string::npos);
    CHECK(agg.find("\n1,g01_2.2_-ln_0.55,\"2.2, -ln 0.55\",1,5,nan,") != std::string::npos);
    const std::string cases = read_all(d.path() / "cases.csv");
    CHECK(std::count(cases.begin(), cases.end(), '\n') == 4);  // header + 3 finished runs
    CHECK(cases.find("\n2,1,g01_2.2_-ln_0.55,1,\"2.2, -ln 0.55\",5,") != std::string::npos);
}
