#pragma once
// The calibration file: which atomistic data to read and how to fit it
// (`stzkmc calibrate FILE.yaml`; keys in docs/calibration.md).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace stz {

struct CalibrationSpec {
    std::filesystem::path file;  ///< the calibration file itself (relative inputs start here)

    // inputs: (paths resolved against the calibration file's folder)
    std::optional<std::filesystem::path> art_events;               ///< ART event CSV
    std::optional<std::filesystem::path> stz_clusters;             ///< D2min cluster CSV
    std::optional<std::filesystem::path> barrier_vs_cooling_rate;  ///< processing-map CSV
    std::optional<std::filesystem::path> material_file;            ///< atomic volume / cohesive energy CSV

    // material: (numbers instead of inputs.material)
    std::optional<double> atomic_volume_A3;    ///< volume per atom, A^3 (> 0)
    std::optional<double> cohesive_energy_eV;  ///< cohesive energy per atom (magnitude), eV (> 0)

    // aebs:
    /// Inner edges of the local von Mises strain windows (increasing, > 0); the windows are
    /// [0, e1), [e1, e2), ..., [ek, inf). Paper 003 Fig. 1: 0.05, 0.1, 0.15, 0.2.
    std::vector<double> strain_edges = {0.05, 0.1, 0.15, 0.2};
    /// Which events form the spectra when the event file holds several cooling rates.
    std::optional<double> aebs_cooling_rate_K_per_s;
    int min_events_per_window = 5;  ///< fewer events in a window is an error (>= 2)
    double histogram_bin_eV = 0.05;  ///< bin width of the report's AEBS histograms (> 0), eV

    // softening:
    double kappa_ratio = 3;  ///< kappa_t / kappa_p (>= 0); paper 003: 39 / 13
    /// Whether a failed softening fit (e.g. no significant softening in the events) refuses
    /// the calibration (true) or is listed as skipped, the other fits going on (false).
    bool softening_required = true;

    // processing_map:
    /// Cooling rate of the glass to simulate: the fragment sets processing.cooling_rate_K_per_s
    /// (hence Q and eta_max through the map). Absent: the map is written without a rate.
    std::optional<double> target_cooling_rate_K_per_s;
    /// Q_sat to use instead of the softening fit's (e.g. a published value), eV (> 0).
    std::optional<double> saturated_barrier_eV;
    /// log10 range of the report's confidence band (absent: data and target, padded by 0.5).
    std::optional<std::vector<double>> band_log10_rate;

    // stz_size:
    /// Whether the fragment sets catalog.stz_volume_nm3 = V as well as grid.voxel_size_nm =
    /// V^(1/3); false keeps the run file's V / l0^3 factor.
    bool set_stz_volume = true;
    /// Whether clusters marked spans_box = 1 (wrapping around the periodic box: system-
    /// spanning avalanches whose size the box bounds) are left out of the size fit.
    bool exclude_spanning_clusters = true;

    // modes:
    double formation_energy_fraction = 0.5;  ///< E_f = fraction x cohesive energy (0 < f <= 1)

    double confidence = 0.95;  ///< two-sided confidence level of every interval (0 < c < 1)
};

/// Reads and validates a calibration file (errors: "file:line: key: expected ..., got ...").
/// Relative input paths are resolved against the file's folder and must exist.
[[nodiscard]] CalibrationSpec load_calibration_spec(const std::filesystem::path& file);
/// The same from text; relative paths are resolved against `file`'s folder.
[[nodiscard]] CalibrationSpec parse_calibration_spec(const std::string& yaml_text,
                                                     const std::filesystem::path& file);

}  // namespace stz
