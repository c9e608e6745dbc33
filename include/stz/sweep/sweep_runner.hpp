#pragma once
// Running a sweep: the cases of a SweepPlan shared out over local worker threads and,
// through a SweepWorld, over processes (MPI ranks). Finished cases are skipped, so a
// killed sweep resumes where it stopped; then the tables are written (sweep_tables.hpp).
//
// Output folder (docs/sweeps.md):
//   sweep.yaml                  the sweep: file, base, axes, seeds, every group's overrides
//   cases/<group>/seed_<S>/     one run folder per case (docs/run-output.md) + case.yaml
//   cases.csv, aggregate.csv    per run; per group mean and standard error over seeds
//   sweep_run_info.yaml         wall time and workers of the last invocation (not reproducible)
#include <cstddef>
#include <filesystem>
#include <vector>

#include "stz/sweep/sweep_cases.hpp"

namespace stz {

/// The processes that share a sweep. The default is one process; the CLI provides an MPI
/// world when built with STZ_WITH_MPI. The unfinished cases are dealt to the processes
/// round-robin (the k-th unfinished case to process k mod size), so no process waits on
/// another while it runs; inside a process the worker threads take the next case as
/// they come free. Every member function is collective and called from one thread.
class SweepWorld {
  public:
    virtual ~SweepWorld() = default;
    [[nodiscard]] virtual int rank() const { return 0; }
    [[nodiscard]] virtual int size() const { return 1; }
    virtual void barrier() {}
    /// The sum of `v` over the processes.
    [[nodiscard]] virtual long long sum(long long v) { return v; }
};

struct SweepOptions {
    std::filesystem::path out_dir;
    int jobs = 1;             ///< runs at once in this process (worker threads)
    int threads_per_job = 1;  ///< OpenMP threads of each run
    /// Run only the cases with index % shard_count == shard_index (a job-array task);
    /// the tables are then left to a later invocation without shards.
    std::size_t shard_index = 0, shard_count = 1;
    /// Wall-clock seconds between checkpoints of each case (RunOptions); 0: only on a signal.
    double checkpoint_interval_s = 600;
    /// Output folders of other sweeps: an unfinished case whose resolved parameters (seed
    /// included) equal those of a finished case there is copied from it instead of run (a
    /// run is a pure function of its parameters). The studies of paper 003 share their
    /// reference case this way (scripts/reproduce.sh).
    std::vector<std::filesystem::path> reuse_dirs;
    /// Run nothing: write the tables from the cases finished so far (a long sweep's partial
    /// results; the unfinished ones are counted in SweepReport::missing). Not with shards.
    bool tables_only = false;
};

struct SweepReport {
    std::size_t cases = 0;         ///< in the sweep
    std::size_t already_done = 0;  ///< skipped: finished earlier with the same parameters
    std::size_t reused = 0;        ///< copied from a finished case of another sweep (reuse_dirs)
    std::size_t ran = 0;           ///< finished now (all processes)
    std::size_t failed = 0;        ///< threw (all processes); logged
    std::size_t missing = 0;       ///< not finished after this invocation (other shards, failures)
    bool tables_written = false;
};

/// Runs the unfinished cases of `spec` into options.out_dir and, when all processes are
/// done and no shard was asked for, writes the tables (process 0). A case is finished if
/// its folder has case.yaml and its params.yaml equals what the case resolves to now; a
/// changed sweep file therefore reruns exactly the cases it changed. Every case is
/// resolved (and so validated) before any runs. A failing case is logged and counted; the
/// others go on. A case stopped part-way with a checkpoint for the same parameters is
/// resumed from it. On SIGINT/SIGTERM every running case writes its checkpoint and the
/// sweep throws stz::Interrupted once all processes have stopped (rerun the same command
/// to continue). Collective over `world`.
SweepReport run_sweep(const SweepSpec& spec, const SweepOptions& options, SweepWorld& world);

}  // namespace stz
