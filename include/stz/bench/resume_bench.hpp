#pragma once
// Events per second of the kMC engine from a run's checkpoint: `stzkmc bench resume DIR`.
//
// The costly part of a full-size run is often deep inside it (a yield burst, a shear band
// that flows for millions of events); a checkpoint taken there (`stzkmc run
// --checkpoint-every S`, or SIGINT) lets that regime be timed in seconds, again and again.
// The folder is only read. Each repetition restores the same state and runs the same events,
// so it also checks that the engine is deterministic (the state digests must agree), and two
// builds can be compared event for event: the digest is the SHA-256 of the engine's whole
// state after the events (Simulation::save_state), equal only if every event and every bit
// of the state are.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace stz {

struct ResumeBenchOptions {
    std::filesystem::path run_dir;  ///< a run folder with params.yaml and checkpoint.bin
    std::int64_t events = 20000;    ///< events to run after the checkpoint (a few more: the
                                    ///< engine stops between two events, at most 64 thermal
                                    ///< ones past the count)
    int repeat = 1;                 ///< times to run them, each from the checkpoint
};

struct ResumeBenchResult {
    int grid_nx = 0, grid_ny = 0, grid_nz = 0;
    std::string selection;          ///< kinetics.selection
    std::int64_t events_before = 0; ///< at the checkpoint
    double strain_before = 0, stress_before_GPa = 0;
    std::int64_t events = 0, thermal = 0, athermal = 0;  ///< run after it
    double strain_after = 0, stress_after_GPa = 0, plastic_after = 0;
    std::vector<double> seconds;    ///< wall time of each repetition
    // Thinning counts per event (0 on the other paths).
    double refreshes_per_event = 0, candidates_per_event = 0, exact_per_event = 0,
           flushes_per_event = 0;
    std::string state_sha256;       ///< digest of the state after the events
    [[nodiscard]] double best_seconds() const;
    [[nodiscard]] double median_seconds() const;
};

/// Runs the benchmark (a log line per repetition). Throws stz::Error if the folder has no
/// checkpoint of its parameters, or if two repetitions end in different states.
[[nodiscard]] ResumeBenchResult bench_resume(const ResumeBenchOptions& opt);

/// The result as a few lines of text (what the command prints).
[[nodiscard]] std::string to_text(const ResumeBenchResult& r);

}  // namespace stz
