// `stzkmc calibrate`: atomistic data -> STZ parameter fragment (calibration/, MODEL.md §7).
#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <memory>
#include <string>

#include "src/cli/commands.hpp"
#include "stz/calibration/calibrate.hpp"
#include "stz/io/atomic_file.hpp"

namespace stz::cli {

namespace {

std::string ci(const Estimate& e) {
    if (!e.has_interval()) return "(no interval)";
    return fmt::format("[{:.4g}, {:.4g}]", e.lo, e.hi);
}

void log_summary(const CalibrationResult& r) {
    const std::string pct = fmt::format("{:g} %", 100 * r.spec.confidence);
    for (const auto& w : r.windows)
        spdlog::info("AEBS {:<18} n = {:5d}  mean {:.4g} eV {}  std {:.4g} eV", w.range.label(),
                     w.fit.count, w.fit.mean.value, ci(w.fit.mean), w.fit.std.value);
    if (r.softening) {
        const SofteningFit& s = *r.softening;
        spdlog::info("softening: Q0 = {:.4g} eV {}, kappa = {:.4g} {}, Q_sat = {:.4g} eV {} "
                     "({} events, {} on the plateau)",
                     s.q0_eV.value, ci(s.q0_eV), s.kappa.value, ci(s.kappa), s.saturated_eV.value,
                     ci(s.saturated_eV), s.events, s.saturated_events);
        spdlog::info("  kappa_p = {:.4g} {}, kappa_t = {:.4g} {} (kappa_t / kappa_p = {:g})",
                     r.kappa_p.value, ci(r.kappa_p), r.kappa_t.value, ci(r.kappa_t),
                     r.spec.kappa_ratio);
    }
    if (r.map) {
        const LinearFit& l = r.map->line;
        spdlog::info("processing map: Q = {:.4g} {:+.4g} log10(rate) eV ({} glasses, R^2 = {:.4f})",
                     l.intercept, l.slope, l.points, l.r_squared);
        if (r.target)
            spdlog::info("  at {:.4g} K/s: Q = {:.4g} eV {}, eta_max = {:.4g} {}",
                         r.target->cooling_rate_K_per_s, r.target->barrier_eV.value,
                         ci(r.target->barrier_eV), r.target->eta_max.value, ci(r.target->eta_max));
        if (r.sample_check && r.softening)
            spdlog::info("  check: the map gives {:.4g} eV {} at the AEBS sample's {:.4g} K/s; its "
                         "softening fit has Q0 = {:.4g} eV",
                         r.sample_check->barrier_eV.value, ci(r.sample_check->barrier_eV),
                         r.sample_check->cooling_rate_K_per_s, r.softening->q0_eV.value);
    }
    if (r.geometry)
        spdlog::info("STZ size: {:.4g} atoms {} -> V = {:.4g} nm^3, l0 = {:.4g} nm {}",
                     r.geometry->size_atoms.mean.value, ci(r.geometry->size_atoms.mean),
                     r.geometry->volume_nm3.value, r.geometry->edge_nm.value,
                     ci(r.geometry->edge_nm));
    if (r.eigenstrain)
        spdlog::info("gamma* = {:.4g} {} ({:.4g} A / l0)", r.eigenstrain->gamma_star.value,
                     ci(r.eigenstrain->gamma_star), r.eigenstrain->displacement_A.value);
    if (r.modes)
        spdlog::info("modes: e_d = {:.4g} eV {}, E_f = {:.4g} eV -> M = {:.4g} {} -> {}",
                     r.modes->e_d_eV.value, ci(r.modes->e_d_eV), r.modes->formation_energy_eV.value,
                     r.modes->modes.value, ci(r.modes->modes), r.modes->modes_rounded);
    for (const auto& s : r.skipped) spdlog::warn("not fitted: {}", s);
    spdlog::info("intervals are {} confidence intervals", pct);
}

}  // namespace

void add_calibrate_command(CLI::App& app, Action& action) {
    struct Options {
        std::string file;
        std::string out;
        std::string report;
        bool no_report = false;
        std::string command_line;
    };
    auto opt = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "calibrate", "fit STZ parameters to atomistic data (ART barriers, D2min clusters, "
                     "barrier vs cooling rate): a parameter fragment with provenance");
    cmd->add_option("file", opt->file, "calibration file (YAML, docs/calibration.md)")->required();
    cmd->add_option("-o,--out", opt->out, "parameter fragment to write (YAML)")->required();
    cmd->add_option("--report", opt->report,
                    "folder for the tables behind scripts/plot_calibration.py "
                    "(default: <out without .yaml>_report)");
    cmd->add_flag("--no-report", opt->no_report, "write the fragment only");
    cmd->callback([opt, &action] {
        action = [opt] {
            const CalibrationSpec spec = load_calibration_spec(opt->file);
            const CalibrationResult r = calibrate(spec);
            log_summary(r);
            const std::filesystem::path out(opt->out);
            if (out.has_parent_path()) ensure_directory(out.parent_path());
            write_file_atomic(out, calibration_fragment(
                                       r, "stzkmc calibrate " + opt->file + " --out " + opt->out));
            spdlog::info("parameter fragment written to {} (use it with include: in a run or "
                         "sweep file)", out.string());
            if (!opt->no_report) {
                std::filesystem::path report(opt->report);
                if (opt->report.empty())
                    report = out.parent_path() / (out.stem().string() + "_report");
                write_calibration_report(r, report);
                spdlog::info("report tables written to {} (plot: scripts/plot_calibration.py {})",
                             report.string(), report.string());
            }
            return 0;
        };
    });
}

}  // namespace stz::cli
