// `stzkmc atom art RECIPE.yaml [--out DIR] [--seed S] [--searches N]`: ART nouveau searches
// on one sample (art_campaign.hpp, docs/atomistic.md). Searches run on the OpenMP threads
// (--threads) and, under mpirun in an MPI build, are split over the ranks: rank r runs
// searches r, r + size, ...; each writes its rows to ranks/searches-<r>.csv and rank 0
// merges them, removes duplicates and writes the tables.
#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <memory>
#include <numeric>
#include <optional>
#include <string>

#include "src/cli/commands.hpp"
#include "src/cli/sweep_world.hpp"
#include "src/config/yaml_reader.hpp"
#include "stz/atom/art_campaign.hpp"
#include "stz/atom/checkpoint.hpp"
#include "stz/atom/lammps_data.hpp"
#include "stz/core/build_info.hpp"
#include "stz/core/duration_text.hpp"
#include "stz/core/interrupt.hpp"
#include "stz/core/sha256.hpp"
#include "stz/io/atomic_file.hpp"
#include "stz/io/state_file.hpp"
#include "stz/version.hpp"

namespace stz::cli {

namespace {

struct ArtOptions {
    std::string recipe, out;
    std::uint64_t seed = 0;
    bool seed_given = false;
    long searches = 0;
    double checkpoint_every_s = 600;
    std::string resume;
};

constexpr const char* kArtKind = "atom-art";

/// Completed searches so far (any subset of the indices: searches are independent).
void write_art_checkpoint(const std::filesystem::path& file, const std::string& key,
                          const std::vector<atom::ArtSearchRecord>& done) {
    StateWriter w;
    w.put(static_cast<std::uint64_t>(done.size()));
    for (const auto& r : done) atom::put_art_record(w, r);
    write_state_file(file, kArtKind, key, w);
}

void write_summary(const std::filesystem::path& file, const atom::ArtRecipe& r, const atom::ArtSample& s,
                   const std::vector<atom::ArtSearchRecord>& records, double wall_s, int ranks, int threads) {
    std::size_t converged = 0, connected = 0, duplicates = 0, kept = 0, out_of_region = 0;
    double barrier_sum = 0, evaluated = 0, evals = 0;
    for (const auto& rec : records) {
        converged += rec.event.converged;
        connected += rec.event.converged && rec.event.connected;
        duplicates += rec.duplicate_of >= 0;
        out_of_region += rec.event.reason.rfind("left the surface", 0) == 0;
        evaluated += static_cast<double>(rec.cost.evaluated_atoms);
        evals += rec.event.force_evaluations;
        if (rec.kept()) {
            ++kept;
            barrier_sum += rec.event.barrier_eV;
        }
    }
    const double n = std::max<double>(1.0, static_cast<double>(records.size()));
    AtomicFile f(file);
    f.stream() << fmt::format(
        "# stzkmc atom art: summary\nversion: {}\nsample: {}\natoms: {}\nenergy_eV: {:.10f}\nseed: {}\n"
        "searches: {}\nconverged: {}\nconnected: {}\nduplicates: {}\nevents: {}\nleft_local_region: {}\n"
        "mean_barrier_eV: {:.6f}\nlocal_evaluation: {}\nmean_evaluated_atoms: {:.1f}\n"
        "mean_force_evaluations: {:.1f}\nwall_s: {:.2f}\nmpi_ranks: {}\nthreads: {}\n",
        kVersion, r.sample, s.atoms.size(), s.energy_eV, r.seed, records.size(), converged, connected, duplicates, kept,
        out_of_region, kept ? barrier_sum / static_cast<double>(kept) : 0.0, s.local ? "true" : "false", evaluated / n,
        evals / n, wall_s, ranks, threads);
    f.commit();
}

int run_art(const ArtOptions& o) {
    atom::ArtRecipe recipe;
    if (!o.resume.empty())
        atom::require_checkpoint(o.resume, "the command that started it, without --resume");
    if (!o.recipe.empty()) {
        recipe = atom::load_art_recipe(o.recipe);
    } else {
        STZ_REQUIRE(!o.resume.empty(), "a RECIPE file is required (or --resume DIR to continue a job)");
        const std::filesystem::path recorded = std::filesystem::path(o.resume) / "recipe.yaml";
        STZ_REQUIRE(std::filesystem::is_regular_file(recorded),
                    "--resume " << o.resume << ": no recipe.yaml there; give the recipe file as well");
        // Relative paths in a recorded recipe are relative to the folder the job ran in.
        recipe = atom::parse_art_recipe(detail::read_text_file(recorded, "ART recipe"), recorded, std::filesystem::path{});
    }
    if (o.seed_given) recipe.seed = o.seed;
    if (o.searches > 0) recipe.searches = o.searches;
    std::filesystem::path out = o.out.empty()
                                    ? std::filesystem::path("results/art") / std::filesystem::path(o.recipe).stem()
                                    : std::filesystem::path(o.out);
    if (!o.resume.empty()) {
        STZ_REQUIRE(o.out.empty() || std::filesystem::path(o.out).lexically_normal() ==
                                         std::filesystem::path(o.resume).lexically_normal(),
                    "--out " << o.out << " and --resume " << o.resume << " differ; --resume continues in its folder");
        out = o.resume;
    }
    const std::unique_ptr<SweepWorld> world = make_sweep_world();
    const int rank = world->rank(), size = world->size();
    if (size > 1) spdlog::set_pattern("[%H:%M:%S] [rank " + std::to_string(rank) + "] [%^%l%$] %v");
    // Each process checkpoints the searches it holds: rank 0 in checkpoint.bin, rank r > 0 in
    // ranks/checkpoint-<r>.bin. On resume every process reads them all (any earlier number of
    // ranks): their union is what is done; rank 0 adopts it, the others only skip it.
    const std::string key = sha256_hex(recipe.to_yaml());
    const std::filesystem::path ckpt =
        rank == 0 ? atom::checkpoint_file(out) : out / "ranks" / fmt::format("checkpoint-{}.bin", rank);
    const std::string command = (size > 1 ? fmt::format("mpirun -np {} ", size) : std::string()) +
                                atom::resume_command("art", out);
    std::vector<atom::ArtSearchRecord> done;      // searches this process holds (resumed and new)
    std::vector<atom::ArtSearchRecord> resumed;   // every search done before (all processes)
    if (!o.resume.empty()) {
        atom::require_checkpoint(out, command);
        std::vector<std::filesystem::path> files{atom::checkpoint_file(out)};
        if (std::filesystem::is_directory(out / "ranks"))
            for (const auto& e : std::filesystem::directory_iterator(out / "ranks"))
                if (e.path().filename().string().starts_with("checkpoint-") && e.path().extension() == ".bin")
                    files.push_back(e.path());
        std::sort(files.begin() + 1, files.end());
        std::vector<char> seen(static_cast<std::size_t>(recipe.searches), 0);
        for (const auto& file : files) {
            StateReader in(file, kArtKind, key, "recipe (recipe.yaml)");
            const auto count = in.get<std::uint64_t>("completed searches");
            STZ_REQUIRE(count <= static_cast<std::uint64_t>(recipe.searches),
                        file.string() << ": " << count << " completed searches of " << recipe.searches);
            for (std::uint64_t k = 0; k < count; ++k) {
                atom::ArtSearchRecord r = atom::get_art_record(in);
                STZ_REQUIRE(r.search >= 0 && r.search < recipe.searches,
                            file.string() << ": search " << r.search << " out of range");
                // The same search in two files (a process that resumed others' searches, then
                // stopped) is the same record: searches are pure functions of their index.
                if (seen[static_cast<std::size_t>(r.search)]) continue;
                seen[static_cast<std::size_t>(r.search)] = 1;
                resumed.push_back(std::move(r));
            }
            in.expect_end();
        }
        if (rank == 0) done = resumed;
        remove_stale_temporaries(out);
        if (std::filesystem::is_directory(out / "ranks")) remove_stale_temporaries(out / "ranks");
        if (rank == 0)
            spdlog::info("ART: resuming {} with {} of {} searches done", out.string(), resumed.size(),
                         recipe.searches);
    }
    InterruptHandler signals;
    try {
        std::filesystem::create_directories(out / "ranks");
        if (rank == 0 && o.resume.empty()) {
            AtomicFile f(out / "recipe.yaml");
            f.stream() << "# stzkmc atom art; resolved recipe (every default filled in), version " << kVersion << "\n"
                       << recipe.to_yaml();
            f.commit();
        }
        const auto t0 = std::chrono::steady_clock::now();
        const atom::ArtSample sample = atom::prepare_art_sample(recipe);
        if (rank == 0) atom::write_lammps_data(out / "minimum.data", sample.atoms, "stzkmc atom art: the minimized sample");
        std::vector<char> finished(static_cast<std::size_t>(recipe.searches), 0);
        for (const auto& r : resumed) finished[static_cast<std::size_t>(r.search)] = 1;
        std::vector<long> mine;
        for (long k = rank; k < recipe.searches; k += size)
            if (!finished[static_cast<std::size_t>(k)]) mine.push_back(k);
        const int threads = thread_count();
        spdlog::info("ART: {} searches ({} on this process, {} threads), {} evaluation{}", recipe.searches, mine.size(),
                     threads, sample.local ? "local (open copy)" : "whole-sample",
                     sample.local ? fmt::format(" (active radius {} Å, margin {} Å)", recipe.region.active_radius_A,
                                                recipe.region.margin_A)
                                  : fmt::format(" (box too small for an open copy; atoms beyond {} Å of the centre "
                                                "held)", recipe.region.active_radius_A));
        auto last = std::chrono::steady_clock::now();
        const auto progress = [&](std::size_t done, std::size_t total) {
            const auto now = std::chrono::steady_clock::now();
            if (done != total && std::chrono::duration<double>(now - last).count() < 10.0) return;
            last = now;
            const double el = std::chrono::duration<double>(now - t0).count();
            const double rate = static_cast<double>(done) / std::max(el, 1e-9);
            spdlog::info("ART: {}/{} searches, {:.2f} searches/s, ETA {}", done, total, rate,
                         duration_text(static_cast<double>(total - done) / std::max(rate, 1e-9)));
        };
        // Searches are pure functions of (sample, recipe, index): completed ones are kept and
        // skipped on resume, whatever the thread count or the order in which they finished.
        atom::CheckpointClock clock(o.checkpoint_every_s);
        const auto on_record = [&](const atom::ArtSearchRecord& r) {
            done.push_back(r);
            if (interrupt_signal() == 0 && clock.due()) {
                write_art_checkpoint(ckpt, key, done);
                clock.written();
            }
        };
        const auto stop = [] { return interrupt_signal() != 0; };
        atom::run_art_searches(sample, recipe, mine, threads, progress, on_record, stop);
        // Stopping is collective: a process whose share was done when the signal came must
        // not wait at the merge for those that stopped.
        if (world->sum(interrupt_signal() != 0 ? 1 : 0) > 0) {
            if (interrupt_signal() == 0) request_interrupt(SIGTERM);  // not delivered here
            write_art_checkpoint(ckpt, key, done);
            atom::stop_if_interrupted(ckpt, command);
        }
        std::vector<atom::ArtSearchRecord> records = done;
        if (size > 1) {
            atom::write_art_searches(out / "ranks" / fmt::format("searches-{}.csv", rank), records);
            world->barrier();
            if (rank != 0) {
                world->barrier();  // rank 0 has written the merged tables
                std::filesystem::remove(ckpt);
                return 0;
            }
            records.clear();
            for (int r = 0; r < size; ++r) {
                auto part = atom::read_art_searches(out / "ranks" / fmt::format("searches-{}.csv", r));
                records.insert(records.end(), part.begin(), part.end());
            }
        }
        atom::mark_duplicates(records, recipe);
        atom::write_art_searches(out / "searches.csv", records);
        atom::write_art_events(out / "art_events.csv", records, recipe);
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        write_summary(out / "summary.yaml", recipe, sample, records, wall, size, threads);
        std::size_t kept = 0;
        for (const auto& r : records) kept += r.kept();
        spdlog::info("ART: {} searches, {} distinct connected events -> {}", records.size(), kept,
                     (out / "art_events.csv").string());
        std::filesystem::remove(ckpt);
        // Checkpoints of processes of an earlier, larger world (their searches are in these
        // tables now).
        if (std::filesystem::is_directory(out / "ranks"))
            for (const auto& e : std::filesystem::directory_iterator(out / "ranks"))
                if (e.path().filename().string().starts_with("checkpoint-")) std::filesystem::remove(e.path());
        if (size > 1) world->barrier();
        return 0;
    } catch (const Interrupted&) {
        throw;
    } catch (...) {
        abort_world(*world, 1);
        throw;
    }
}

}  // namespace

void add_atom_art_command(CLI::App& atom, Action& action) {
    auto o = std::make_shared<ArtOptions>();
    CLI::App* art = atom.add_subcommand(
        "art", "ART nouveau event searches on a minimized sample, in parallel (threads; MPI ranks under mpirun): "
               "barriers, local strain, displacements; art_events.csv for stzkmc calibrate");
    art->add_option("RECIPE", o->recipe, "ART recipe YAML (see examples/atomistic/art_glass.yaml)")
        ->check(CLI::ExistingFile);
    art->add_option("--checkpoint-every", o->checkpoint_every_s,
                    "seconds of wall time between checkpoints (OUT/checkpoint.bin: the searches done; 0: only on "
                    "SIGINT/SIGTERM)")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    art->add_option("--resume", o->resume,
                    "continue the campaign whose output folder is DIR, skipping the searches it has done; RECIPE may "
                    "be left out (DIR/recipe.yaml is used, its relative paths read from the current folder)")
        ->option_text("DIR");
    art->add_option("--out", o->out, "output folder (default: results/art/<recipe name>)");
    art->add_option_function<std::uint64_t>(
        "--seed", [o](const std::uint64_t& s) { o->seed = s; o->seed_given = true; },
        "random seed (overrides the recipe's seed:)");
    art->add_option("--searches", o->searches, "number of searches (overrides the recipe's searches:)")
        ->check(CLI::PositiveNumber);
    art->callback([&action, o] { action = [o] { return run_art(*o); }; });
}

}  // namespace stz::cli
