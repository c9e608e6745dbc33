// `stzkmc run`: one kMC simulation along the configured loading path (kmc/run_job.cpp).
#include <spdlog/spdlog.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "src/cli/commands.hpp"
#include "stz/config/load_config.hpp"
#include "stz/kmc/run_job.hpp"

namespace stz::cli {

void add_run_command(CLI::App& app, Action& action) {
    struct Options {
        std::string file;
        std::string out;
        std::optional<std::uint64_t> seed;
        std::vector<std::string> overrides;
    };
    auto opt = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("run", "STZ kinetic Monte Carlo run: stress-strain curve, "
                                              "avalanches, field snapshots");
    cmd->add_option("file", opt->file, "parameter file (YAML)")->required();
    cmd->add_option("-o,--out", opt->out, "run folder (default results/<file name>)");
    cmd->add_option("--seed", opt->seed, "random seed, 0 .. 2^64-1 (same as --set run.seed=S)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--set", opt->overrides, "override a parameter: key.path=value (repeatable)");
    cmd->callback([opt, &action] {
        action = [opt] {
            std::vector<std::string> overrides = opt->overrides;
            if (opt->seed) overrides.push_back("run.seed=" + std::to_string(*opt->seed));
            const Config cfg = load_config(opt->file, overrides);
            const std::string out =
                opt->out.empty()
                    ? "results/" + std::filesystem::path(opt->file).stem().string()
                    : opt->out;
            const RunResult r = run_simulation(cfg, out);
            spdlog::info("results written to {}", r.out_dir.string());
            return 0;
        };
    });
}

}  // namespace stz::cli
