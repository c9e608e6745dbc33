// `stzkmc eshelby`: the elasticity demonstration (one inclusion, closed-form comparison).
#include <spdlog/spdlog.h>

#include <memory>
#include <string>
#include <vector>

#include "src/cli/commands.hpp"
#include "stz/config/load_config.hpp"
#include "stz/elasticity/eshelby_job.hpp"

namespace stz::cli {

void add_eshelby_command(CLI::App& app, Action& action) {
    struct Options {
        std::string file;
        std::string out = "results/eshelby";
        std::vector<std::string> overrides;
    };
    auto opt = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "eshelby", "stress field of one Eshelby inclusion, written with Eshelby's closed form");
    cmd->add_option("file", opt->file, "parameter file (YAML) with grid, material, eshelby")
        ->required();
    cmd->add_option("-o,--out", opt->out, "output folder (created; files replaced atomically)");
    cmd->add_option("--set", opt->overrides, "override a parameter: key.path=value (repeatable)");
    cmd->callback([opt, &action] {
        action = [opt] {
            const Config cfg = load_config(opt->file, opt->overrides);
            spdlog::info("eshelby: {} ({}x{}x{}), output in {}", opt->file, cfg.grid.nx,
                         cfg.grid.ny, cfg.grid.nz, opt->out);
            const EshelbyResult r = run_eshelby(cfg, opt->out);
            spdlog::info("interior stress xy {:.6g} GPa (closed form {:.6g} GPa), solve {:.3f} s",
                         r.interior_stress.xy, r.interior_stress_analytic.xy, r.solve_seconds);
            spdlog::info("results written to {}", r.out_dir.string());
            return 0;
        };
    });
}

}  // namespace stz::cli
