#include "stz/calibration/calibrate.hpp"

#include <cmath>
#include <limits>
#include <set>
#include <sstream>

#include "stz/calibration/calibration_inputs.hpp"
#include "stz/calibration/distributions.hpp"
#include "stz/core/error.hpp"
#include "stz/core/sha256.hpp"

namespace stz {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

CalibrationInput record(const std::string& role, const std::filesystem::path& p, std::size_t rows) {
    return {role, p.string(), sha256_file(p), rows};
}

/// Mean of a column of per-sample values with its standard error (0 for one row).
Estimate mean_of(const std::vector<double>& v, double confidence) {
    if (v.empty()) return {};
    if (v.size() == 1) return {v[0], 0.0, v[0], v[0]};
    const GaussianFit g = fit_gaussian(v, confidence);
    return g.mean;
}

std::string rate_list(const std::set<double>& rates) {
    std::ostringstream os;
    bool first = true;
    for (double r : rates) {
        os << (first ? "" : ", ") << r;
        first = false;
    }
    return os.str();
}

/// Indices of the events that form the spectra: one cooling rate (spec or the only one).
std::vector<std::size_t> aebs_selection(const ArtEventData& art, const CalibrationSpec& spec,
                                        std::optional<double>& rate) {
    std::vector<std::size_t> idx;
    if (art.cooling_rate_K_per_s.empty()) {
        if (spec.aebs_cooling_rate_K_per_s)
            throw Error(spec.file.string() + ": aebs.cooling_rate_K_per_s is set but " + art.file +
                        " has no column cooling_rate_K_per_s to select events by");
        for (std::size_t i = 0; i < art.size(); ++i) idx.push_back(i);
        return idx;
    }
    const std::set<double> rates(art.cooling_rate_K_per_s.begin(), art.cooling_rate_K_per_s.end());
    if (spec.aebs_cooling_rate_K_per_s) {
        rate = *spec.aebs_cooling_rate_K_per_s;
    } else if (rates.size() == 1) {
        rate = *rates.begin();
    } else {
        throw Error(art.file + " holds events of glasses cooled at " + std::to_string(rates.size()) +
                    " rates (" + rate_list(rates) + " K/s); set aebs.cooling_rate_K_per_s in " +
                    spec.file.string() + " to the one whose spectra and softening to fit");
    }
    for (std::size_t i = 0; i < art.size(); ++i)
        if (art.cooling_rate_K_per_s[i] == *rate) idx.push_back(i);
    if (idx.empty())
        throw Error(spec.file.string() + ": aebs.cooling_rate_K_per_s = " + std::to_string(*rate) +
                    " K/s matches no event of " + art.file + " (its rates: " + rate_list(rates) +
                    " K/s)");
    return idx;
}

std::vector<double> pick(const std::vector<double>& v, const std::vector<std::size_t>& idx) {
    std::vector<double> out;
    out.reserve(idx.size());
    for (auto i : idx) out.push_back(v[i]);
    return out;
}

}  // namespace

CalibrationResult calibrate(const CalibrationSpec& spec) {
    CalibrationResult r;
    r.spec = spec;
    const double conf = spec.confidence;

    // Material constants: a CSV (mean over samples) or numbers (exact).
    if (spec.material_file) {
        const MaterialData m = read_material(*spec.material_file);
        r.inputs.push_back(record("material", *spec.material_file,
                                  std::max(m.atomic_volume_A3.size(), m.cohesive_energy_eV.size())));
        r.atomic_volume_A3 = mean_of(m.atomic_volume_A3, conf);
        r.cohesive_energy_eV = mean_of(m.cohesive_energy_eV, conf);
    }
    if (spec.atomic_volume_A3)
        r.atomic_volume_A3 = {*spec.atomic_volume_A3, 0.0, *spec.atomic_volume_A3, *spec.atomic_volume_A3};
    if (spec.cohesive_energy_eV)
        r.cohesive_energy_eV = {*spec.cohesive_energy_eV, 0.0, *spec.cohesive_energy_eV,
                                *spec.cohesive_energy_eV};

    // STZ size -> V, l0.
    if (spec.stz_clusters) {
        const StzClusterData c = read_stz_clusters(*spec.stz_clusters);
        r.inputs.push_back(record("stz_clusters", *spec.stz_clusters, c.size_atoms.size()));
        if (!std::isfinite(r.atomic_volume_A3.value))
            throw Error(spec.file.string() + ": the STZ volume from " + c.file +
                        " needs the atomic volume: set material.atomic_volume_A3 or give "
                        "inputs.material with a column atomic_volume_A3");
        std::vector<double> sizes;
        for (std::size_t k = 0; k < c.size_atoms.size(); ++k) {
            if (spec.exclude_spanning_clusters && !c.spans_box.empty() && c.spans_box[k])
                ++r.spanning_clusters_excluded;
            else
                sizes.push_back(c.size_atoms[k]);
        }
        if (sizes.size() < 2)
            throw Error(spec.file.string() + ": the STZ size fit needs at least two clusters, but " + c.file +
                        " has " + std::to_string(c.size_atoms.size()) + " of which " +
                        std::to_string(r.spanning_clusters_excluded) +
                        " wrap around the periodic box (column spans_box) and are left out: use a larger sample "
                        "or a smaller AQS strain step, or set stz_size.exclude_spanning: false");
        r.geometry = fit_stz_geometry(sizes, r.atomic_volume_A3, conf);
        r.cluster_sizes_atoms = sizes;
    } else {
        r.skipped.push_back("stz_size: no inputs.stz_clusters (grid.voxel_size_nm and "
                            "catalog.stz_volume_nm3 not set)");
    }

    std::vector<ProcessingPoint> points;
    std::string points_source;
    if (spec.art_events) {
        const ArtEventData art = read_art_events(*spec.art_events);
        r.inputs.push_back(record("art_events", *spec.art_events, art.size()));
        const auto idx = aebs_selection(art, spec, r.aebs_cooling_rate_K_per_s);
        const auto barriers = pick(art.barrier_eV, idx);
        const auto strains = pick(art.local_vm_strain, idx);
        r.aebs_events = idx.size();
        std::string what = art.file;
        if (r.aebs_cooling_rate_K_per_s) {
            std::ostringstream os;
            os << art.file << " (events at " << *r.aebs_cooling_rate_K_per_s << " K/s)";
            what = os.str();
        }
        r.windows = fit_aebs_windows(barriers, strains, spec.strain_edges,
                                     spec.min_events_per_window, conf, what);
        try {
            r.softening = fit_softening(barriers, strains, conf);
        } catch (const Error& e) {
            if (spec.softening_required)
                throw Error(what + ": " + e.what() +
                            " (softening.required: false lists this as skipped and keeps the other fits)");
            r.skipped.push_back("softening (kappa_p, kappa_t, Q_sat): " + what + ": " + e.what());
        }
        if (r.softening) {
            const double k = r.softening->kappa.value, ks = r.softening->kappa.se;
            const double fp = 1 / (1 + spec.kappa_ratio), ft = spec.kappa_ratio / (1 + spec.kappa_ratio);
            const double q = r.softening->t_factor;
            r.kappa_p = Estimate::symmetric(k * fp, ks * fp, q);
            r.kappa_t = Estimate::symmetric(k * ft, ks * ft, q);
        }

        // gamma* needs the STZ size.
        if (art.max_displacement_A.empty()) {
            r.skipped.push_back("gamma_star: no column max_displacement_A in " + art.file);
        } else if (!r.geometry) {
            r.skipped.push_back("gamma_star: needs the STZ size (inputs.stz_clusters)");
        } else {
            r.eigenstrain = fit_gamma_star(pick(art.max_displacement_A, idx), r.geometry->edge_nm, conf);
        }
        // M needs displacements at several fictive temperatures and the cohesive energy.
        if (art.fictive_T_K.empty() || art.max_displacement_A.empty()) {
            r.skipped.push_back("modes: needs columns fictive_T_K and max_displacement_A in " +
                                art.file);
        } else {
            if (!std::isfinite(r.cohesive_energy_eV.value))
                throw Error(spec.file.string() + ": the number of shear modes from " + art.file +
                            " needs the cohesive energy: set material.cohesive_energy_eV or give "
                            "inputs.material with a column cohesive_energy_eV");
            const double f = spec.formation_energy_fraction;
            const Estimate ef{f * r.cohesive_energy_eV.value, f * r.cohesive_energy_eV.se,
                              f * r.cohesive_energy_eV.lo, f * r.cohesive_energy_eV.hi};
            r.modes = fit_mode_count(art.max_displacement_A, art.fictive_T_K, ef, conf, art.file);
        }
        // Several cooling rates in the event file: the processing map from their
        // unstrained spectra (unless a table is given).
        if (!art.cooling_rate_K_per_s.empty() && !spec.barrier_vs_cooling_rate) {
            const std::set<double> rates(art.cooling_rate_K_per_s.begin(),
                                         art.cooling_rate_K_per_s.end());
            if (rates.size() >= 2) {
                points = processing_points_from_events(art.barrier_eV, art.local_vm_strain,
                                                       art.cooling_rate_K_per_s,
                                                       r.windows.front().range.hi, art.file);
                points_source = art.file + " (events below local strain " +
                                r.windows.front().range.label() + ")";
            }
        }
    } else {
        r.skipped.push_back("aebs, softening, gamma_star, modes: no inputs.art_events");
    }

    if (spec.barrier_vs_cooling_rate) {
        const BarrierRateData b = read_barrier_vs_cooling_rate(*spec.barrier_vs_cooling_rate);
        r.inputs.push_back(record("barrier_vs_cooling_rate", *spec.barrier_vs_cooling_rate,
                                  b.cooling_rate_K_per_s.size()));
        for (std::size_t i = 0; i < b.cooling_rate_K_per_s.size(); ++i)
            points.push_back({b.cooling_rate_K_per_s[i], b.barrier_mean_eV[i],
                              b.barrier_sem_eV.empty() ? kNaN : b.barrier_sem_eV[i],
                              b.count.empty() ? kNaN : b.count[i]});
        points_source = b.file;
    }
    if (!points.empty()) {
        r.map = fit_processing_map(points, points_source, conf);
        if (spec.saturated_barrier_eV) {
            const double qs = *spec.saturated_barrier_eV;
            r.saturated_eV = {qs, 0.0, qs, qs};
            r.saturated_given = true;
        } else if (r.softening) {
            r.saturated_eV = r.softening->saturated_eV;
        }
        const bool have_qs = std::isfinite(r.saturated_eV.value);
        if (spec.target_cooling_rate_K_per_s) {
            const double rate = *spec.target_cooling_rate_K_per_s;
            MapTarget t{rate, r.map->barrier_at(rate), {}};
            if (have_qs) {
                if (!(t.barrier_eV.value > r.saturated_eV.value)) {
                    std::ostringstream os;
                    os << spec.file.string() << ": processing_map.target_cooling_rate_K_per_s = "
                       << rate << " K/s: the map gives Q = " << t.barrier_eV.value
                       << " eV, not above Q_sat = " << r.saturated_eV.value
                       << " eV (no room for softening): the rate lies beyond the map's range";
                    throw Error(os.str());
                }
                t.eta_max = r.map->eta_max_at(rate, r.saturated_eV);
            }
            r.target = t;
        }
        if (r.aebs_cooling_rate_K_per_s)
            r.sample_check = MapTarget{*r.aebs_cooling_rate_K_per_s,
                                       r.map->barrier_at(*r.aebs_cooling_rate_K_per_s), {}};
        if (!have_qs)
            r.skipped.push_back("eta_max: no Q_sat (needs inputs.art_events with strained events, "
                                "or processing_map.saturated_barrier_eV)");
    } else {
        r.skipped.push_back("processing_map: needs inputs.barrier_vs_cooling_rate or ART events "
                            "at two or more cooling rates");
        if (spec.target_cooling_rate_K_per_s)
            throw Error(spec.file.string() + ": processing_map.target_cooling_rate_K_per_s is set "
                        "but there is no processing map to evaluate it (give "
                        "inputs.barrier_vs_cooling_rate, or ART events at two or more cooling rates)");
    }
    return r;
}

}  // namespace stz
