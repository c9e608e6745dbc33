#pragma once
// The cases of a sweep: every point of the product of its axes (a "group"), times every
// seed. Enumeration is a pure function of the SweepSpec, so every worker and every MPI
// rank numbers the cases the same way.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "stz/config/config.hpp"
#include "stz/sweep/sweep_spec.hpp"

namespace stz {

/// One point of the product of the axes.
struct SweepGroup {
    std::size_t index = 0;
    std::string name;                 ///< folder name: g00_<labels>, or "base" without axes
    std::vector<std::size_t> point;   ///< index into each axis' values
    std::vector<std::string> labels;  ///< the label of each axis at this point
    /// Every override of the group: the spec's set, then each axis' keys, as "key=value".
    std::vector<std::string> overrides;
};

/// One run: a group and a seed.
struct SweepCase {
    std::size_t index = 0;  ///< group * seeds + replica
    std::size_t group = 0;
    std::size_t replica = 0;
    std::uint64_t seed = 0;
    std::filesystem::path dir;  ///< relative to the sweep's output folder: cases/<group>/seed_<S>
};

struct SweepPlan {
    std::vector<SweepGroup> groups;
    std::vector<SweepCase> cases;  ///< group-major, seeds in the spec's order
};

/// The groups (first axis slowest) and cases of `spec`.
[[nodiscard]] SweepPlan plan_sweep(const SweepSpec& spec);

/// The validated parameters of case `c`: the base file with the group's overrides and
/// run.seed. Config::source names the sweep file and the case (not the path as given, so
/// the resolved parameters do not depend on the working directory). Also checks that
/// output.snapshot_plastic_strains holds spec.metrics_at_plastic_strain. Throws
/// stz::Error naming the sweep file and the case.
[[nodiscard]] Config resolve_case(const SweepSpec& spec, const SweepPlan& plan, const SweepCase& c);

/// Folder-name form of a label: letters, digits, '.', '-', '+' kept, the rest '_'.
[[nodiscard]] std::string sanitize_label(const std::string& label);

}  // namespace stz
