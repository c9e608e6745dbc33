// `stzkmc run`: one kMC simulation along the configured loading path (kmc/run_job.cpp).
#include <spdlog/spdlog.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "src/cli/commands.hpp"
#include "stz/config/load_config.hpp"
#include "stz/core/error.hpp"
#include "stz/kmc/run_job.hpp"

namespace stz::cli {

void add_run_command(CLI::App& app, Action& action) {
    struct Options {
        std::string file;
        std::string out;
        std::optional<std::uint64_t> seed;
        std::vector<std::string> overrides;
        std::string resume;
        double checkpoint_every_s = 600;
    };
    auto opt = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("run", "STZ kinetic Monte Carlo run: stress-strain curve, "
                                              "avalanches, field snapshots");
    cmd->add_option("file", opt->file,
                    "parameter file (YAML); with --resume, optional (the folder's params.yaml)");
    cmd->add_option("-o,--out", opt->out, "run folder (default results/<file name>)");
    cmd->add_option("--seed", opt->seed, "random seed, 0 .. 2^64-1 (same as --set run.seed=S)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--set", opt->overrides, "override a parameter: key.path=value (repeatable)");
    cmd->add_option("--resume", opt->resume,
                    "continue the interrupted run in this folder from its checkpoint.bin "
                    "(docs/checkpoints.md)");
    cmd->add_option("--checkpoint-every", opt->checkpoint_every_s,
                    "wall-clock seconds between checkpoints (default 600; 0: only on SIGINT/SIGTERM)")
        ->check(CLI::NonNegativeNumber);
    cmd->callback([opt, &action] {
        action = [opt] {
            std::vector<std::string> overrides = opt->overrides;
            if (opt->seed) overrides.push_back("run.seed=" + std::to_string(*opt->seed));
            RunOptions options;
            options.checkpoint_interval_s = opt->checkpoint_every_s;
            std::string out = opt->out;
            std::string file = opt->file;
            if (!opt->resume.empty()) {
                STZ_REQUIRE(out.empty() || std::filesystem::path(out) == opt->resume,
                            "run: --out " << out << " and --resume " << opt->resume
                                          << " name different folders; --resume alone names it");
                out = opt->resume;
                options.resume = true;
                require_resumable(out);
                // Without a file, the folder's resolved parameters; the checkpoint's key
                // refuses any other parameters either way.
                if (file.empty()) {
                    STZ_REQUIRE(overrides.empty(), "run: --set and --seed need the parameter "
                                                   "file; --resume DIR alone uses DIR/params.yaml");
                    file = (std::filesystem::path(out) / "params.yaml").string();
                }
            }
            STZ_REQUIRE(!file.empty(), "run: a parameter file is required (or --resume DIR)");
            const Config cfg = load_config(file, overrides);
            if (out.empty()) out = "results/" + std::filesystem::path(file).stem().string();
            const RunResult r = run_simulation(cfg, out, options);
            spdlog::info("results written to {}", r.out_dir.string());
            return 0;
        };
    });
}

}  // namespace stz::cli
