#pragma once
// The tables of a sweep: one row per run (cases.csv) and, per group, the mean and standard
// error over seeds of every metric (aggregate.csv). Both are functions of the run folders
// alone, so they are byte-identical whatever the number of workers that made them.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "stz/sweep/sweep_cases.hpp"

namespace stz {

/// Names of the per-run metrics, in table order (units in the names; docs/sweeps.md):
/// curve: yield_stress_GPa, yield_strain, peak_stress_GPa, peak_strain, flow_stress_GPa,
/// stress_drop_GPa; snapshot at the metrics plastic strain: plastic_strain, extreme_sites,
/// localization_index, psi, skewness, s_max_over_s_all, aebs_shift (dQ/Q), vm_strain_p99.
[[nodiscard]] const std::vector<std::string>& sweep_metric_names();

/// The metrics of the finished run in `run_dir` (summary.yaml and the snapshot at
/// plastic strain `metrics_ep`); NaN for the snapshot metrics if the run never reached
/// it. Throws stz::Error if summary.yaml is missing or malformed.
[[nodiscard]] std::vector<double> read_run_metrics(const std::filesystem::path& run_dir,
                                                   double metrics_ep);

/// Mean and standard error (sample standard deviation / sqrt(n)) of the finite values;
/// NaN mean for none, NaN error for fewer than two.
struct MeanSe {
    double mean = 0, se = 0;
    std::size_t n = 0;
};
[[nodiscard]] MeanSe mean_se(const std::vector<double>& values);

/// Writes out_dir/cases.csv and out_dir/aggregate.csv (atomically). `metrics[i]` holds
/// the metrics of plan.cases[i], or nothing for a run that is not finished (left out of
/// the means; the `runs` column counts the rest).
void write_sweep_tables(const SweepSpec& spec, const SweepPlan& plan,
                        const std::vector<std::optional<std::vector<double>>>& metrics,
                        const std::filesystem::path& out_dir);

/// A CSV field: as is, or quoted (RFC 4180) if it holds a comma, quote or line break.
[[nodiscard]] std::string csv_field(const std::string& text);

}  // namespace stz
