#include "stz/bench/resume_bench.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "stz/config/load_config.hpp"
#include "stz/core/error.hpp"
#include "stz/core/sha256.hpp"
#include "stz/core/build_info.hpp"
#include "stz/io/state_file.hpp"
#include "stz/kmc/run_job.hpp"
#include "stz/kmc/simulation.hpp"

namespace stz {

double ResumeBenchResult::best_seconds() const {
    return seconds.empty() ? 0.0 : *std::min_element(seconds.begin(), seconds.end());
}

double ResumeBenchResult::median_seconds() const {
    if (seconds.empty()) return 0.0;
    std::vector<double> s = seconds;
    std::sort(s.begin(), s.end());
    const std::size_t n = s.size();
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

namespace {
std::int64_t events_of(const Simulation& sim) { return sim.counts().thermal + sim.counts().athermal; }
}  // namespace

ResumeBenchResult bench_resume(const ResumeBenchOptions& opt) {
    STZ_REQUIRE(opt.events > 0, "bench resume: --events must be positive, got " << opt.events);
    STZ_REQUIRE(opt.repeat > 0, "bench resume: --repeat must be positive, got " << opt.repeat);
    const auto params = opt.run_dir / "params.yaml";
    STZ_REQUIRE(std::filesystem::exists(params),
                opt.run_dir.string() << ": no params.yaml (expected a folder written by stzkmc run)");
    const Config cfg = load_config(params);
    ResumeBenchResult r;
    r.grid_nx = cfg.grid.nx;
    r.grid_ny = cfg.grid.ny;
    r.grid_nz = cfg.grid.nz;
    r.selection = to_string(cfg.kinetics.selection);
    Simulation sim(cfg);  // catalog and kernels once; every repetition restores the whole state
    for (int rep = 0; rep < opt.repeat; ++rep) {
        restore_run_checkpoint(opt.run_dir, cfg, sim);
        const EventCounts c0 = sim.counts();
        const Simulation::ThinningCounts t0 = sim.thinning_counts();
        const std::int64_t e0 = events_of(sim);
        if (rep == 0) {
            r.events_before = e0;
            r.strain_before = sim.applied_strain();
            r.stress_before_GPa = sim.stress_GPa();
        }
        const std::int64_t target = e0 + opt.events;
        sim.set_pause_check([&] { return events_of(sim) >= target; });
        const auto start = std::chrono::steady_clock::now();
        while (events_of(sim) < target) {
            if (sim.interval_open())
                sim.finish_interval();
            else
                sim.step();
        }
        const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        r.seconds.push_back(dt);
        StateWriter w;
        sim.save_state(w);
        const std::string digest = sha256_hex(w.bytes());
        const std::int64_t ev = events_of(sim) - e0;
        spdlog::info("bench resume: repetition {} of {}: {} events in {:.3f} s ({:.0f} events/s)", rep + 1,
                     opt.repeat, ev, dt, ev / dt);
        if (rep > 0) {
            STZ_REQUIRE(digest == r.state_sha256,
                        "bench resume: repetition " << rep + 1 << " ended in another state than the first ("
                                                    << digest << " != " << r.state_sha256
                                                    << "): the engine is not deterministic (a bug: please report it)");
            continue;
        }
        r.state_sha256 = digest;
        r.events = ev;
        r.thermal = sim.counts().thermal - c0.thermal;
        r.athermal = sim.counts().athermal - c0.athermal;
        r.strain_after = sim.applied_strain();
        r.stress_after_GPa = sim.stress_GPa();
        r.plastic_after = sim.plastic_strain();
        const Simulation::ThinningCounts& t = sim.thinning_counts();
        const double e = static_cast<double>(std::max<std::int64_t>(ev, 1));
        r.refreshes_per_event = static_cast<double>(t.block_refreshes - t0.block_refreshes) / e;
        r.candidates_per_event = static_cast<double>(t.candidates - t0.candidates) / e;
        r.exact_per_event = static_cast<double>(t.exact_voxels - t0.exact_voxels) / e;
        r.flushes_per_event = static_cast<double>(t.flushes - t0.flushes) / e;
    }
    return r;
}

std::string to_text(const ResumeBenchResult& r) {
    std::string s;
    s += fmt::format("grid {}x{}x{}, selection {}, {} thread(s)\n", r.grid_nx, r.grid_ny, r.grid_nz, r.selection,
                     thread_count());
    s += fmt::format("checkpoint: {} events, applied strain {:.6f}, stress {:.4f} GPa\n", r.events_before,
                     r.strain_before, r.stress_before_GPa);
    s += fmt::format("run: {} events ({} thermal, {} athermal) to applied strain {:.6f}, stress {:.4f} GPa, "
                     "plastic strain {:.6f}\n",
                     r.events, r.thermal, r.athermal, r.strain_after, r.stress_after_GPa, r.plastic_after);
    s += fmt::format("time: best {:.3f} s, median {:.3f} s of {}; events/s best {:.0f}, median {:.0f}\n",
                     r.best_seconds(), r.median_seconds(), r.seconds.size(), r.events / r.best_seconds(),
                     r.events / r.median_seconds());
    s += fmt::format("per event: {:.2f} block refreshes, {:.2f} candidates, {:.2f} exact voxel evaluations, "
                     "{:.4f} flushes\n",
                     r.refreshes_per_event, r.candidates_per_event, r.exact_per_event, r.flushes_per_event);
    s += fmt::format("state sha256 {}\n", r.state_sha256);
    return s;
}

}  // namespace stz
