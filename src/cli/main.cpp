// stzkmc: the command-line program. Errors from the library (stz::Error) are logged and
// turned into a non-zero exit status; the library itself never exits. A job stopped by
// SIGINT/SIGTERM after writing its checkpoint (stz::Interrupted) exits with 128 + signal.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "src/cli/commands.hpp"
#include "stz/core/build_info.hpp"
#include "stz/core/error.hpp"
#include "stz/core/interrupt.hpp"
#include "stz/version.hpp"

int main(int argc, char** argv) {
    CLI::App app{"stzkmc: shear-transformation-zone kinetic Monte Carlo for metallic glasses"};
    app.require_subcommand(1);
    app.fallthrough();  // global options (--threads, -q) may follow the subcommand
    app.set_version_flag("--version", std::string("stzkmc ") + stz::kVersion);
    stz::cli::GlobalOptions global;
    app.add_option("--threads", global.threads, "threads for parallel loops (default: OMP_NUM_THREADS)")
        ->check(CLI::Range(1, 1024).description("an integer from 1 to 1024"));
    app.add_flag("-q,--quiet", global.quiet, "log warnings and errors only");

    stz::cli::Action action;
    stz::cli::add_run_command(app, action);
    stz::cli::add_sweep_command(app, action, global);
    stz::cli::add_calibrate_command(app, action);
    stz::cli::add_eshelby_command(app, action);
    stz::cli::add_atom_command(app, action);
    stz::cli::add_bench_command(app, action);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    spdlog::set_pattern("[%H:%M:%S] [%^%l%$] %v");
    if (global.quiet) spdlog::set_level(spdlog::level::warn);
    try {
        if (global.threads > 0) stz::set_thread_count(global.threads);
        return action ? action() : 0;
    } catch (const stz::Interrupted& e) {
        // A clean stop after a checkpoint: the shell's convention for death by a signal.
        spdlog::warn("{}", e.what());
        return 128 + e.signal();
    } catch (const stz::Error& e) {
        spdlog::error("{}", e.what());
        return 1;
    } catch (const std::exception& e) {
        spdlog::error("unexpected error: {}", e.what());
        return 1;
    }
}
