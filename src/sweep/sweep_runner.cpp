// Running the cases of a sweep and writing its tables (include/stz/sweep/sweep_runner.hpp).
#include "stz/sweep/sweep_runner.hpp"

#include <spdlog/spdlog.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "stz/core/build_info.hpp"
#include "stz/core/duration_text.hpp"
#include "stz/core/error.hpp"
#include "stz/core/interrupt.hpp"
#include "stz/io/atomic_file.hpp"
#include "stz/kmc/run_job.hpp"
#include "stz/sweep/sweep_tables.hpp"
#include "src/sweep/case_folder.hpp"

namespace stz {

namespace {

using Clock = std::chrono::steady_clock;

using sweep_detail::read_file_or_empty;

std::string sweep_yaml_text(const SweepSpec& spec, const SweepPlan& plan) {
    YAML::Emitter e;
    e << YAML::Comment("stzkmc " + build_info().version + " sweep: what was run (docs/sweeps.md)");
    e << YAML::BeginMap;
    e << YAML::Key << "version" << YAML::Value << build_info().version;
    e << YAML::Key << "name" << YAML::Value << spec.name;
    e << YAML::Key << "description" << YAML::Value << spec.description;
    e << YAML::Key << "sweep_file" << YAML::Value << spec.file.filename().string();
    e << YAML::Key << "base" << YAML::Value << spec.base.filename().string();
    e << YAML::Key << "metrics_at_plastic_strain" << YAML::Value << spec.metrics_at_plastic_strain;
    e << YAML::Key << "seeds" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (auto s : spec.seeds) e << s;
    e << YAML::EndSeq;
    e << YAML::Key << "axes" << YAML::Value << YAML::BeginSeq;
    for (const auto& a : spec.axes) {
        e << YAML::BeginMap << YAML::Key << "name" << YAML::Value << a.name;
        e << YAML::Key << "keys" << YAML::Value << YAML::Flow << a.keys;
        e << YAML::Key << "labels" << YAML::Value << YAML::Flow << a.labels;
        e << YAML::EndMap;
    }
    e << YAML::EndSeq;
    e << YAML::Key << "groups" << YAML::Value << YAML::BeginSeq;
    for (const auto& g : plan.groups) {
        e << YAML::BeginMap << YAML::Key << "index" << YAML::Value << g.index;
        e << YAML::Key << "name" << YAML::Value << g.name;
        e << YAML::Key << "labels" << YAML::Value << YAML::Flow << g.labels;
        e << YAML::Key << "overrides" << YAML::Value << YAML::Flow << g.overrides;
        e << YAML::EndMap;
    }
    e << YAML::EndSeq << YAML::EndMap;
    return std::string(e.c_str()) + "\n";
}

std::string case_yaml_text(const SweepPlan& plan, const SweepCase& c) {
    YAML::Emitter e;
    e << YAML::Comment("written when the run finished: marks the case done for a resumed sweep");
    e << YAML::BeginMap;
    e << YAML::Key << "case" << YAML::Value << c.index;
    e << YAML::Key << "group" << YAML::Value << plan.groups[c.group].name;
    e << YAML::Key << "seed" << YAML::Value << c.seed;
    e << YAML::Key << "labels" << YAML::Value << YAML::Flow << plan.groups[c.group].labels;
    e << YAML::EndMap;
    return std::string(e.c_str()) + "\n";
}

/// A params.yaml text without its comment lines (which name the sweep and case it came from):
/// two runs with equal keys are the same run.
std::string without_comments(const std::string& text) {
    std::istringstream in(text);
    std::string line, out;
    while (std::getline(in, line))
        if (line.rfind('#', 0) != 0) out += line + "\n";
    return out;
}

/// Finished case folders (case.yaml present) of other sweeps' output folders, by the keys of
/// their params.yaml; the first found wins (folders in the order given, cases in name order).
std::map<std::string, std::filesystem::path> finished_cases_in(
    const std::vector<std::filesystem::path>& dirs) {
    namespace fs = std::filesystem;
    std::map<std::string, fs::path> found;
    for (const fs::path& d : dirs) {
        STZ_REQUIRE(fs::is_directory(d / "cases"),
                    "sweep --reuse " << d.string() << ": not a sweep output folder (no cases/ in it)");
        std::vector<fs::path> runs;
        for (const auto& group : fs::directory_iterator(d / "cases")) {
            if (!group.is_directory()) continue;
            for (const auto& run : fs::directory_iterator(group.path()))
                if (run.is_directory() && fs::is_regular_file(run.path() / "case.yaml"))
                    runs.push_back(run.path());
        }
        std::sort(runs.begin(), runs.end());
        for (const fs::path& r : runs) found.emplace(without_comments(read_file_or_empty(r / "params.yaml")), r);
    }
    return found;
}

/// Copies finished run folder `from` to case folder `to` (hard links where the file system
/// allows: finished outputs are not rewritten), through a temporary folder renamed at the
/// end, with this sweep's params.yaml (the same keys, its own header) and case.yaml.
void copy_finished_case(const std::filesystem::path& from, const std::filesystem::path& to,
                        const std::string& params_yaml, const std::string& case_yaml) {
    namespace fs = std::filesystem;
    const fs::path tmp = to.parent_path() / (to.filename().string() + ".reuse-tmp");
    fs::remove_all(tmp);
    fs::create_directories(to.parent_path());
    try {
        fs::copy(from, tmp, fs::copy_options::recursive | fs::copy_options::create_hard_links);
    } catch (const fs::filesystem_error&) {
        fs::remove_all(tmp);
        fs::copy(from, tmp, fs::copy_options::recursive);
    }
    // New files, not writes through the hard links: the other sweep's folder is left as it is.
    fs::remove(tmp / "params.yaml");
    write_file_atomic(tmp / "params.yaml", params_yaml);
    fs::remove(tmp / "case.yaml");
    write_file_atomic(tmp / "case.yaml", case_yaml);
    fs::remove_all(to);
    fs::rename(tmp, to);
}

}  // namespace

SweepReport run_sweep(const SweepSpec& spec, const SweepOptions& opt, SweepWorld& world) {
    STZ_REQUIRE(opt.jobs >= 1, "sweep: jobs must be at least 1, got " << opt.jobs);
    STZ_REQUIRE(opt.threads_per_job >= 1, "sweep: threads per job must be at least 1");
    STZ_REQUIRE(opt.shard_count >= 1 && opt.shard_index < opt.shard_count,
                "sweep: shard " << opt.shard_index << " of " << opt.shard_count
                                << " does not exist (expected 0 <= index < count)");
    STZ_REQUIRE(!opt.tables_only || opt.shard_count == 1,
                "sweep: tables only and shards exclude each other (a shard writes no tables)");
    const auto t0 = Clock::now();
    const SweepPlan plan = plan_sweep(spec);
    SweepReport rep;
    rep.cases = plan.cases.size();

    // Resolve every case first: a bad value fails the sweep before anything runs.
    std::vector<Config> configs;
    std::vector<std::string> params_text;
    for (const SweepCase& c : plan.cases) {
        configs.push_back(resolve_case(spec, plan, c));
        params_text.push_back(params_file_text(configs.back()));
    }

    if (world.rank() == 0) {
        ensure_directory(opt.out_dir);
        write_file_atomic(opt.out_dir / "sweep.yaml", sweep_yaml_text(spec, plan));
    }
    world.barrier();

    auto finished = [&](const SweepCase& c) {
        const auto dir = opt.out_dir / c.dir;
        return sweep_detail::finished_with(dir, params_text[c.index]);
    };
    // Cases another sweep already ran with the same parameters: copied, not run.
    if (!opt.reuse_dirs.empty()) {
        std::size_t reused = 0;
        if (world.rank() == 0) {
            const auto found = finished_cases_in(opt.reuse_dirs);
            for (const SweepCase& c : plan.cases) {
                if (finished(c)) continue;
                const auto it = found.find(without_comments(params_text[c.index]));
                if (it == found.end()) continue;
                copy_finished_case(it->second, opt.out_dir / c.dir, params_text[c.index],
                                   case_yaml_text(plan, c));
                spdlog::info("sweep {}: case {} ({}) copied from {}", spec.name, c.index,
                             c.dir.string(), it->second.string());
                ++reused;
            }
            spdlog::info("sweep {}: {} case{} copied from finished runs of other sweeps with the same "
                         "parameters", spec.name, reused, reused == 1 ? "" : "s");
        }
        rep.reused = std::size_t(world.sum(static_cast<long long>(reused)));
    }
    std::vector<std::size_t> pending;
    for (const SweepCase& c : plan.cases) {
        if (finished(c)) ++rep.already_done;
        else if (!opt.tables_only && c.index % opt.shard_count == opt.shard_index)
            pending.push_back(c.index);
    }
    // Every process has looked at the folder before any writes to it.
    world.barrier();

    std::vector<std::size_t> mine;
    for (std::size_t k = 0; k < pending.size(); ++k)
        if (k % std::size_t(world.size()) == std::size_t(world.rank())) mine.push_back(pending[k]);
    if (world.rank() == 0) {
        spdlog::info("sweep {}: {} groups x {} seeds = {} cases; {} finished earlier, {} to run{} "
                     "({} process{}, {} job{} of {} thread{} each)",
                     spec.name, plan.groups.size(), spec.seeds.size(), rep.cases, rep.already_done,
                     pending.size(),
                     opt.shard_count > 1 ? " in shard " + std::to_string(opt.shard_index) + "/" +
                                               std::to_string(opt.shard_count)
                                         : "",
                     world.size(), world.size() == 1 ? "" : "es", opt.jobs, opt.jobs == 1 ? "" : "s",
                     opt.threads_per_job, opt.threads_per_job == 1 ? "" : "s");
    }

    InterruptHandler interrupt_handler;  // between cases too, a signal stops cleanly
    std::atomic<std::size_t> next{0}, done{0}, failed{0}, stopped{0};
    std::mutex log_mutex;
    auto worker = [&] {
        set_thread_count(opt.threads_per_job);
        for (;;) {
            if (interrupt_signal() != 0) return;  // start no new case
            const std::size_t k = next.fetch_add(1);
            if (k >= mine.size()) return;
            const SweepCase& c = plan.cases[mine[k]];
            const std::string tag = "[" + plan.groups[c.group].name + "/seed_" + std::to_string(c.seed) + "] ";
            try {
                const auto dir = opt.out_dir / c.dir;
                std::filesystem::remove(dir / "case.yaml");
                RunOptions ro;
                ro.log_tag = tag;
                ro.checkpoint_interval_s = opt.checkpoint_interval_s;
                // Stopped part-way for these very parameters: continue where it was.
                ro.resume = sweep_detail::resumable_with(dir, params_text[c.index]);
                const RunResult r = run_simulation(configs[c.index], dir, ro);
                write_file_atomic(dir / "case.yaml", case_yaml_text(plan, c));
                const std::size_t n = ++done;
                const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
                const double eta = elapsed * double(mine.size() - n) / double(n);
                const std::lock_guard<std::mutex> lock(log_mutex);
                spdlog::info("sweep: case {} done ({}/{} here): yield {:.3f} GPa, peak {:.3f} GPa; "
                             "elapsed {}, ETA {}",
                             c.index, n, mine.size(), r.curve.yield_stress_GPa, r.curve.peak_stress_GPa,
                             duration_text(elapsed), duration_text(eta));
            } catch (const Interrupted& e) {
                ++stopped;
                const std::lock_guard<std::mutex> lock(log_mutex);
                spdlog::warn("sweep: case {} stopped with a checkpoint", c.index);
            } catch (const std::exception& e) {
                ++failed;
                const std::lock_guard<std::mutex> lock(log_mutex);
                spdlog::error("sweep: case {} ({}) failed: {}", c.index, tag, e.what());
            }
        }
    };
    const int jobs = int(std::min<std::size_t>(std::size_t(opt.jobs), std::max<std::size_t>(mine.size(), 1)));
    if (jobs <= 1) {
        worker();
    } else {
        std::vector<std::thread> threads;
        for (int j = 0; j < jobs; ++j) threads.emplace_back(worker);
        for (auto& t : threads) t.join();
    }

    rep.ran = std::size_t(world.sum((long long)done.load()));
    rep.failed = std::size_t(world.sum((long long)failed.load()));
    // Every process stops if any was signalled (a collective decision: no process may wait
    // at a barrier for one that has left).
    const long long signalled =
        world.sum((long long)(stopped.load() > 0 || interrupt_signal() != 0));
    if (signalled > 0) {
        const int sig = interrupt_signal() != 0 ? interrupt_signal() : SIGTERM;
        throw Interrupted(sig, "sweep " + spec.name + " stopped by " + signal_name(sig) + ": " +
                                   std::to_string(world.sum((long long)stopped.load())) +
                                   " running cases saved checkpoints, " +
                                   std::to_string(rep.ran) +
                                   " finished now; run the same command to continue");
    }
    world.barrier();

    if (world.rank() == 0) {
        std::vector<std::optional<std::vector<double>>> metrics(plan.cases.size());
        for (const SweepCase& c : plan.cases) {
            if (finished(c))
                metrics[c.index] = read_run_metrics(opt.out_dir / c.dir, spec.metrics_at_plastic_strain);
            else
                ++rep.missing;
        }
        const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
        if (opt.shard_count == 1) {
            write_sweep_tables(spec, plan, metrics, opt.out_dir);
            rep.tables_written = true;
        }
        std::ostringstream info;
        info << "# not reproducible by design: timing of the last invocation\n"
             << "wall_seconds: " << wall << "\n"
             << "processes: " << world.size() << "\n"
             << "jobs_per_process: " << opt.jobs << "\n"
             << "threads_per_job: " << opt.threads_per_job << "\n"
             << "shard: [" << opt.shard_index << ", " << opt.shard_count << "]\n"
             << "cases_run: " << rep.ran << "\n"
             << "cases_failed: " << rep.failed << "\n"
             << "cases_done_before: " << rep.already_done << "\n";
        write_file_atomic(opt.out_dir / "sweep_run_info.yaml", info.str());
    }
    rep.missing = std::size_t(world.sum((long long)rep.missing));
    return rep;
}

}  // namespace stz
