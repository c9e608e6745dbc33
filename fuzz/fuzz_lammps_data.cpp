// Fuzz target: the LAMMPS data file reader, stz::atom::read_lammps_data (atom_style atomic).
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "stz/atom/lammps_data.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto file = stz::fuzz::scratch_file("fuzz.data", {reinterpret_cast<const char*>(data), size});
    stz::fuzz::expect_error_or_success(file.string(), [&] { (void)stz::atom::read_lammps_data(file); });
    return 0;
}
