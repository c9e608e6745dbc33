#pragma once
// Shared by the sweep tests: a scratch folder with a small valid base parameter file, and
// the error message of a sweep text.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "stz/core/error.hpp"
#include "stz/sweep/sweep_spec.hpp"

namespace stz_test {

/// A fresh folder holding base.yaml (a 16x16 run), removed at the end.
class SweepDir {
  public:
    SweepDir() {
        static int counter = 0;
        path_ = std::filesystem::temp_directory_path() /
                ("stz-test-sweep-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
        std::ofstream(path_ / "base.yaml") << "grid: {nx: 16, ny: 16}\n"
                                              "material: {young_modulus_GPa: 69.46, poisson_ratio: 0.365}\n"
                                              "loading: {strain_step: 1.0e-4, final_strain: 0.01}\n"
                                              "output: {snapshot_plastic_strains: [0.001, 0.02]}\n";
    }
    ~SweepDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    SweepDir(const SweepDir&) = delete;
    SweepDir& operator=(const SweepDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    /// The sweep file "s.yaml" of this folder (not written; parse_sweep_spec takes text).
    [[nodiscard]] std::filesystem::path file() const { return path_ / "s.yaml"; }

  private:
    std::filesystem::path path_;
};

/// The message parse_sweep_spec throws for `text` (base.yaml next to it), or "(no error)".
inline std::string sweep_error(const SweepDir& dir, const std::string& text) {
    try {
        (void)stz::parse_sweep_spec(text, dir.file());
    } catch (const stz::Error& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace stz_test
