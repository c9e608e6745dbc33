#pragma once
// What one ART search costs with local force evaluation against whole-system evaluation,
// as the sample grows (`stzkmc bench art`, docs/benchmarks.md): a minimized glass is
// replicated to several sizes; on each, a few searches run with the default local region
// (art_local.hpp) and the whole-system force evaluation is timed on the same sample. All on
// one thread, in one invocation, so the ratios compare like with like.
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace stz {

struct ArtBenchOptions {
    /// A Cu–Zr glass (minimized here before replication).
    std::filesystem::path data = "tests/atomistic/data/glass_tri.data";
    std::filesystem::path potential = "/usr/share/lammps/potentials/CuZr_mm.eam.fs";
    std::vector<std::string> elements{"Cu", "Zr"};
    /// Replications of the sample: with the 500-atom test glass, 2,000, 13,500 and 32,000 atoms.
    std::vector<std::array<int, 3>> replications{{2, 2, 1}, {3, 3, 3}, {4, 4, 4}};
    int searches = 3;            ///< searches per size
    int whole_evaluations = 5;   ///< timed whole-system force evaluations per size
    std::uint64_t seed = 1;
};

struct ArtBenchRow {
    long atoms = 0;
    bool local = false;              ///< the local region fits this box
    double active_atoms = 0;         ///< mean per search
    double evaluated_atoms = 0;      ///< mean atoms per force evaluation
    double evaluations = 0;          ///< mean force evaluations per search
    double converged = 0;            ///< searches that found a saddle
    double search_s = 0;             ///< mean wall time per search
    double eval_ms = 0;              ///< per force evaluation in the searches
    double whole_eval_ms = 0;        ///< per whole-system force evaluation
    double whole_search_s = 0;       ///< evaluations x whole_eval_ms: the same search, whole-system
};

std::vector<ArtBenchRow> bench_art(const ArtBenchOptions& options);
/// Table with each size's local cost as a fraction of its whole-system cost.
std::string to_markdown(const std::vector<ArtBenchRow>& rows);

}  // namespace stz
