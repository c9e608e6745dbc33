// Fuzz target: the calibration input readers (calibration/calibration_inputs.cpp): ART
// events, STZ clusters, barrier vs cooling rate and the material table, each reading the
// same fuzzed file the way `stzkmc calibrate` does.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "stz/calibration/calibration_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto file = stz::fuzz::scratch_file("input.csv", {reinterpret_cast<const char*>(data), size});
    const std::string name = file.string();
    stz::fuzz::expect_error_or_success(name, [&] { (void)stz::read_art_events(file); });
    stz::fuzz::expect_error_or_success(name, [&] { (void)stz::read_stz_clusters(file); });
    stz::fuzz::expect_error_or_success(name, [&] { (void)stz::read_barrier_vs_cooling_rate(file); });
    stz::fuzz::expect_error_or_success(name, [&] { (void)stz::read_material(file); });
    return 0;
}
