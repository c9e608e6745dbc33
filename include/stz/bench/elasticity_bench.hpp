#pragma once
// Timing of the elastic solver: full FFT solve and incremental kernel update per grid size.
// Used by `stzkmc bench elasticity` and recorded in docs/benchmarks.md.
#include <string>
#include <vector>

#include "stz/core/grid.hpp"

namespace stz {

struct ElasticityBenchRow {
    Grid grid;
    int threads = 1;
    double setup_s = 0;              ///< FFTW planning + kernel computation, seconds
    double full_solve_ms = 0;        ///< one full solve (eigenstrain -> stress), milliseconds
    double incremental_update_ms = 0;///< one single-voxel update of the whole field, milliseconds
    double update_ns_per_voxel = 0;  ///< incremental_update_ms per voxel, nanoseconds
    double kernel_memory_MB = 0;     ///< memory held by the influence kernels, MB
    int full_solves = 0;             ///< repetitions timed
    int updates = 0;                 ///< repetitions timed
};

struct ElasticityBenchOptions {
    std::vector<Grid> grids;         ///< grids to time
    double min_seconds = 0.3;        ///< minimum time spent timing each quantity per grid
};

/// Default grid list: 64^2 .. 1024^2 and 32^3 .. 128^3 (as issue 2 asks).
[[nodiscard]] std::vector<Grid> default_elasticity_bench_grids();

/// Runs the timings (logs a line per grid with spdlog).
[[nodiscard]] std::vector<ElasticityBenchRow> bench_elasticity(const ElasticityBenchOptions& opt);

/// The rows as a Markdown table.
[[nodiscard]] std::string to_markdown(const std::vector<ElasticityBenchRow>& rows);

}  // namespace stz
