// `stzkmc bench art`: ART search cost, local against whole-system force evaluation (art_bench.hpp).
#include "stz/bench/art_bench.hpp"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>

#include "stz/atom/art_local.hpp"
#include "stz/atom/eam_force.hpp"
#include "stz/atom/lammps_data.hpp"
#include "stz/atom/minimize.hpp"
#include "stz/atom/structure_builder.hpp"
#include "stz/core/build_info.hpp"
#include "stz/core/error.hpp"
#include "stz/core/random.hpp"

namespace stz {

namespace {
double since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

std::vector<ArtBenchRow> bench_art(const ArtBenchOptions& o) {
    using namespace stz::atom;
    STZ_REQUIRE(std::filesystem::exists(o.data), "bench art: no sample " << o.data.string()
                                                                         << " (run from the repository root or give --data)");
    STZ_REQUIRE(o.searches >= 1 && o.whole_evaluations >= 1, "bench art: searches and evaluations must be >= 1");
    const int threads_before = thread_count();
    set_thread_count(1);
    auto pot = std::make_shared<const EamPotential>(EamPotential::read(o.potential));
    Atoms cell = read_lammps_data(o.data);
    assign_elements(cell, o.elements, pot->elements(), o.data.string());
    const auto types = EamForce::map_species(*pot, cell.species);
    {
        EamForce f(pot, types);
        MinimizeSettings ms;
        ms.force_tol_eV_per_A = 1e-5;
        minimize(cell, f, ms);
    }
    const ArtSettings settings = atoms_art_settings();
    const LocalRegion region;
    std::vector<ArtBenchRow> rows;
    for (const auto& reps : o.replications) {
        Atoms atoms = replicate(cell, reps);
        EamForce whole(pot, types);
        ArtBenchRow row;
        row.atoms = static_cast<long>(atoms.size());
        row.local = region.fits(atoms.box, pot->cutoff_A());
        const double e0 = whole.compute(atoms).energy_eV;  // builds the list (not timed)
        auto t0 = std::chrono::steady_clock::now();
        for (int k = 0; k < o.whole_evaluations; ++k) (void)whole.compute(atoms);
        row.whole_eval_ms = 1e3 * since(t0) / o.whole_evaluations;
        double wall = 0, evals = 0;
        for (int k = 0; k < o.searches; ++k) {
            CounterRng rng(o.seed, RngStream::atom_art, static_cast<std::uint64_t>(k));
            const auto center = std::min(atoms.size() - 1, static_cast<std::size_t>(rng.uniform() * static_cast<double>(atoms.size())));
            ArtSearchCost cost;
            t0 = std::chrono::steady_clock::now();
            const ArtEvent ev = search_event_local(atoms, e0, pot, types, center, settings, region, 3.5, o.seed,
                                                   static_cast<std::uint64_t>(k), &cost);
            wall += since(t0);
            evals += ev.force_evaluations;
            row.converged += ev.converged;
            row.active_atoms += static_cast<double>(cost.active_atoms) / o.searches;
            row.evaluated_atoms += static_cast<double>(cost.evaluated_atoms) / o.searches;
        }
        row.evaluations = evals / o.searches;
        row.search_s = wall / o.searches;
        row.eval_ms = 1e3 * wall / std::max(evals, 1.0);
        row.whole_search_s = row.evaluations * row.whole_eval_ms * 1e-3;
        spdlog::info("bench art: {} atoms, {} evaluation, {:.0f} atoms per evaluation, {:.0f} evaluations per search, "
                     "{:.2f} s per search (whole-system: {:.2f} s)",
                     row.atoms, row.local ? "local" : "whole-system", row.evaluated_atoms, row.evaluations, row.search_s,
                     row.whole_search_s);
        rows.push_back(row);
    }
    set_thread_count(threads_before);
    return rows;
}

std::string to_markdown(const std::vector<ArtBenchRow>& rows) {
    std::string t =
        "| atoms | evaluation | active atoms | atoms per evaluation | evaluations per search | s per search | "
        "ms per evaluation | whole-system ms per evaluation | whole-system s per search | local / whole |\n"
        "|---|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& r : rows)
        t += fmt::format("| {} | {} | {:.0f} | {:.0f} | {:.0f} | {:.2f} | {:.2f} | {:.2f} | {:.2f} | {:.3f} |\n", r.atoms,
                         r.local ? "local" : "whole (box too small)", r.active_atoms, r.evaluated_atoms, r.evaluations,
                         r.search_s, r.eval_ms, r.whole_eval_ms, r.whole_search_s,
                         r.whole_search_s > 0 ? r.search_s / r.whole_search_s : 0.0);
    return t;
}

}  // namespace stz
