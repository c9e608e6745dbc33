#pragma once
// What a sweep's case folder says about its case (internal to src/sweep/): one rule for the
// runner, which decides what to run, and the status, which reports what a rerun would do.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "stz/kmc/run_job.hpp"

namespace stz::sweep_detail {

/// The whole file, or "" if it cannot be read.
inline std::string read_file_or_empty(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return {};
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Finished for these parameters: case.yaml (written last) and the same params.yaml.
inline bool finished_with(const std::filesystem::path& dir, const std::string& params_text) {
    return std::filesystem::is_regular_file(dir / "case.yaml") &&
           read_file_or_empty(dir / "params.yaml") == params_text;
}

/// Stopped part-way for these parameters: a checkpoint and the same params.yaml.
inline bool resumable_with(const std::filesystem::path& dir, const std::string& params_text) {
    return std::filesystem::is_regular_file(dir / kRunCheckpointName) &&
           read_file_or_empty(dir / "params.yaml") == params_text;
}

}  // namespace stz::sweep_detail
