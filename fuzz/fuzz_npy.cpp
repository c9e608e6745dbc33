// Fuzz target: the .npy reader, stz::read_npy_double (src/io/npy.cpp), which `stzkmc sweep`
// uses on the von Mises strain maps of finished runs.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "stz/io/npy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto file = stz::fuzz::scratch_file("fuzz.npy", {reinterpret_cast<const char*>(data), size});
    stz::fuzz::expect_error_or_success(file.string(), [&] { (void)stz::read_npy_double(file); });
    return 0;
}
