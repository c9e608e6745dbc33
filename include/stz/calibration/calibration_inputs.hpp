#pragma once
// The atomistic data a calibration reads (CSV with headers; columns in docs/calibration.md).
//
// Each reader checks every cell (finite, in range) and names file, line and column in its
// errors; optional columns are either complete or absent.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace stz {

/// ART nouveau events: one row per distinct saddle found.
struct ArtEventData {
    std::string file;                         ///< file name, for messages
    std::vector<double> barrier_eV;           ///< activation energy barrier (> 0), eV
    std::vector<double> local_vm_strain;      ///< von Mises strain of the central atom (>= 0)
    std::vector<double> max_displacement_A;   ///< optional: largest atomic displacement to the saddle (>= 0), A
    std::vector<double> cooling_rate_K_per_s; ///< optional: quench rate of the sample (> 0), K/s
    std::vector<double> fictive_T_K;          ///< optional: fictive temperature of the sample (> 0), K
    std::vector<std::string> sample;          ///< optional: sample label
    std::vector<int> line;                    ///< 1-based line of each row in `file`

    [[nodiscard]] std::size_t size() const { return barrier_eV.size(); }
};

/// D2min STZ clusters: one row per cluster of shear-transformed atoms.
struct StzClusterData {
    std::string file;
    std::vector<double> size_atoms;   ///< atoms in the cluster (>= 1)
    std::vector<std::string> sample;  ///< optional: sample label
    /// optional (column spans_box, 0 or 1): 1 for a cluster that wraps around the periodic
    /// box (`stzkmc atom aqs` marks them); empty when the column is absent
    std::vector<char> spans_box;
};

/// Mean barrier against cooling rate, one row per glass (the processing map's data).
struct BarrierRateData {
    std::string file;
    std::vector<double> cooling_rate_K_per_s;  ///< quench rate (> 0), K/s
    std::vector<double> barrier_mean_eV;       ///< mean unstrained barrier (> 0), eV
    /// Standard error of each mean (> 0), eV: the column barrier_sem_eV, or barrier_std_eV /
    /// sqrt(count); empty when neither is given (the fit then estimates the scatter).
    std::vector<double> barrier_sem_eV;
    std::vector<double> count;  ///< optional: events behind each mean (>= 2); empty if absent
};

/// Atomic volume and cohesive energy of the glass, one row per sample (averaged).
struct MaterialData {
    std::string file;
    std::vector<double> atomic_volume_A3;    ///< volume per atom (> 0), A^3; empty if no such column
    std::vector<double> cohesive_energy_eV;  ///< cohesive energy per atom, a positive magnitude, eV; may be empty
};

[[nodiscard]] ArtEventData read_art_events(const std::filesystem::path& file);
[[nodiscard]] StzClusterData read_stz_clusters(const std::filesystem::path& file);
[[nodiscard]] BarrierRateData read_barrier_vs_cooling_rate(const std::filesystem::path& file);
[[nodiscard]] MaterialData read_material(const std::filesystem::path& file);

}  // namespace stz
