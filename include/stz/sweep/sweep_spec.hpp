#pragma once
// A sweep file: a base parameter file, overrides shared by every case, axes of values
// and replicas (seeds). `stzkmc sweep` runs the product of the axes times the seeds.
//
//   name: barrier_mean                 # optional; default: the file's stem
//   description: "003 Fig. 4"          # optional, copied to the outputs
//   base: ../table1.yaml               # relative to the sweep file
//   set:                               # optional: dotted key -> value, for every case
//     loading.final_plastic_strain: 0.021
//   axes:                              # optional; the cases are their product
//     - key: catalog.barrier_mean_eV   # one key: a list of values ...
//       values: [1.8, 2.0, 2.2]
//     - name: cooling                  # ... or several keys zipped: one tuple per value
//       keys: [catalog.barrier_mean_eV, softening.eta_max]
//       values: [[1.8, -ln 0.67], [2.0, -ln 0.6]]
//       labels: ["10^7.25 K/s", "10^5.75 K/s"]   # optional, one per value
//   replicas: 5                        # seeds first_seed .. first_seed+4 (default 1 replica)
//   first_seed: 1
//   # or: seeds: [11, 12, 13]
//   metrics_at_plastic_strain: 0.02    # snapshot whose metrics are aggregated
//
// Documented in docs/sweeps.md. Errors name the sweep file, the line and the key.
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace stz {

/// One axis: `keys.size()` parameters varied together; `values[i][k]` is the YAML text of
/// key k at point i (a scalar as written, a list in flow style).
struct SweepAxis {
    std::string name;                              ///< column name in the tables
    std::vector<std::string> keys;                 ///< dotted parameter keys
    std::vector<std::vector<std::string>> values;  ///< [point][key]
    std::vector<std::string> labels;               ///< one per point (the values if not given)
    int line = 0;                                  ///< line of the axis in the sweep file
};

struct SweepSpec {
    std::filesystem::path file;  ///< the sweep file as given
    std::string name;            ///< sweep name
    std::string description;
    std::filesystem::path base;  ///< base parameter file (resolved against the sweep file)
    /// Overrides for every case, in file order: (dotted key, YAML value text).
    std::vector<std::pair<std::string, std::string>> set;
    std::vector<SweepAxis> axes;
    std::vector<std::uint64_t> seeds;           ///< replicas; at least one, all different
    double metrics_at_plastic_strain = 0.02;    ///< snapshot target of the aggregated metrics
};

/// Reads and validates the sweep file `file`. The base file must exist; the cases are
/// checked when they are resolved (resolve_case). Throws stz::Error naming file:line:key.
[[nodiscard]] SweepSpec load_sweep_spec(const std::filesystem::path& file);

/// Same, from text; `file` names the source in messages and anchors a relative `base`.
[[nodiscard]] SweepSpec parse_sweep_spec(const std::string& yaml_text,
                                         const std::filesystem::path& file);

}  // namespace stz
