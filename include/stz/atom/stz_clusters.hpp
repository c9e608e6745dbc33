#pragma once
// STZs from an AQS run (paper 001, MODEL.md §8): for each stress drop, D2min between the
// minima bracketing it (atomic_strain, reference = the minimum before the drop), atoms with
// D2min above a threshold are shear-transformed, and they are clustered by the same cutoff.
// A threshold on D2min means nothing without its cutoff, so both are parameters (paper 001:
// 0.18 Å² at the first minimum of g(r), ~3.8 Å for Cu–Zr).
#include <cstddef>
#include <filesystem>
#include <vector>

namespace stz::atom {

struct StzClusterSettings {
    double cutoff_A = 3.8;             ///< neighbour cutoff for D2min and for clustering, Å
    double d2min_threshold_A2 = 0.18;  ///< shear-transformed if D2min exceeds this, Å^2
    std::size_t min_cluster_atoms = 1; ///< smaller clusters are not listed
};

struct DropClusters {
    std::size_t drop = 0;              ///< k of drops/drop_<k>_*.data
    double strain = 0;                 ///< shear strain after the drop
    std::size_t shear_transformed = 0; ///< atoms above the threshold
    std::vector<std::size_t> sizes;    ///< cluster sizes, largest first
    std::vector<char> spans_box;       ///< 1 where that cluster wraps around the periodic box
};

/// Reads `aqs_dir`/drops.csv and the bracketing minima drops/drop_<k>_{before,after}.data
/// written by run_aqs_job, and writes `aqs_dir`/stz_clusters.csv (size_atoms, drop,
/// strain, spans_box: the STZ-size input of `stzkmc calibrate`). Returns the clusters per drop.
std::vector<DropClusters> analyse_aqs_drops(const std::filesystem::path& aqs_dir, const StzClusterSettings& settings);

}  // namespace stz::atom
