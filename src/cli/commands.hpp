#pragma once
// Subcommands of the stzkmc program. Each registers its options on the CLI11 app and
// returns the action to run once the command line has been parsed.
#include <CLI/CLI.hpp>
#include <functional>

namespace stz::cli {

using Action = std::function<int()>;

/// Options of the program as a whole, known once the command line has been parsed.
struct GlobalOptions {
    int threads = 0;     ///< --threads (0: not given)
    bool quiet = false;  ///< -q
};

/// `stzkmc eshelby FILE.yaml [--out DIR] [--set key=value ...]`
void add_eshelby_command(CLI::App& app, Action& action);
/// `stzkmc run FILE.yaml [--out DIR] [--seed S] [--set key=value ...]`
void add_run_command(CLI::App& app, Action& action);
/// `stzkmc sweep FILE.yaml [--out DIR] [--jobs J] [--shard I/N] [--list]`
void add_sweep_command(CLI::App& app, Action& action, const GlobalOptions& global);
/// `stzkmc calibrate FILE.yaml --out FRAGMENT.yaml [--report DIR | --no-report]`
void add_calibrate_command(CLI::App& app, Action& action);
/// `stzkmc atom eval|quench|strain|aqs|shear|voronoi|art ...`
void add_atom_command(CLI::App& app, Action& action);
/// `stzkmc atom art RECIPE.yaml [--out DIR] [--seed S] [--searches N]` (under `atom`)
void add_atom_art_command(CLI::App& atom, Action& action);
/// `stzkmc bench elasticity [...]`
void add_bench_command(CLI::App& app, Action& action);

}  // namespace stz::cli
