#pragma once
// Where every case of a sweep's output folder stands, read from the folder without running
// or changing anything (`stzkmc sweep FILE --out DIR --status`, docs/sweeps.md): a long
// study (hours per case) can be followed without reading logs.
//
// The state of a case is what a rerun of the sweep would do with it, by the rules of
// run_sweep (sweep_runner.hpp):
//   finished          case.yaml, and params.yaml equal to what the case resolves to now: skipped
//   checkpoint        params.yaml equal, checkpoint.bin present: resumed from it
//   started           params.yaml equal, no checkpoint yet: started again
//   other parameters  params.yaml differs (the sweep or base file changed): run again
//   not started       no params.yaml
// A running case shows as checkpoint or started; its "last write" age tells whether it is
// still going (the avalanche table is flushed at the end of every loading step).
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "stz/sweep/sweep_cases.hpp"
#include "stz/sweep/sweep_spec.hpp"

namespace stz {

enum class CaseState { finished, checkpoint, started, other_parameters, not_started };

[[nodiscard]] const char* to_string(CaseState s);

struct CaseStatus {
    std::size_t index = 0;
    std::filesystem::path dir;  ///< relative to the sweep's output folder
    CaseState state = CaseState::not_started;
    /// Finished: the run's end (summary.yaml). Otherwise: the last avalanche recorded in
    /// avalanches.csv.part (its applied strain and the plastic strain after it), which may
    /// be ahead of the checkpoint a resume starts from; none before the first avalanche.
    std::optional<double> applied_strain, plastic_strain;
    std::optional<long long> events;          ///< finished only: thermal + athermal
    std::vector<std::string> snapshots;       ///< snapshot folders written (snapshots/ep_*)
    std::optional<double> last_write_age_s;   ///< since the newest of the folder's outputs
    std::string note;                         ///< what could not be read, if anything
};

/// The status of every case of `plan` in `out_dir`. Throws stz::Error if a case does not
/// resolve (as the sweep itself would), not for unreadable case files (see note).
[[nodiscard]] std::vector<CaseStatus> sweep_status(const SweepSpec& spec, const SweepPlan& plan,
                                                   const std::filesystem::path& out_dir);

/// A text table of `cases`, after a line counting the states.
[[nodiscard]] std::string sweep_status_text(const SweepSpec& spec, const std::vector<CaseStatus>& cases,
                                            const std::filesystem::path& out_dir);

}  // namespace stz
