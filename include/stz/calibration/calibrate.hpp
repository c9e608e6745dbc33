#pragma once
// The calibration as a whole (`stzkmc calibrate`): read the data a CalibrationSpec names,
// run every fit its data allow, and say which were skipped and why.
//
//   ART events       -> AEBS per strain window, softening law (Q0, kappa, Q_sat), gamma*
//                       (with the STZ size), M (with fictive temperatures), and the
//                       processing map when the events span several cooling rates
//   STZ clusters     -> log-normal size -> V, l0 (with the atomic volume)
//   barrier vs rate  -> processing map -> Q and eta_max at the target cooling rate
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "stz/calibration/aebs_windows.hpp"
#include "stz/calibration/calibration_spec.hpp"
#include "stz/calibration/mode_count.hpp"
#include "stz/calibration/processing_map.hpp"
#include "stz/calibration/softening_fit.hpp"
#include "stz/calibration/stz_geometry.hpp"

namespace stz {

/// One input file as the provenance records it.
struct CalibrationInput {
    std::string role;   ///< art_events, stz_clusters, barrier_vs_cooling_rate, material
    std::string path;   ///< as resolved from the calibration file
    std::string sha256; ///< of the file's bytes
    std::size_t rows = 0;
};

/// The processing map evaluated at one cooling rate.
struct MapTarget {
    double cooling_rate_K_per_s = 0;
    Estimate barrier_eV;
    Estimate eta_max;
};

struct CalibrationResult {
    CalibrationSpec spec;
    std::vector<CalibrationInput> inputs;

    std::size_t aebs_events = 0;                ///< ART events used for spectra and softening
    std::optional<double> aebs_cooling_rate_K_per_s;  ///< their cooling rate, if known
    std::vector<AebsWindow> windows;            ///< empty without ART events
    std::optional<SofteningFit> softening;
    Estimate kappa_p, kappa_t;                  ///< split of softening->kappa by kappa_ratio
    std::optional<ProcessingMap> map;
    Estimate saturated_eV;                      ///< Q_sat used by the map (fit or given)
    bool saturated_given = false;               ///< Q_sat from processing_map.saturated_barrier_eV
    std::optional<MapTarget> target;            ///< at spec.target_cooling_rate_K_per_s
    std::optional<MapTarget> sample_check;      ///< the map at the AEBS sample's own rate
    Estimate atomic_volume_A3, cohesive_energy_eV;  ///< NaN value if not given
    std::optional<StzGeometry> geometry;
    std::vector<double> cluster_sizes_atoms;    ///< the clusters behind `geometry`
    std::size_t spanning_clusters_excluded = 0; ///< box-spanning clusters left out of the fit
    std::optional<EigenstrainFit> eigenstrain;
    std::optional<ModeCountFit> modes;

    std::vector<std::string> skipped;  ///< "gamma_star: needs ..." for each fit not done
};

/// Runs the calibration; throws stz::Error for unreadable or inconsistent data.
[[nodiscard]] CalibrationResult calibrate(const CalibrationSpec& spec);

/// The parameter fragment (YAML text) to merge into run and sweep files with `include:`;
/// its `provenance:` records inputs, hashes, counts, fit quality and intervals.
/// `command` is the command line recorded in the provenance.
[[nodiscard]] std::string calibration_fragment(const CalibrationResult& r,
                                               const std::string& command);

/// Writes the CSV tables scripts/plot_calibration.py draws (docs/calibration.md) into
/// `dir` (created if needed), each through a temporary file.
void write_calibration_report(const CalibrationResult& r, const std::filesystem::path& dir);

}  // namespace stz
