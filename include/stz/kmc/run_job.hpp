#pragma once
// `stzkmc run`: drive a Simulation along its configured loading path and write the run
// folder (docs/run-output.md):
//   params.yaml            resolved parameters, version and seed
//   stress_strain.csv      applied strain, stress, plastic strain, time, event counts
//   avalanches.csv         one row per athermal avalanche
//   summary.yaml           yield (0.2 % offset), peak, flow stress, stress drop, counts
//   snapshots/ep_X/        fields at requested plastic strains (.npy, fields.vti, metrics.yaml)
//   run_info.yaml          wall time, threads, events/s (the only file that varies between
//                          identical runs)
//   checkpoint.bin         while the run is unfinished: its exact state (--resume)
// Everything but run_info.yaml is a function of the parameters and seed alone.
#include <filesystem>
#include <string>
#include <vector>

#include "stz/config/config.hpp"
#include "stz/observe/curve_summary.hpp"
#include "stz/observe/field_metrics.hpp"

namespace stz {

class Simulation;

/// Metrics of one field snapshot (MODEL.md §5).
struct SnapshotMetrics {
    double target_plastic_strain = 0;
    double plastic_strain = 0, applied_strain = 0, stress_GPa = 0, time_s = 0;
    FieldMetrics field;      ///< of the local von Mises strain of the total strain
    double aebs_shift = 0;   ///< dQ/Q
};

struct RunResult {
    std::filesystem::path out_dir;
    CurveSummary curve;
    std::vector<SnapshotMetrics> snapshots;
    double wall_seconds = 0;
    std::int64_t events = 0;
};

/// How a run reports itself (not part of its results).
struct RunOptions {
    /// Prefix of every log line ("[g01_2.0/seed_3] "); empty for a lone run, whose lines
    /// start with "run:" as before. Concurrent runs of a sweep are told apart by it.
    std::string log_tag;
    /// Wall-clock seconds between checkpoints (`checkpoint.bin` in the run folder); 0 writes
    /// none except on SIGINT/SIGTERM. Checkpoints never change the results.
    double checkpoint_interval_s = 600;
    /// Continue from the folder's checkpoint instead of starting afresh (docs/checkpoints.md).
    /// The checkpoint must have been written for the same parameters (params_file_text).
    bool resume = false;
};

/// File name of a run's checkpoint inside its folder.
inline constexpr const char* kRunCheckpointName = "checkpoint.bin";

/// Runs `cfg` to loading.final_strain (or final_plastic_strain, or run.max_events) and
/// writes the run folder `out_dir` (created; files replaced atomically). Writes checkpoints
/// as `options` says; on SIGINT/SIGTERM writes one and throws stz::Interrupted. A finished
/// run deletes its checkpoint; resumed, its folder ends byte-identical to an uninterrupted
/// run's (run_info.yaml apart).
RunResult run_simulation(const Config& cfg, const std::filesystem::path& out_dir,
                         const RunOptions& options = {});

/// Throws stz::Error unless `out_dir` holds a run checkpoint; the message says whether the
/// run there finished or never reached its first checkpoint.
void require_resumable(const std::filesystem::path& out_dir);

/// Restores into `sim` (built from `cfg`, the parameters in the folder's params.yaml) the
/// engine state of the checkpoint in run folder `dir`: what `--resume` continues from, without
/// the run loop's own records. Throws stz::Error if there is none or it was written for other
/// parameters. Reads only: the folder is left as it is (`stzkmc bench resume`).
void restore_run_checkpoint(const std::filesystem::path& dir, const Config& cfg, Simulation& sim);

/// The text of a run folder's params.yaml for `cfg`: a header with version and seed, then
/// to_yaml(cfg). Two runs with the same text compute the same results.
[[nodiscard]] std::string params_file_text(const Config& cfg);

/// Writes the snapshot of `sim` now into `dir` (created) and returns its metrics.
SnapshotMetrics write_snapshot(const Simulation& sim, const std::filesystem::path& dir,
                               double target_plastic_strain);

}  // namespace stz
