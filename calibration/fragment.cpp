// calibration_fragment: the parameter fragment `stzkmc calibrate` writes (YAML text).
#include <cmath>
#include <iomanip>
#include <sstream>

#include "src/config/yaml_reader.hpp"
#include "stz/calibration/calibrate.hpp"
#include "stz/version.hpp"

namespace stz {

namespace {

using detail::format_number;

/// A number as a short comment text (4 significant digits).
std::string short_num(double v) {
    std::ostringstream os;
    os << std::setprecision(4) << v;
    return os.str();
}

/// "[lo, hi]" for comments, or "(no interval)".
std::string ci_text(const Estimate& e) {
    if (!e.has_interval()) return "(no interval)";
    // Appended piecewise: `"[" + string` trips a false -Wrestrict in GCC 12.
    std::string s(1, '[');
    s += short_num(e.lo);
    s += ", ";
    s += short_num(e.hi);
    s += ']';
    return s;
}

/// A YAML double-quoted string.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

/// {value: v, se: s, ci: [lo, hi]}
std::string est(const Estimate& e) {
    return "{value: " + format_number(e.value) + ", se: " + format_number(e.se) + ", ci: [" +
           format_number(e.lo) + ", " + format_number(e.hi) + "]}";
}

/// "key: value" padded so that comments line up.
std::string kv(const std::string& indent, const std::string& key, const std::string& value,
               const std::string& comment = "") {
    std::string line = indent + key + ": " + value;
    if (!comment.empty()) {
        if (line.size() < 44) line.append(44 - line.size(), ' ');
        line += "  # " + comment;
    }
    return line + "\n";
}

}  // namespace

std::string calibration_fragment(const CalibrationResult& r, const std::string& command) {
    const std::string pct = short_num(100 * r.spec.confidence) + " %";
    std::ostringstream os;
    os << "# STZ parameters calibrated from atomistic data by `stzkmc calibrate` (MODEL.md §7,\n"
       << "# docs/calibration.md). Merge into a run or sweep base file with\n"
       << "#   include: [this file]\n"
       << "# Intervals in comments are " << pct << " confidence intervals; provenance: below.\n";

    // grid / catalog
    const bool have_grid = r.geometry.has_value();
    if (have_grid) {
        os << "grid:\n"
           << kv("  ", "voxel_size_nm", format_number(r.geometry->edge_nm.value),
                 "l0 = V^(1/3) = " + short_num(r.geometry->edge_nm.value) + " nm " +
                     ci_text(r.geometry->edge_nm));
    }
    std::ostringstream cat;
    if (r.modes)
        cat << kv("  ", "modes", std::to_string(r.modes->modes_rounded),
                  "M = E_f / e_d = " + short_num(r.modes->modes.value) + " " +
                      ci_text(r.modes->modes) + ", rounded");
    if (!r.windows.empty())
        cat << kv("  ", "barrier_std_eV", format_number(r.windows.front().fit.std.value),
                  "width of the AEBS at " + r.windows.front().range.label() + " " +
                      ci_text(r.windows.front().fit.std));
    if (r.eigenstrain)
        cat << kv("  ", "gamma_star", format_number(r.eigenstrain->gamma_star.value),
                  short_num(r.eigenstrain->displacement_A.value) + " A / l0 " +
                      ci_text(r.eigenstrain->gamma_star));
    if (r.geometry && r.spec.set_stz_volume)
        cat << kv("  ", "stz_volume_nm3", format_number(r.geometry->volume_nm3.value),
                  "V = " + short_num(r.geometry->size_atoms.mean.value) + " atoms x " +
                      short_num(r.geometry->atomic_volume_A3.value) + " A^3 " +
                      ci_text(r.geometry->volume_nm3));
    if (!cat.str().empty()) os << "catalog:\n" << cat.str();

    if (r.softening) {
        os << "softening:\n"
           << kv("  ", "kappa_p", format_number(r.kappa_p.value),
                 "kappa / (1 + " + short_num(r.spec.kappa_ratio) + ") " + ci_text(r.kappa_p))
           << kv("  ", "kappa_t", format_number(r.kappa_t.value),
                 "kappa_t / kappa_p = " + short_num(r.spec.kappa_ratio) + " " + ci_text(r.kappa_t));
    }
    const bool have_qs = std::isfinite(r.saturated_eV.value);
    if (r.map && have_qs) {
        const LinearFit& l = r.map->line;
        os << "processing:\n"
           << kv("  ", "barrier_intercept_eV", format_number(l.intercept),
                 "Q(rate) = intercept + slope log10(rate / (K/s))")
           << kv("  ", "barrier_slope_eV_per_decade", format_number(l.slope),
                 ci_text(l.slope_estimate()))
           << kv("  ", "saturated_barrier_eV", format_number(r.saturated_eV.value),
                 std::string(r.saturated_given ? "given" : "Q_sat of the softening fit") + " " +
                     ci_text(r.saturated_eV));
        if (r.target)
            os << kv("  ", "cooling_rate_K_per_s", format_number(r.target->cooling_rate_K_per_s),
                     "Q = " + short_num(r.target->barrier_eV.value) + " eV " +
                         ci_text(r.target->barrier_eV) + ", eta_max = " +
                         short_num(r.target->eta_max.value) + " " + ci_text(r.target->eta_max));
    }

    // provenance
    os << "provenance:\n"
       << kv("  ", "tool", quoted(std::string("stzkmc ") + kVersion + " calibrate"))
       << kv("  ", "command", quoted(command))
       << kv("  ", "calibration_file", quoted(r.spec.file.string()))
       << kv("  ", "confidence", format_number(r.spec.confidence)) << "  inputs:\n";
    for (const auto& in : r.inputs)
        os << "    - {role: " << in.role << ", file: " << quoted(in.path) << ", sha256: " << in.sha256
           << ", rows: " << in.rows << "}\n";
    os << "  fits:\n";
    if (!r.windows.empty()) {
        os << "    aebs:\n" << kv("      ", "events", std::to_string(r.aebs_events));
        if (r.aebs_cooling_rate_K_per_s)
            os << kv("      ", "cooling_rate_K_per_s", format_number(*r.aebs_cooling_rate_K_per_s));
        os << "      windows:\n";
        for (const auto& w : r.windows)
            os << "        - {strain_lo: " << format_number(w.range.lo)
               << ", strain_hi: " << format_number(w.range.hi) << ", events: " << w.fit.count
               << ", strain_mean: " << format_number(w.strain_mean)
               << ", barrier_mean_eV: " << est(w.fit.mean) << ", barrier_std_eV: " << est(w.fit.std)
               << "}\n";
    }
    if (r.softening) {
        const SofteningFit& s = *r.softening;
        os << "    softening:\n"
           << kv("      ", "law", quoted("Q(e) = Q0 exp(-min(eta_max, kappa e^2)), least squares over events"))
           << kv("      ", "events", std::to_string(s.events))
           << kv("      ", "plateau_events", std::to_string(s.saturated_events))
           << kv("      ", "q0_eV", est(s.q0_eV)) << kv("      ", "kappa", est(s.kappa))
           << kv("      ", "saturated_barrier_eV", est(s.saturated_eV))
           << kv("      ", "eta_max", est(s.eta_max))
           << kv("      ", "plateau_strain", est(s.saturation_strain))
           << kv("      ", "kappa_ratio", format_number(r.spec.kappa_ratio))
           << kv("      ", "kappa_p", est(r.kappa_p)) << kv("      ", "kappa_t", est(r.kappa_t))
           << kv("      ", "residual_std_eV", format_number(s.residual_std_eV))
           << kv("      ", "r_squared", format_number(s.r_squared));
    }
    if (r.map) {
        const LinearFit& l = r.map->line;
        os << "    processing_map:\n"
           << kv("      ", "source", quoted(r.map->source))
           << kv("      ", "points", std::to_string(l.points))
           << kv("      ", "weighted", l.weighted ? "true" : "false")
           << kv("      ", "intercept_eV", est(l.intercept_estimate()))
           << kv("      ", "slope_eV_per_decade", est(l.slope_estimate()))
           << kv("      ", "r_squared", format_number(l.r_squared))
           << kv("      ", "saturated_barrier_eV", est(r.saturated_eV))
           << kv("      ", "saturated_barrier_given", r.saturated_given ? "true" : "false");
        auto target = [&](const std::string& key, const MapTarget& t) {
            os << "      " << key << ": {cooling_rate_K_per_s: " << format_number(t.cooling_rate_K_per_s)
               << ", barrier_eV: " << est(t.barrier_eV) << ", eta_max: " << est(t.eta_max) << "}\n";
        };
        if (r.target) target("target", *r.target);
        if (r.sample_check) target("at_aebs_sample_rate", *r.sample_check);
    }
    if (r.geometry) {
        const StzGeometry& g = *r.geometry;
        os << "    stz_size:\n"
           << kv("      ", "clusters", std::to_string(g.size_atoms.count))
           << kv("      ", "spanning_clusters_excluded", std::to_string(r.spanning_clusters_excluded))
           << kv("      ", "lognormal_mu", est(g.size_atoms.mu))
           << kv("      ", "lognormal_sigma", est(g.size_atoms.sigma))
           << kv("      ", "mean_size_atoms", est(g.size_atoms.mean))
           << kv("      ", "median_size_atoms", format_number(g.size_atoms.median))
           << kv("      ", "ks_distance", format_number(g.size_atoms.ks_distance))
           << kv("      ", "atomic_volume_A3", est(g.atomic_volume_A3))
           << kv("      ", "volume_nm3", est(g.volume_nm3)) << kv("      ", "edge_nm", est(g.edge_nm))
           << kv("      ", "volume_set", r.spec.set_stz_volume ? "true" : "false");
    }
    if (r.eigenstrain)
        os << "    gamma_star:\n"
           << kv("      ", "events", std::to_string(r.eigenstrain->events))
           << kv("      ", "mean_max_displacement_A", est(r.eigenstrain->displacement_A))
           << kv("      ", "gamma_star", est(r.eigenstrain->gamma_star));
    if (r.modes) {
        const ModeCountFit& m = *r.modes;
        os << "    modes:\n" << "      fictive_groups:\n";
        for (const auto& g : m.groups)
            os << "        - {fictive_T_K: " << format_number(g.fictive_T_K)
               << ", events: " << g.count << ", mean_displacement_A: " << format_number(g.mean_displacement_A)
               << ", sem_A: " << format_number(g.sem_A) << "}\n";
        os << kv("      ", "e_d_eV", est(m.e_d_eV))
           << kv("      ", "arrhenius_r_squared", format_number(m.arrhenius.r_squared))
           << kv("      ", "formation_energy_fraction", format_number(r.spec.formation_energy_fraction))
           << kv("      ", "formation_energy_eV", est(m.formation_energy_eV))
           << kv("      ", "modes", est(m.modes))
           << kv("      ", "modes_rounded", std::to_string(m.modes_rounded));
    }
    if (r.skipped.empty()) {
        os << "  skipped: []\n";
    } else {
        os << "  skipped:\n";
        for (const auto& s : r.skipped) os << "    - " << quoted(s) << "\n";
    }
    return os.str();
}

}  // namespace stz
