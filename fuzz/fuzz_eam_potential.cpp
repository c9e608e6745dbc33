// Fuzz target: the EAM potential reader, stz::atom::EamPotential::read, in both formats
// (setfl / eam/alloy and Finnis-Sinclair / eam/fs). A potential that reads is evaluated
// once per table, so the splines built from the file are exercised too.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "stz/atom/eam_potential.hpp"

namespace {

void read_and_touch(const std::filesystem::path& file, stz::atom::EamPotential::Format format) {
    const auto pot = stz::atom::EamPotential::read(file, format);
    const int n = pot.element_count();
    for (int a = 0; a < n; ++a) {
        (void)pot.embedding_energy(a, 0.5 * pot.rho_max());
        for (int b = 0; b < n; ++b) {
            (void)pot.density_at(a, b, 0.5 * pot.cutoff_A());
            (void)pot.pair_energy(a, b, 0.5 * pot.cutoff_A());
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using Format = stz::atom::EamPotential::Format;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto fs = stz::fuzz::scratch_file("fuzz.eam.fs", bytes);
    stz::fuzz::expect_error_or_success(fs.string(), [&] { read_and_touch(fs, Format::finnis_sinclair); });
    const auto setfl = stz::fuzz::scratch_file("fuzz.eam.alloy", bytes);
    stz::fuzz::expect_error_or_success(setfl.string(), [&] { read_and_touch(setfl, Format::setfl); });
    return 0;
}
