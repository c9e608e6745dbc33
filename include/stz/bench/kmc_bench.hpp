#pragma once
// Events per second of the kMC engine, direct (003-eq 7) against thinning, per grid size.
// Used by `stzkmc bench kmc` and recorded in docs/benchmarks.md.
//
// Each case is run in a child process (fork), so that its peak resident memory is its own.
// The physics is Table 1 of paper 003 (3D: V = l0^3, docs/model-choices.md), seed 1,
// strained at once to 1.6 % (near yield; the same deterministic state for both paths), then
// loaded at 1e-4 /s: the direct path runs for `direct_seconds`, then the thinning path for
// `thinning_seconds` or `max_events`; the speed-up compares the two over the same first
// events (the direct path's window), so both see the same regime of the curve.
#include <cstdint>
#include <string>
#include <vector>

#include "stz/core/grid.hpp"

namespace stz {

struct KmcBenchRow {
    Grid grid;
    int threads = 1;
    int modes = 20;
    // Direct path over its window.
    std::int64_t direct_events = 0;
    double direct_seconds = 0;
    double direct_events_per_s = 0;
    double direct_peak_MB = 0;
    // Thinning path over the same first events, and over its whole (longer) run.
    double thinning_window_events_per_s = 0;
    std::int64_t thinning_events = 0;
    double thinning_seconds = 0;
    double thinning_events_per_s = 0;
    double thinning_strain = 0;  ///< applied strain reached
    double thinning_peak_MB = 0;
    double setup_s = 0;          ///< thinning: catalog, kernels, bounds
    [[nodiscard]] double speedup() const {
        return direct_events_per_s > 0 ? thinning_window_events_per_s / direct_events_per_s : 0;
    }
};

struct KmcBenchOptions {
    std::vector<Grid> grids;
    int modes = 20;                 ///< M
    double direct_seconds = 10;     ///< wall time given to the direct path per grid
    double thinning_seconds = 15;   ///< and to the thinning path
    std::int64_t max_events = 20000;///< thinning stops here if sooner
};

/// 64^2 .. 1024^2, 32^3, 64^3 (as issue 5 asks).
[[nodiscard]] std::vector<Grid> default_kmc_bench_grids();

/// Runs the cases (a line per case in the log).
[[nodiscard]] std::vector<KmcBenchRow> bench_kmc(const KmcBenchOptions& opt);

/// The rows as a Markdown table.
[[nodiscard]] std::string to_markdown(const std::vector<KmcBenchRow>& rows);

}  // namespace stz
