#pragma once
// Subcommands of the stzkmc program. Each registers its options on the CLI11 app and
// returns the action to run once the command line has been parsed.
#include <CLI/CLI.hpp>
#include <functional>

namespace stz::cli {

using Action = std::function<int()>;

/// `stzkmc eshelby FILE.yaml [--out DIR] [--set key=value ...]`
void add_eshelby_command(CLI::App& app, Action& action);
/// `stzkmc run FILE.yaml [--out DIR] [--seed S] [--set key=value ...]`
void add_run_command(CLI::App& app, Action& action);
/// `stzkmc bench elasticity [...]`
void add_bench_command(CLI::App& app, Action& action);

}  // namespace stz::cli
