// `stzkmc sweep`: the cases of a sweep file over local cores and MPI ranks (src/sweep/).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "src/cli/commands.hpp"
#include "src/cli/sweep_world.hpp"
#include "stz/core/error.hpp"
#include "stz/core/interrupt.hpp"
#include "stz/sweep/sweep_cases.hpp"
#include "stz/sweep/sweep_runner.hpp"
#include "stz/sweep/sweep_spec.hpp"
#include "stz/sweep/sweep_status.hpp"

namespace stz::cli {

namespace {

/// "I/N" -> (I, N) with 0 <= I < N.
std::pair<std::size_t, std::size_t> parse_shard(const std::string& text) {
    std::size_t i = 0, n = 0;
    char extra = 0;
    if (std::sscanf(text.c_str(), "%zu/%zu%c", &i, &n, &extra) != 2 || n == 0 || i >= n)
        throw Error("--shard " + text + ": expected I/N with 0 <= I < N, e.g. --shard 0/4");
    return {i, n};
}

void list_cases(const SweepSpec& spec, const SweepPlan& plan) {
    std::printf("# sweep %s: %zu groups x %zu seeds = %zu cases (base %s)\n", spec.name.c_str(),
                plan.groups.size(), spec.seeds.size(), plan.cases.size(), spec.base.string().c_str());
    std::printf("# case  folder  overrides\n");
    for (const SweepCase& c : plan.cases) {
        std::string ov;
        for (const auto& o : plan.groups[c.group].overrides) ov += (ov.empty() ? "" : " ") + o;
        std::printf("%zu  %s  %s run.seed=%llu\n", c.index, c.dir.string().c_str(), ov.c_str(),
                    static_cast<unsigned long long>(c.seed));
    }
}

}  // namespace

void add_sweep_command(CLI::App& app, Action& action, const GlobalOptions& global) {
    struct Options {
        std::string file, out, shard;
        std::vector<std::string> reuse;
        int jobs = 0;
        bool list = false, tables_only = false, status = false;
        double checkpoint_every_s = 600;
    };
    auto opt = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "sweep", "parametric sweep: every case of a sweep file, in parallel, resumable, with "
                 "tables of means and standard errors over seeds");
    cmd->add_option("file", opt->file, "sweep file (YAML, docs/sweeps.md)")->required();
    cmd->add_option("-o,--out", opt->out, "output folder (default results/sweeps/<name>)");
    cmd->add_option("-j,--jobs", opt->jobs,
                    "runs at once in this process (default: cores / threads per run; 1 per MPI rank)")
        ->check(CLI::Range(1, 4096));
    cmd->add_option("--shard", opt->shard,
                    "run only cases with index mod N = I (a job-array task), as I/N; no tables");
    cmd->add_option("--checkpoint-every", opt->checkpoint_every_s,
                    "wall-clock seconds between checkpoints of each run (default 600; 0: only "
                    "on SIGINT/SIGTERM); a rerun continues stopped cases from them")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--reuse", opt->reuse,
                    "output folder of another sweep (repeatable): cases with the same resolved "
                    "parameters and seed as a finished run there are copied, not run");
    cmd->add_flag("--list", opt->list, "print the cases and their overrides, run nothing");
    auto* tables_only = cmd->add_flag("--tables-only", opt->tables_only,
                                      "run nothing: write the tables from the cases finished so far (partial results)")
                            ->excludes("--shard");
    cmd->add_flag("--status", opt->status,
                  "run and write nothing: print each case's state in the output folder (finished, checkpoint, "
                  "...), its strains, snapshots and last write")
        ->excludes("--shard")
        ->excludes(tables_only)
        ->excludes("--list");
    cmd->callback([opt, &action, &global] {
        action = [opt, &global] {
            const SweepSpec spec = load_sweep_spec(opt->file);
            const SweepPlan plan = plan_sweep(spec);
            if (opt->list) {
                for (const SweepCase& c : plan.cases) (void)resolve_case(spec, plan, c);
                list_cases(spec, plan);
                return 0;
            }
            SweepOptions so;
            so.out_dir = opt->out.empty() ? std::filesystem::path("results/sweeps") / spec.name
                                          : std::filesystem::path(opt->out);
            if (opt->status) {
                // Read-only, one process: what a rerun would do with each case.
                const std::string text = sweep_status_text(spec, sweep_status(spec, plan, so.out_dir), so.out_dir);
                std::fputs(text.c_str(), stdout);
                return 0;
            }
            if (!opt->shard.empty()) std::tie(so.shard_index, so.shard_count) = parse_shard(opt->shard);
            so.threads_per_job = global.threads > 0 ? global.threads : 1;
            for (const std::string& d : opt->reuse) so.reuse_dirs.emplace_back(d);
            so.tables_only = opt->tables_only;

            const std::unique_ptr<SweepWorld> world = make_sweep_world();
            if (world->size() > 1) {
                spdlog::set_pattern("[%H:%M:%S] [rank " + std::to_string(world->rank()) + "] [%^%l%$] %v");
                if (world->rank() != 0 && global.quiet) spdlog::set_level(spdlog::level::warn);
            }
            const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
            so.checkpoint_interval_s = opt->checkpoint_every_s;
            so.jobs = opt->jobs > 0 ? opt->jobs
                      : world->size() > 1 ? 1
                                          : std::max(1, cores / so.threads_per_job);
            SweepReport rep;
            try {
                rep = run_sweep(spec, so, *world);
            } catch (const Interrupted&) {
                throw;  // every process stopped cleanly (a collective decision): exit 128 + signal
            } catch (const Error& e) {
                spdlog::error("{}", e.what());
                abort_world(*world, 1);
                return 1;
            }
            if (world->rank() != 0) return rep.failed > 0 ? 1 : 0;
            if (rep.tables_written) {
                spdlog::info("sweep {}: {} cases ({} run now, {} earlier); tables {} and {}", spec.name,
                             rep.cases - rep.missing, rep.ran, rep.already_done,
                             (so.out_dir / "aggregate.csv").string(), (so.out_dir / "cases.csv").string());
            } else {
                spdlog::info("sweep {}: shard {}/{} ran {} cases; run without --shard to write the "
                             "tables once every shard has finished",
                             spec.name, so.shard_index, so.shard_count, rep.ran);
            }
            if (so.tables_only && rep.missing > 0) {
                spdlog::warn("sweep {}: tables from {} of {} cases; {} not finished (run without "
                             "--tables-only to run them)",
                             spec.name, rep.cases - rep.missing, rep.cases, rep.missing);
                return 0;
            }
            if (rep.failed > 0 || (rep.tables_written && rep.missing > 0)) {
                spdlog::error("sweep {}: {} cases failed, {} not finished; rerun the same command "
                              "to retry them (finished cases are kept)",
                              spec.name, rep.failed, rep.missing);
                return 1;
            }
            return 0;
        };
    });
}

}  // namespace stz::cli
