// A sweep over the cooling rate: the base parameter file includes a processing-map
// fragment, and each case's mean barrier and softening cap come from its cooling rate.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "stz/config/load_config.hpp"
#include "stz/sweep/sweep_cases.hpp"
#include "sweep_test_util.hpp"

using namespace stz;
using stz_test::SweepDir;

TEST_CASE("sweep over processing.cooling_rate_K_per_s: each case derives Q and eta_max") {
    SweepDir d;
    // The shipped map of paper 003, next to a base that includes it.
    std::filesystem::create_directories(d.path() / "calibration");
    std::filesystem::copy_file(
        std::filesystem::path(STZ_SOURCE_DIR) / "params" / "calibration" / "paper003_map.yaml",
        d.path() / "calibration" / "paper003_map.yaml");
    std::ofstream(d.path() / "glass.yaml")
        << "include: [base.yaml, calibration/paper003_map.yaml]\n"
           "catalog: {barrier_mean_eV: 2.5}  # the rate decides\n";
    const SweepSpec s = parse_sweep_spec(
        "base: glass.yaml\n"
        "axes:\n"
        "  - key: processing.cooling_rate_K_per_s\n"
        "    values: [17782794.100389227, 562341.3251903491, 17782.794100389227]\n"
        "    labels: [1e7.25, 1e5.75, 1e4.25]\n",
        d.file());
    const SweepPlan p = plan_sweep(s);
    REQUIRE(p.cases.size() == 3);
    const double expected_q[] = {1.8, 2.0, 2.2};
    for (std::size_t i = 0; i < 3; ++i) {
        CAPTURE(i);
        const Config c = resolve_case(s, p, p.cases[i]);
        CHECK(c.derived_from_map);
        REQUIRE(c.processing.has_value());
        CHECK(c.grid.nx == 16);  // from base.yaml, through the include
        CHECK(std::abs(c.catalog.barrier_mean_eV - expected_q[i]) < 1e-12);
        CHECK(std::abs(c.softening.eta_max - std::log(expected_q[i] / 1.2)) < 1e-12);
        // Exactly what --set on the base file gives.
        const Config ref = load_config(d.path() / "glass.yaml", p.groups[i].overrides);
        CHECK(c.catalog.barrier_mean_eV == ref.catalog.barrier_mean_eV);
        CHECK(c.softening.eta_max == ref.softening.eta_max);
    }
    CHECK(p.groups[1].name == "g01_1e5.75");
}
