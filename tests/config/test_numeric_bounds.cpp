// Bounds of the loader that keep the kMC numbers finite (docs/reliability.md, "Numerical
// guards"): temperature, attempt frequency and voxel size outside them are refused at load
// with the key, the line and the reason; the values at the bounds load.
#include <doctest/doctest.h>

#include <string>

#include "config_test_util.hpp"

using stz_test::error_of;
using stz_test::kMinimal;

TEST_CASE("temperatures whose rates under- or overflow are refused, naming the key") {
    CHECK(error_of(kMinimal + "kinetics:\n  temperature_K: 1e-9\n") ==
          "params/x.yaml:8: kinetics.temperature_K: expected a temperature in 0.001..100000 K, got 1e-09 "
          "(outside that range the rates k = nu0 exp(-Q / k_B T) underflow or overflow)");
    CHECK(error_of(kMinimal + "kinetics:\n  temperature_K: 1e6\n").find(
              "params/x.yaml:8: kinetics.temperature_K: expected a temperature in 0.001..100000 K, got 1e+06") == 0);
    // The old messages for non-positive values stay.
    CHECK(error_of(kMinimal + "kinetics:\n  temperature_K: -3\n") ==
          "params/x.yaml:8: kinetics.temperature_K: expected a positive number, got -3");
    CHECK(error_of(kMinimal + "kinetics:\n  temperature_K: 0.001\n") == "(no error)");
    CHECK(error_of(kMinimal + "kinetics:\n  temperature_K: 1e5\n") == "(no error)");
}

TEST_CASE("an attempt frequency whose total rate could overflow is refused") {
    CHECK(error_of(kMinimal + "kinetics:\n  attempt_frequency_per_s: 1e300\n") ==
          "params/x.yaml:8: kinetics.attempt_frequency_per_s: expected at most 1e20 per s (a Debye frequency "
          "is about 1e13), got 1e+300 (the total rate N M nu0 would approach the double range)");
    CHECK(error_of(kMinimal + "kinetics:\n  attempt_frequency_per_s: 1e20\n") == "(no error)");
}

TEST_CASE("voxel sizes at the ends of the double range are refused, naming the key") {
    const std::string big = "grid:\n  nx: 64\n  ny: 32\n  voxel_size_nm: 1e200\n" + kMinimal.substr(kMinimal.find("material:"));
    CHECK(error_of(big) ==
          "params/x.yaml:4: grid.voxel_size_nm: expected a voxel edge in 0.001..10000 nm (an STZ is about 1 nm), "
          "got 1e+200");
    const std::string tiny = "grid:\n  nx: 64\n  ny: 32\n  voxel_size_nm: 1e-300\n" + kMinimal.substr(kMinimal.find("material:"));
    CHECK(error_of(tiny).find("grid.voxel_size_nm: expected a voxel edge in 0.001..10000 nm") != std::string::npos);
    const std::string zero = "grid:\n  nx: 64\n  ny: 32\n  voxel_size_nm: 0\n" + kMinimal.substr(kMinimal.find("material:"));
    CHECK(error_of(zero) == "params/x.yaml:4: grid.voxel_size_nm: expected a positive number, got 0");
    const std::string edge = "grid:\n  nx: 64\n  ny: 32\n  voxel_size_nm: 1e4\n" + kMinimal.substr(kMinimal.find("material:"));
    CHECK(error_of(edge) == "(no error)");
}
