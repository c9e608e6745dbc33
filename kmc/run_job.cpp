#include "stz/kmc/run_job.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>

#include "stz/config/load_config.hpp"
#include "stz/core/build_info.hpp"
#include "stz/core/duration_text.hpp"
#include "stz/core/error.hpp"
#include "stz/core/interrupt.hpp"
#include "stz/core/sha256.hpp"
#include "stz/io/atomic_file.hpp"
#include "stz/io/csv.hpp"
#include "stz/io/csv_journal.hpp"
#include "stz/io/npy.hpp"
#include "stz/io/state_file.hpp"
#include "stz/io/vti.hpp"
#include "stz/kmc/run_forecast.hpp"
#include "stz/kmc/simulation.hpp"
#include "stz/observe/strain_measures.hpp"

namespace stz {

namespace {

using Clock = std::chrono::steady_clock;

std::string num(double v) {
    if (std::isnan(v)) return ".nan";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

std::string snapshot_name(double ep) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "ep_%.4f", ep);
    return buf;
}

std::vector<std::size_t> npy_shape(const Grid& g) {
    if (g.dim() == 2) return {std::size_t(g.ny), std::size_t(g.nx)};
    return {std::size_t(g.nz), std::size_t(g.ny), std::size_t(g.nx)};
}

/// Curve points at every loading step (for the summary) and the CSV rows.
struct Curve {
    std::vector<double> strain, stress;
    void add(double e, double s) {
        if (!strain.empty() && e <= strain.back()) return;  // strictly increasing for analysis
        strain.push_back(e);
        stress.push_back(s);
    }
};

/// Kind of a run checkpoint, with the number of its payload layout: bumped whenever
/// Simulation::save_state or save_loop change what they write, so that a checkpoint of an
/// older build of the same version is refused by name instead of misread.
constexpr const char* kRunStateKind = "kmc-run, layout 5";
/// Layout 4 is still read: the same but for the avalanche table, which it kept whole in
/// the Simulation's state instead of on disk (avalanches.csv.part and its mark).
constexpr const char* kRunStateKindV4 = "kmc-run, layout 4";

/// avalanches.csv: one row per athermal avalanche, streamed to disk as the run goes.
const std::vector<std::string>& avalanche_columns() {
    static const std::vector<std::string> cols{
        "index",           "applied_strain",   "time_s",           "events",
        "voxels",          "stress_before_GPa", "stress_after_GPa", "plastic_strain_after"};
    return cols;
}

/// Moves the avalanches the simulation has recorded since the last call to the table.
void drain_avalanches(Simulation& sim, CsvJournal& table) {
    for (const Avalanche& a : sim.take_avalanches())
        table.row({double(a.index), a.applied_strain, a.time_s, double(a.events),
                   double(a.voxels), a.stress_before_GPa, a.stress_after_GPa,
                   a.plastic_strain_after});
}

/// The run loop's own state: what it has recorded so far and where it is. Saved with the
/// Simulation in checkpoints.
struct LoopState {
    Curve curve;
    std::vector<std::array<double, 6>> rows;  // stress_strain.csv rows, written at the end
    double last_row_strain = -1;
    double next_row = 0;           // applied strain of the next CSV row
    std::uint64_t next_snap = 0;   // index of the next snapshot target
    std::vector<SnapshotMetrics> snapshots;
    CsvJournal::Mark avalanche_mark;  // avalanches.csv.part as of the checkpoint
    bool has_avalanche_mark = false;  // false: a layout-4 checkpoint (no part file)

    void row(const Simulation& sim) {
        if (sim.applied_strain() == last_row_strain) return;
        last_row_strain = sim.applied_strain();
        rows.push_back({sim.applied_strain(), sim.stress_GPa(), sim.plastic_strain(), sim.time_s(),
                        double(sim.counts().thermal), double(sim.counts().athermal)});
    }
};

void save_loop(StateWriter& w, const LoopState& s) {
    w.put_vector(s.curve.strain);
    w.put_vector(s.curve.stress);
    w.put_vector(s.rows);
    w.put(s.last_row_strain);
    w.put(s.next_row);
    w.put(s.next_snap);
    w.put<std::uint64_t>(s.snapshots.size());
    for (const SnapshotMetrics& m : s.snapshots) {
        for (double v : {m.target_plastic_strain, m.plastic_strain, m.applied_strain, m.stress_GPa,
                         m.time_s, m.aebs_shift})
            w.put(v);
        const FieldMetrics& f = m.field;
        for (std::size_t v : {f.voxels, f.extreme_sites, f.plastic_voxels, f.largest_cluster})
            w.put<std::uint64_t>(v);
        for (double v : {f.mean, f.std_dev, f.max, f.extreme_fraction, f.psi, f.skewness,
                         f.cluster_fraction})
            w.put(v);
    }
    w.put(s.avalanche_mark.rows);
    w.put(s.avalanche_mark.bytes);
}

void restore_loop(StateReader& r, LoopState& s) {
    const bool layout4 = r.kind() == kRunStateKindV4;
    s.curve.strain = r.get_vector<double>("curve strains");
    s.curve.stress = r.get_vector<double>("curve stresses", s.curve.strain.size());
    s.rows = r.get_vector<std::array<double, 6>>("curve rows");
    s.last_row_strain = r.get<double>("last row");
    s.next_row = r.get<double>("next row");
    s.next_snap = r.get<std::uint64_t>("next snapshot");
    const auto n = r.get<std::uint64_t>("snapshot count");
    STZ_REQUIRE(n == s.next_snap, r.file().string() << ": " << n << " snapshots recorded, "
                                                    << s.next_snap << " expected");
    s.snapshots.clear();
    for (std::uint64_t k = 0; k < n; ++k) {
        SnapshotMetrics m;
        for (double* v : {&m.target_plastic_strain, &m.plastic_strain, &m.applied_strain,
                          &m.stress_GPa, &m.time_s, &m.aebs_shift})
            *v = r.get<double>("snapshot metrics");
        FieldMetrics& f = m.field;
        for (std::size_t* v : {&f.voxels, &f.extreme_sites, &f.plastic_voxels, &f.largest_cluster})
            *v = static_cast<std::size_t>(r.get<std::uint64_t>("snapshot metrics"));
        for (double* v : {&f.mean, &f.std_dev, &f.max, &f.extreme_fraction, &f.psi, &f.skewness,
                          &f.cluster_fraction})
            *v = r.get<double>("snapshot metrics");
        s.snapshots.push_back(m);
    }
    s.has_avalanche_mark = !layout4;
    s.avalanche_mark = {};
    if (!layout4) {
        s.avalanche_mark.rows = r.get<std::uint64_t>("avalanche table mark");
        s.avalanche_mark.bytes = r.get<std::uint64_t>("avalanche table mark");
    }
}

/// Identifies a run's parameters in its checkpoint: the SHA-256 of params_file_text()
/// (version, seed, every resolved key) without the name of the file they came from, so
/// that `--resume DIR` may read them back from DIR/params.yaml.
std::string checkpoint_key(Config cfg) {
    cfg.source.clear();
    return sha256_hex(params_file_text(cfg));
}

void write_summary(const std::filesystem::path& file, const Config& cfg, const Simulation& sim,
                   const CurveSummary& c, const std::vector<SnapshotMetrics>& snaps) {
    std::ostringstream os;
    const EventCounts& n = sim.counts();
    os << "# stzkmc run summary (stresses in GPa, strains dimensionless)\n"
       << "version: " << build_info().version << "\n"
       << "seed: " << cfg.run.seed << "\n"
       << "grid: [" << cfg.grid.nx << ", " << cfg.grid.ny << ", " << cfg.grid.nz << "]\n"
       << "loading_mode: " << to_string(cfg.loading.mode) << "\n"
       << "apparent_modulus_GPa: " << num(sim.apparent_modulus_GPa()) << "\n"
       << "yield_stress_GPa: " << num(c.yield_stress_GPa) << "  # 0.2 % offset\n"
       << "yield_strain: " << num(c.yield_strain) << "\n"
       << "peak_stress_GPa: " << num(c.peak_stress_GPa) << "\n"
       << "peak_strain: " << num(c.peak_strain) << "\n"
       << "flow_stress_GPa: " << num(c.flow_stress_GPa) << "  # mean over the flow window\n"
       << "flow_window: [" << num(c.flow_window_start) << ", " << num(c.flow_window_end) << "]\n"
       << "stress_drop_GPa: " << num(c.stress_drop_GPa) << "  # peak - flow\n"
       << "final_applied_strain: " << num(sim.applied_strain()) << "\n"
       << "final_stress_GPa: " << num(sim.stress_GPa()) << "\n"
       << "final_plastic_strain: " << num(sim.plastic_strain()) << "\n"
       << "final_time_s: " << num(sim.time_s()) << "\n"
       << "thermal_events: " << n.thermal << "\n"
       << "athermal_events: " << n.athermal << "\n"
       << "avalanches: " << n.avalanches << "\n"
       << "loading_steps: " << n.steps << "\n"
       << "aebs_shift: " << num(sim.aebs_shift()) << "  # dQ/Q at the end\n"
       << "snapshots:\n";
    if (snaps.empty()) os << "  []\n";
    for (const auto& s : snaps) {
        os << "  - {target_plastic_strain: " << num(s.target_plastic_strain)
           << ", plastic_strain: " << num(s.plastic_strain)
           << ", extreme_sites: " << s.field.extreme_sites
           << ", localization_index: " << num(s.field.std_dev) << ", psi: " << num(s.field.psi)
           << ", skewness: " << num(s.field.skewness)
           << ", s_max_over_s_all: " << num(s.field.cluster_fraction)
           << ", aebs_shift: " << num(s.aebs_shift) << "}\n";
    }
    write_file_atomic(file, os.str());
}

}  // namespace

SnapshotMetrics write_snapshot(const Simulation& sim, const std::filesystem::path& dir,
                               double target) {
    ensure_directory(dir);
    const Grid& g = sim.grid();
    const std::size_t n = g.size();
    const auto shape = npy_shape(g);
    std::vector<double> vm(n), vmp(n), eta(n);
    std::vector<std::int32_t> gen(n);
    std::vector<std::uint8_t> plastic(n);
    TensorField sig(g);
    for (std::size_t i = 0; i < n; ++i) {
        vm[i] = von_mises_strain(sim.total_strain(i));
        vmp[i] = von_mises_strain(sim.plastic_eigenstrain(i));
        eta[i] = sim.softening(i);
        gen[i] = static_cast<std::int32_t>(sim.catalog().generation(i));
        plastic[i] = gen[i] > 0 ? 1 : 0;  // plastic voxel: has transformed at least once
        sig.set(i, sim.stress(i));
    }
    const double threshold = sim.config().output.extreme_strain_threshold;
    SnapshotMetrics m;
    m.target_plastic_strain = target;
    m.plastic_strain = sim.plastic_strain();
    m.applied_strain = sim.applied_strain();
    m.stress_GPa = sim.stress_GPa();
    m.time_s = sim.time_s();
    m.field = field_metrics(g, vm, plastic, threshold);
    m.aebs_shift = sim.aebs_shift();

    write_npy(dir / "vm_strain.npy", shape, std::span<const double>(vm));
    write_npy(dir / "vm_plastic_strain.npy", shape, std::span<const double>(vmp));
    write_npy(dir / "softening.npy", shape, std::span<const double>(eta));
    write_npy(dir / "generation.npy", shape, std::span<const std::int32_t>(gen));
    VtiWriter vti(g, sim.config().grid.voxel_size_nm);
    vti.add_scalar("vm_strain", vm);
    vti.add_scalar("vm_plastic_strain", vmp);
    static const char* names[6] = {"xx", "yy", "zz", "yz", "xz", "xy"};
    for (int s = 0; s < sig.stored_components(); ++s) {
        const std::string name = std::string("sigma_") + names[int(sig.slot_component(s))];
        write_npy(dir / (name + ".npy"), shape, sig.slot(s));
        vti.add_scalar(name + "_GPa", sig.slot(s));
    }
    std::vector<double> gen_d(gen.begin(), gen.end());
    vti.add_scalar("generation", gen_d);
    vti.add_scalar("softening", eta);
    vti.write(dir / "fields.vti");

    std::ostringstream os;
    const FieldMetrics& f = m.field;
    os << "# field snapshot metrics (MODEL.md §5, docs/observables.md)\n"
       << "target_plastic_strain: " << num(target) << "\n"
       << "plastic_strain: " << num(m.plastic_strain) << "\n"
       << "applied_strain: " << num(m.applied_strain) << "\n"
       << "stress_GPa: " << num(m.stress_GPa) << "\n"
       << "time_s: " << num(m.time_s) << "\n"
       << "extreme_strain_threshold: " << num(threshold) << "\n"
       << "extreme_sites: " << f.extreme_sites << "\n"
       << "extreme_fraction: " << num(f.extreme_fraction) << "\n"
       << "localization_index: " << num(f.std_dev) << "  # std of voxel von Mises strain\n"
       << "mean_vm_strain: " << num(f.mean) << "\n"
       << "max_vm_strain: " << num(f.max) << "\n"
       << "psi: " << num(f.psi) << "\n"
       << "skewness: " << num(f.skewness) << "\n"
       << "plastic_voxels: " << f.plastic_voxels << "  # S_all: generation >= 1\n"
       << "largest_cluster: " << f.largest_cluster << "  # S_max\n"
       << "s_max_over_s_all: " << num(f.cluster_fraction) << "\n"
       << "aebs_shift: " << num(m.aebs_shift) << "  # dQ/Q = 1 - <dF e^-eta>/<dF>\n";
    write_file_atomic(dir / "metrics.yaml", os.str());
    return m;
}

void require_resumable(const std::filesystem::path& out_dir) {
    STZ_REQUIRE(std::filesystem::exists(out_dir / kRunCheckpointName),
                out_dir.string() << ": no " << kRunCheckpointName << " to resume from ("
                                 << (std::filesystem::exists(out_dir / "summary.yaml")
                                         ? "summary.yaml is there: the run finished"
                                         : "the run stopped before its first checkpoint, or "
                                           "never ran here")
                                 << "); run it again without --resume");
}

void restore_run_checkpoint(const std::filesystem::path& dir, const Config& cfg, Simulation& sim) {
    require_resumable(dir);
    StateReader in(dir / kRunCheckpointName, {kRunStateKind, kRunStateKindV4}, checkpoint_key(cfg),
                   "parameters");
    sim.restore_state(in);  // the loop's records follow; not needed here
}

std::string params_file_text(const Config& cfg) {
    return "# stzkmc " + build_info().version + " resolved parameters, seed " +
           std::to_string(cfg.run.seed) + "\n" + to_yaml(cfg);
}

RunResult run_simulation(const Config& cfg, const std::filesystem::path& out_dir,
                         const RunOptions& options) {
    const std::string tag = options.log_tag.empty() ? "run: " : options.log_tag;
    const std::string tag_sp = options.log_tag;  // progress lines carry no "run:"
    const auto t0 = Clock::now();
    RunResult res;
    res.out_dir = out_dir;
    ensure_directory(out_dir);
    const auto ckpt_file = out_dir / kRunCheckpointName;
    const std::string params_text = params_file_text(cfg);
    const std::string key = checkpoint_key(cfg);
    if (options.resume) {
        require_resumable(out_dir);
        remove_stale_temporaries(out_dir);
        if (std::filesystem::is_directory(out_dir / "snapshots"))
            for (const auto& d : std::filesystem::directory_iterator(out_dir / "snapshots"))
                if (d.is_directory()) remove_stale_temporaries(d.path());
    } else {
        remove_stale_temporaries(out_dir);
        std::filesystem::remove(ckpt_file);  // an earlier run's, in the way of --resume
        // Snapshots of an earlier run in the same folder would be mistaken for this run's.
        if (std::filesystem::exists(out_dir / "snapshots")) {
            spdlog::warn("{}removing the snapshots of an earlier run in {}", tag,
                         (out_dir / "snapshots").string());
            std::filesystem::remove_all(out_dir / "snapshots");
        }
    }
    // A resumed run keeps the params.yaml of its start (the checkpoint key has vouched for
    // the parameters); only the name of the file they were read from could differ.
    if (!options.resume) write_file_atomic(out_dir / "params.yaml", params_text);

    spdlog::info("{}{}x{}x{} voxels, M = {}, seed {}: building catalog and kernels", tag,
                 cfg.grid.nx, cfg.grid.ny, cfg.grid.nz, cfg.catalog.modes, cfg.run.seed);
    InterruptHandler interrupt_handler;
    Simulation sim(cfg);
    LoopState loop;
    std::optional<CsvJournal> avalanches;
    const auto avalanche_file = out_dir / "avalanches.csv";
    if (options.resume) {
        StateReader in(ckpt_file, {kRunStateKind, kRunStateKindV4}, key, "parameters");
        sim.restore_state(in);
        restore_loop(in, loop);
        in.expect_end();
        res.snapshots = loop.snapshots;
        if (loop.has_avalanche_mark) {
            std::error_code ec;
            const auto found = std::filesystem::file_size(avalanche_file.string() + ".part", ec);
            avalanches.emplace(
                CsvJournal::resume(avalanche_file, avalanche_columns(), loop.avalanche_mark));
            if (avalanches->reopened_target())
                spdlog::info("{}{} was there without its part file: the last run was stopped "
                             "while it finished; taken up again as {}", tag,
                             avalanche_file.string(), avalanches->part_path().string());
            else if (!ec && found > loop.avalanche_mark.bytes)
                spdlog::info("{}{}: cut back to the checkpoint's {} rows ({} bytes written "
                             "after it dropped)", tag, avalanches->part_path().string(),
                             loop.avalanche_mark.rows, found - loop.avalanche_mark.bytes);
        } else {
            // A layout-4 checkpoint holds every avalanche since the start in the
            // Simulation's state: the table starts afresh and receives them all.
            avalanches.emplace(avalanche_file, avalanche_columns());
            spdlog::info("{}checkpoint of layout 4: its {} avalanches go to {}", tag,
                         sim.avalanches().size(), avalanches->part_path().string());
        }
        const auto recorded = static_cast<std::uint64_t>(sim.counts().avalanches);
        STZ_REQUIRE(avalanches->rows() + sim.avalanches().size() == recorded,
                    ckpt_file.string() << ": " << recorded << " avalanches counted, but "
                                       << avalanches->rows() << " in "
                                       << avalanches->part_path().string() << " and "
                                       << sim.avalanches().size()
                                       << " in the checkpoint: they do not belong together");
        // There beside a checkpoint only if the last run was killed while it wrote its
        // final files: nothing may say "finished" while this one continues (both are
        // written again at its end).
        for (const char* name : {"summary.yaml", "run_info.yaml"})
            std::filesystem::remove(out_dir / name);
        spdlog::info("{}resumed from {} at strain {:.5f}, stress {:.4f} GPa, {} events", tag,
                     ckpt_file.string(), sim.applied_strain(), sim.stress_GPa(),
                     sim.counts().thermal + sim.counts().athermal);
    } else {
        avalanches.emplace(avalanche_file, avalanche_columns());
        loop.next_row = cfg.output.curve_interval_strain;
        loop.curve.add(sim.applied_strain(), sim.stress_GPa());
        loop.row(sim);
    }
    spdlog::info("{}set up in {:.2f} s; loading ({}) to strain {} at {} /s", tag,
                 std::chrono::duration<double>(Clock::now() - t0).count(),
                 to_string(cfg.loading.mode), cfg.loading.final_strain,
                 cfg.loading.strain_rate_per_s);

    auto write_checkpoint = [&] {
        const auto tc = Clock::now();
        // The avalanches so far go to disk first, and the checkpoint records how far the
        // table reaches: a resumed run cuts off whatever was written after it.
        drain_avalanches(sim, *avalanches);
        loop.avalanche_mark = avalanches->mark();
        StateWriter w;
        sim.save_state(w);
        loop.snapshots = res.snapshots;
        save_loop(w, loop);
        write_state_file(ckpt_file, kRunStateKind, key, w);
        spdlog::info("{}checkpoint at strain {:.5f}: {:.1f} MB in {:.2f} s", tag_sp,
                      sim.applied_strain(), double(w.bytes().size()) / 1e6,
                      std::chrono::duration<double>(Clock::now() - tc).count());
    };

    const auto& out = cfg.output;
    const double final_strain = cfg.loading.final_strain;
    auto t_progress = Clock::now();
    auto t_checkpoint = Clock::now();
    // Inside a loading interval: pause between two events for a signal or a due checkpoint.
    sim.set_pause_check([&] {
        return interrupt_signal() != 0 ||
               (options.checkpoint_interval_s > 0 &&
                std::chrono::duration<double>(Clock::now() - t_checkpoint).count() >=
                    options.checkpoint_interval_s);
    });
    const auto t_loop = Clock::now();
    // ETA from the recent pace of this process (a resumed run's earlier part excluded): a
    // run that turns into slow band flow after yield is forecast from that (run_forecast.hpp).
    RunForecast forecast({final_strain, cfg.loading.final_plastic_strain, cfg.run.max_events});
    const auto forecast_add = [&](double t_s) {
        forecast.add(t_s, sim.applied_strain(), sim.plastic_strain(),
                     sim.counts().thermal + sim.counts().athermal);
    };
    forecast_add(0.0);
    // A resumed run reports the pace of its own part only.
    const std::int64_t events_at_start =
        options.resume ? sim.counts().thermal + sim.counts().athermal : 0;
    std::int64_t events_at_progress = 0;
    auto events = [&] { return sim.counts().thermal + sim.counts().athermal; };
    events_at_progress = events();
    auto done = [&] {
        // Judged after whole loading steps only, as in a run that never paused.
        if (sim.interval_open()) return false;
        if (sim.applied_strain() >= final_strain - 1e-12) return true;
        if (cfg.loading.final_plastic_strain > 0 &&
            sim.plastic_strain() >= cfg.loading.final_plastic_strain)
            return true;
        return cfg.run.max_events > 0 && events() >= cfg.run.max_events;
    };
    while (!done()) {
        if (const int sig = interrupt_signal()) {
            write_checkpoint();
            throw Interrupted(sig, tag + "stopped by " + signal_name(sig) + " at applied strain " +
                                       num(sim.applied_strain()) + " after " +
                                       std::to_string(events()) + " events; checkpoint " +
                                       ckpt_file.string() + "; continue with: stzkmc run --resume " +
                                       out_dir.string());
        }
        if (sim.interval_open())
            sim.finish_interval();  // a loading interval paused for a checkpoint
        else
            sim.step();
        // Bounded memory (a band makes millions), and the part file up to date at the end
        // of every loading step, for whoever watches it.
        drain_avalanches(sim, *avalanches);
        avalanches->flush();
        if (sim.interval_open()) {
            // Paused inside a long interval (a yield burst can take minutes per interval):
            // the checkpoint is due or a signal came (the loop's head throws after saving).
            if (interrupt_signal() == 0) {
                write_checkpoint();
                t_checkpoint = Clock::now();
            }
            continue;
        }
        loop.curve.add(sim.applied_strain(), sim.stress_GPa());
        if (sim.applied_strain() >= loop.next_row - 1e-12) {
            loop.row(sim);
            while (loop.next_row <= sim.applied_strain() + 1e-12)
                loop.next_row += out.curve_interval_strain;
        }
        while (loop.next_snap < out.snapshot_plastic_strains.size() &&
               sim.plastic_strain() >= out.snapshot_plastic_strains[loop.next_snap]) {
            const double target = out.snapshot_plastic_strains[loop.next_snap];
            const auto dir = out_dir / "snapshots" / snapshot_name(target);
            res.snapshots.push_back(write_snapshot(sim, dir, target));
            spdlog::info("{}snapshot at plastic strain {:.4f} -> {} (extreme sites {}, "
                         "localization index {:.4f})", tag_sp,
                         sim.plastic_strain(), dir.string(), res.snapshots.back().field.extreme_sites,
                         res.snapshots.back().field.std_dev);
            ++loop.next_snap;
        }
        const auto now = Clock::now();
        if (options.checkpoint_interval_s > 0 && !done() &&
            std::chrono::duration<double>(now - t_checkpoint).count() >=
                options.checkpoint_interval_s) {
            write_checkpoint();
            t_checkpoint = Clock::now();
        }
        const double since = std::chrono::duration<double>(now - t_progress).count();
        if (since >= out.progress_interval_s) {
            const double elapsed = std::chrono::duration<double>(now - t_loop).count();
            // The run ends at whichever limit comes first: ETA to the first one.
            forecast_add(elapsed);
            const double rate = double(events() - events_at_progress) / since;
            if (cfg.loading.final_plastic_strain > 0)
                spdlog::info("{}strain {:.5f}/{:.4f}  stress {:.4f} GPa  plastic {:.5f}/{:.4f}  "
                             "events {} ({:.0f}/s)  ETA {}", tag_sp,
                             sim.applied_strain(), final_strain, sim.stress_GPa(),
                             sim.plastic_strain(), cfg.loading.final_plastic_strain, events(),
                             rate, duration_text(forecast.eta_s()));
            else
                spdlog::info("{}strain {:.5f}/{:.4f}  stress {:.4f} GPa  plastic {:.5f}  events {} "
                             "({:.0f}/s)  ETA {}", tag_sp,
                             sim.applied_strain(), final_strain, sim.stress_GPa(),
                             sim.plastic_strain(), events(), rate, duration_text(forecast.eta_s()));
            t_progress = now;
            events_at_progress = events();
        }
    }
    loop.row(sim);  // the final point (skipped if just written)
    {
        CsvWriter csv(out_dir / "stress_strain.csv",
                      {"applied_strain", "stress_GPa", "plastic_strain", "time_s",
                       "thermal_events", "athermal_events"});
        for (const auto& r : loop.rows) csv.row(std::span<const double>(r));
        csv.close();
    }

    drain_avalanches(sim, *avalanches);
    avalanches->commit();

    res.curve = loop.curve.strain.size() >= 2
                    ? summarize_curve(loop.curve.strain, loop.curve.stress,
                                      sim.apparent_modulus_GPa())
                    : CurveSummary{};
    write_summary(out_dir / "summary.yaml", cfg, sim, res.curve, res.snapshots);
    res.wall_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    res.events = events();
    std::ostringstream info;
    info << "# not reproducible by design: timing of this particular run\n"
         << "wall_seconds: " << num(res.wall_seconds) << "\n"
         << "threads: " << thread_count() << "\n"
         << "events: " << res.events << "\n"
         << "events_per_second: " << num(double(res.events - events_at_start) / res.wall_seconds)
         << "  # of this process\n";
    if (options.resume)
        info << "resumed_at_events: " << events_at_start
             << "  # wall_seconds and events_per_second cover only the part after it\n";
    if (cfg.kinetics.selection == EventSelection::thinning) {
        const auto& tc = sim.thinning_counts();
        info << "thinning:  # work of the thinning path (docs/performance.md)\n"
             << "  candidates: " << tc.candidates << "\n"
             << "  block_refreshes: " << tc.block_refreshes << "\n"
             << "  flushes: " << tc.flushes << "\n"
             << "  exact_voxels: " << tc.exact_voxels << "\n";
    }
    info << "compiler: \"" << build_info().compiler << "\"\n";
    write_file_atomic(out_dir / "run_info.yaml", info.str());
    std::filesystem::remove(ckpt_file);  // finished: nothing to resume
    spdlog::info("{}finished in {}: {} events, yield {:.3f} GPa, peak {:.3f} GPa at strain "
                 "{:.4f}, flow {:.3f} GPa", tag,
                 duration_text(res.wall_seconds), res.events, res.curve.yield_stress_GPa,
                 res.curve.peak_stress_GPa, res.curve.peak_strain, res.curve.flow_stress_GPa);
    return res;
}

}  // namespace stz
