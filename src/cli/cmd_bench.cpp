// `stzkmc bench elasticity|kmc|resume|md|art`: timings of the elastic solver, the kMC engine
// (fresh, and from a run's checkpoint) and the atomistic MD engine against LAMMPS
// (docs/benchmarks.md).
#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "src/cli/commands.hpp"
#include "stz/bench/art_bench.hpp"
#include "stz/bench/elasticity_bench.hpp"
#include "stz/bench/kmc_bench.hpp"
#include "stz/bench/md_bench.hpp"
#include "stz/bench/resume_bench.hpp"
#include "stz/core/error.hpp"
#include "stz/io/atomic_file.hpp"

namespace stz::cli {

namespace {
/// "256" -> 256x256 (2D); "64x64x64" or "64^3" -> 3D; "128x96" -> 2D rectangle.
Grid parse_grid(const std::string& s) {
    int a = 0, b = 0, c = 0;
    char tail = 0;
    if (std::sscanf(s.c_str(), "%dx%dx%d%c", &a, &b, &c, &tail) == 3) return Grid{a, b, c};
    if (std::sscanf(s.c_str(), "%dx%d%c", &a, &b, &tail) == 2) return Grid{a, b, 1};
    if (std::sscanf(s.c_str(), "%d^3%c", &a, &tail) == 1 && s.find("^3") != std::string::npos)
        return Grid{a, a, a};
    if (std::sscanf(s.c_str(), "%d%c", &a, &tail) == 1) return Grid{a, a, 1};
    throw Error("--grid: expected N, NxM, NxMxK or N^3, got '" + s + "'");
}
}  // namespace

void add_bench_command(CLI::App& app, Action& action) {
    struct Options {
        std::vector<std::string> grids;
        double min_seconds = 0.3;
        std::string markdown;
    };
    auto opt = std::make_shared<Options>();
    CLI::App* bench = app.add_subcommand("bench", "performance benchmarks (print figures)");
    bench->require_subcommand(1);
    CLI::App* el = bench->add_subcommand(
        "elasticity", "full FFT solve and incremental kernel update times per grid size");
    el->add_option("--grid", opt->grids,
                   "grid to time: N (N^2), NxM, NxMxK or N^3; repeatable "
                   "(default 64^2..1024^2 and 32^3..128^3)");
    el->add_option("--min-seconds", opt->min_seconds, "minimum timing time per quantity")
        ->check(CLI::PositiveNumber);
    el->add_option("--markdown", opt->markdown, "also write the table to this Markdown file");
    el->callback([opt, &action] {
        action = [opt] {
            ElasticityBenchOptions o;
            o.min_seconds = opt->min_seconds;
            for (const auto& s : opt->grids) o.grids.push_back(parse_grid(s));
            if (o.grids.empty()) o.grids = default_elasticity_bench_grids();
            const auto rows = bench_elasticity(o);
            const std::string table = to_markdown(rows);
            std::printf("%s", table.c_str());
            if (!opt->markdown.empty()) write_file_atomic(opt->markdown, table);
            return 0;
        };
    });

    struct KmcOptions {
        std::vector<std::string> grids;
        KmcBenchOptions bench;
        std::string markdown;
    };
    auto ko = std::make_shared<KmcOptions>();
    CLI::App* km = bench->add_subcommand(
        "kmc", "events/s of the direct (003-eq 7) and thinning paths per grid size, Table 1 "
               "physics, with peak memory");
    km->add_option("--grid", ko->grids,
                   "grid to time: N (N^2), NxM, NxMxK or N^3; repeatable "
                   "(default 64^2..1024^2, 32^3, 64^3)");
    km->add_option("--modes", ko->bench.modes, "modes per voxel M")->check(CLI::PositiveNumber);
    km->add_option("--direct-seconds", ko->bench.direct_seconds,
                   "wall time for the direct path per grid")
        ->check(CLI::PositiveNumber);
    km->add_option("--thinning-seconds", ko->bench.thinning_seconds,
                   "wall time for the thinning path per grid")
        ->check(CLI::PositiveNumber);
    km->add_option("--events", ko->bench.max_events, "event cap for the thinning path")
        ->check(CLI::PositiveNumber);
    km->add_option("--markdown", ko->markdown, "also write the table to this Markdown file");
    km->callback([ko, &action] {
        action = [ko] {
            KmcBenchOptions o = ko->bench;
            for (const auto& s : ko->grids) o.grids.push_back(parse_grid(s));
            if (o.grids.empty()) o.grids = default_kmc_bench_grids();
            const auto rows = bench_kmc(o);
            const std::string table = to_markdown(rows);
            std::printf("%s", table.c_str());
            if (!ko->markdown.empty()) write_file_atomic(ko->markdown, table);
            return 0;
        };
    });
    auto ro = std::make_shared<ResumeBenchOptions>();
    CLI::App* rs = bench->add_subcommand(
        "resume", "events/s of the kMC engine from a run folder's checkpoint (deep inside a run: a "
                  "yield burst, a flowing shear band), with a digest of the state reached");
    rs->add_option("dir", ro->run_dir, "run folder with params.yaml and checkpoint.bin (only read)")
        ->required();
    rs->add_option("--events", ro->events, "events to run after the checkpoint")->check(CLI::PositiveNumber);
    rs->add_option("--repeat", ro->repeat, "times to run them, each from the checkpoint (best and median "
                                           "times; the states reached must agree)")
        ->check(CLI::PositiveNumber);
    rs->callback([ro, &action] {
        action = [ro] {
            const std::string text = to_text(bench_resume(*ro));
            std::printf("%s", text.c_str());
            return 0;
        };
    });

    struct MdOptions {
        MdBenchOptions bench;
        std::string threads = "1,2";
        bool no_lammps = false, no_opt = false;
        std::string markdown;
    };
    auto mo = std::make_shared<MdOptions>();
    CLI::App* md = bench->add_subcommand(
        "md", "µs per atom-step of EAM NPT MD, stzkmc against LAMMPS on the same data file "
              "(16,384 atoms Cu64Zr36, 1500 K, 500 steps of 2 fs by default)");
    md->add_option("--cells", mo->bench.cells, "fcc cells per edge (atoms = 4 cells^3)")->check(CLI::Range(2, 200));
    md->add_option("--steps", mo->bench.steps, "MD steps")->check(CLI::PositiveNumber);
    md->add_option("--threads-list", mo->threads, "comma-separated thread (and MPI rank) counts");
    md->add_option("--potential", mo->bench.potential, "EAM potential with Cu and Zr")->check(CLI::ExistingFile);
    md->add_option("--lammps", mo->bench.lammps, "LAMMPS executable");
    md->add_flag("--no-lammps", mo->no_lammps, "time stzkmc only");
    md->add_flag("--no-opt", mo->no_opt, "skip the LAMMPS -sf opt runs");
    md->add_option("--markdown", mo->markdown, "also write the table to this Markdown file");
    md->callback([mo, &action] {
        action = [mo] {
            MdBenchOptions o = mo->bench;
            if (mo->no_lammps) o.lammps.clear();
            o.lammps_opt = !mo->no_opt;
            o.threads.clear();
            std::stringstream in(mo->threads);
            for (std::string t; std::getline(in, t, ',');) {
                const int v = std::atoi(t.c_str());
                if (v < 1) throw Error("--threads-list: expected positive integers separated by commas, got '" + mo->threads + "'");
                o.threads.push_back(v);
            }
            const auto rows = bench_md(o);
            const std::string table = to_markdown(rows);
            std::printf("%s", table.c_str());
            if (!mo->markdown.empty()) write_file_atomic(mo->markdown, table);
            return 0;
        };
    });

    struct ArtOptions {
        ArtBenchOptions bench;
        std::string reps = "2x2x1,3x3x3,4x4x4";
        std::string markdown;
    };
    auto ao = std::make_shared<ArtOptions>();
    CLI::App* art = bench->add_subcommand(
        "art", "ART search cost with local force evaluation against whole-system evaluation, as a glass is "
               "replicated to larger samples (one thread)");
    art->add_option("--data", ao->bench.data, "Cu-Zr glass to replicate (LAMMPS data file; minimized first)");
    art->add_option("--potential", ao->bench.potential, "EAM potential with Cu and Zr")->check(CLI::ExistingFile);
    art->add_option("--replications", ao->reps, "comma-separated AxBxC replications of the sample");
    art->add_option("--searches", ao->bench.searches, "searches per size")->check(CLI::PositiveNumber);
    art->add_option("--seed", ao->bench.seed, "random seed of the searches");
    art->add_option("--markdown", ao->markdown, "also write the table to this Markdown file");
    art->callback([ao, &action] {
        action = [ao] {
            ArtBenchOptions o = ao->bench;
            o.replications.clear();
            std::stringstream in(ao->reps);
            for (std::string t; std::getline(in, t, ',');) {
                std::array<int, 3> r{};
                if (std::sscanf(t.c_str(), "%dx%dx%d", &r[0], &r[1], &r[2]) != 3 || r[0] < 1 || r[1] < 1 || r[2] < 1)
                    throw Error("--replications: expected AxBxC counts >= 1 separated by commas, got '" + ao->reps + "'");
                o.replications.push_back(r);
            }
            const auto rows = bench_art(o);
            const std::string table = to_markdown(rows);
            std::printf("%s", table.c_str());
            if (!ao->markdown.empty()) write_file_atomic(ao->markdown, table);
            return 0;
        };
    });
}

}  // namespace stz::cli
