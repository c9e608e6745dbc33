#pragma once
// Shared by the tests of the parameter loader: a minimal valid file, the error message
// of a text, and a field-by-field comparison of two Configs.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "stz/config/load_config.hpp"
#include "stz/core/error.hpp"
#include "tests/io/scratch_dir.hpp"

namespace stz_test {

inline const char* const kSource = "params/x.yaml";

// Line numbers in the error tests count from the first line of this text; sections
// appended to it start on line 7.
inline const std::string kMinimal =
    "grid:\n"                       // 1
    "  nx: 64\n"                    // 2
    "  ny: 32\n"                    // 3
    "material:\n"                   // 4
    "  young_modulus_GPa: 69.46\n"  // 5
    "  poisson_ratio: 0.365\n";     // 6

/// The message parse_config throws for `text`, or "(no error)".
inline std::string error_of(const std::string& text,
                            const std::vector<std::string>& overrides = {}) {
    try {
        (void)stz::parse_config(text, kSource, overrides);
    } catch (const stz::Error& e) {
        return e.what();
    }
    return "(no error)";
}

/// Every field of `a` equals that of `b`, doubles bit for bit (the round trip is exact);
/// Config::source is not compared (it names where each came from).
inline void check_same(const stz::Config& a, const stz::Config& b) {
    CHECK(a.grid.nx == b.grid.nx);
    CHECK(a.grid.ny == b.grid.ny);
    CHECK(a.grid.nz == b.grid.nz);
    CHECK(a.grid.voxel_size_nm == b.grid.voxel_size_nm);
    CHECK(a.material.young_modulus_GPa == b.material.young_modulus_GPa);
    CHECK(a.material.poisson_ratio == b.material.poisson_ratio);

    CHECK(a.loading.mode == b.loading.mode);
    CHECK(a.loading.strain_rate_per_s == b.loading.strain_rate_per_s);
    CHECK(a.loading.strain_step == b.loading.strain_step);
    CHECK(a.loading.final_strain == b.loading.final_strain);
    CHECK(a.loading.final_plastic_strain == b.loading.final_plastic_strain);

    CHECK(a.catalog.modes == b.catalog.modes);
    CHECK(a.catalog.barrier_distribution == b.catalog.barrier_distribution);
    CHECK(a.catalog.barrier_mean_eV == b.catalog.barrier_mean_eV);
    CHECK(a.catalog.barrier_std_eV == b.catalog.barrier_std_eV);
    CHECK(a.catalog.barrier_min_eV == b.catalog.barrier_min_eV);
    CHECK(a.catalog.barrier_max_eV == b.catalog.barrier_max_eV);
    CHECK(a.catalog.gamma_star == b.catalog.gamma_star);
    CHECK(a.catalog.stz_volume_nm3 == b.catalog.stz_volume_nm3);
    CHECK(a.catalog.stz_volume_factor == b.catalog.stz_volume_factor);

    CHECK(a.kinetics.temperature_K == b.kinetics.temperature_K);
    CHECK(a.kinetics.attempt_frequency_per_s == b.kinetics.attempt_frequency_per_s);
    CHECK(a.kinetics.scheme == b.kinetics.scheme);
    CHECK(a.kinetics.avalanche == b.kinetics.avalanche);
    CHECK(a.kinetics.selection == b.kinetics.selection);

    CHECK(a.softening.kappa_p == b.softening.kappa_p);
    CHECK(a.softening.kappa_t == b.softening.kappa_t);
    CHECK(a.softening.eta_max == b.softening.eta_max);
    CHECK(a.softening.relaxation_barrier_eV == b.softening.relaxation_barrier_eV);

    CHECK(a.output.snapshot_plastic_strains == b.output.snapshot_plastic_strains);
    CHECK(a.output.curve_interval_strain == b.output.curve_interval_strain);
    CHECK(a.output.progress_interval_s == b.output.progress_interval_s);
    CHECK(a.output.extreme_strain_threshold == b.output.extreme_strain_threshold);

    CHECK(a.run.seed == b.run.seed);
    CHECK(a.run.max_events == b.run.max_events);

    REQUIRE(a.eshelby.has_value() == b.eshelby.has_value());
    if (a.eshelby) {
        CHECK(a.eshelby->radius_voxels == b.eshelby->radius_voxels);
        CHECK(a.eshelby->eigenstrain == b.eshelby->eigenstrain);
        CHECK(a.eshelby->applied_strain == b.eshelby->applied_strain);
    }

    REQUIRE(a.processing.has_value() == b.processing.has_value());
    if (a.processing) {
        CHECK(a.processing->cooling_rate_K_per_s == b.processing->cooling_rate_K_per_s);
        CHECK(a.processing->barrier_intercept_eV == b.processing->barrier_intercept_eV);
        CHECK(a.processing->barrier_slope_eV_per_decade ==
              b.processing->barrier_slope_eV_per_decade);
        CHECK(a.processing->saturated_barrier_eV == b.processing->saturated_barrier_eV);
    }
    CHECK(a.derived_from_map == b.derived_from_map);
    CHECK(a.provenance_yaml == b.provenance_yaml);
}

/// A fresh folder in the temp directory, removed with everything in it at scope exit.
using TempDir = stz::test::ScratchDir;

/// Runs in `dir` until destroyed, then goes back (parse_config reads relative includes
/// from the current directory). The tests run one at a time, so this is safe.
class InDirectory {
  public:
    explicit InDirectory(const std::filesystem::path& dir)
        : previous_(std::filesystem::current_path()) {
        std::filesystem::current_path(dir);
    }
    ~InDirectory() {
        std::error_code ec;
        std::filesystem::current_path(previous_, ec);
    }
    InDirectory(const InDirectory&) = delete;
    InDirectory& operator=(const InDirectory&) = delete;

  private:
    std::filesystem::path previous_;
};

}  // namespace stz_test
