// D2min clusters of the AQS stress drops -> STZ sizes for calibration.
#include "stz/atom/stz_clusters.hpp"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "stz/atom/atomic_strain.hpp"
#include "stz/atom/lammps_data.hpp"
#include "stz/core/error.hpp"
#include "stz/io/atomic_file.hpp"
#include "stz/io/csv_table.hpp"

namespace stz::atom {

std::vector<DropClusters> analyse_aqs_drops(const std::filesystem::path& dir, const StzClusterSettings& s) {
    STZ_REQUIRE(s.cutoff_A > 0 && std::isfinite(s.cutoff_A), "STZ clusters: cutoff_A must be positive");
    STZ_REQUIRE(s.d2min_threshold_A2 > 0 && std::isfinite(s.d2min_threshold_A2),
                "STZ clusters: d2min_threshold_A2 must be positive");
    STZ_REQUIRE(std::filesystem::exists(dir / "drops.csv"),
                dir.string() << ": no drops.csv (expected the folder of an `stzkmc atom aqs` run)");
    std::vector<double> strain;
    {
        std::ifstream in(dir / "drops.csv");
        std::size_t lines = 0;
        for (std::string line; std::getline(in, line);)
            if (line.find_first_not_of(" \t\r") != std::string::npos) ++lines;
        if (lines > 1)  // header only: no drops
            strain = CsvTable::read(dir / "drops.csv", "AQS drop table").numbers("strain", CsvNumberRule::any());
    }
    std::vector<DropClusters> out;
    AtomicFile csv(dir / "stz_clusters.csv");
    csv.stream() << fmt::format("# STZ clusters of the AQS stress drops: atoms with D2min > {} A^2 between the minima "
                                "bracketing each drop (neighbour cutoff {} A), linked within the same cutoff\n",
                                s.d2min_threshold_A2, s.cutoff_A)
                 << "size_atoms,drop,strain,spans_box\n";
    for (std::size_t k = 0; k < strain.size(); ++k) {
        const auto before = dir / "drops" / fmt::format("drop_{}_before.data", k);
        const auto after = dir / "drops" / fmt::format("drop_{}_after.data", k);
        STZ_REQUIRE(std::filesystem::exists(before) && std::filesystem::exists(after),
                    dir.string() << ": drops.csv lists drop " << k << " but " << before.string() << " or "
                                 << after.string() << " is missing");
        const Atoms a = read_lammps_data(before);
        const Atoms b = read_lammps_data(after);
        AtomicStrainSettings as;
        as.cutoff_A = s.cutoff_A;
        const AtomicStrain st = atomic_strain(a, b, as);
        const std::vector<char> selected = select_shear_transformed(st, s.d2min_threshold_A2);
        DropClusters dc;
        dc.drop = k;
        dc.strain = strain[k];
        dc.shear_transformed = static_cast<std::size_t>(std::count(selected.begin(), selected.end(), 1));
        const Clusters c = cluster_atoms(a, selected, s.cutoff_A);
        std::size_t spanning = 0;
        for (std::size_t q = 0; q < c.sizes.size(); ++q)
            if (c.sizes[q] >= s.min_cluster_atoms) {
                dc.sizes.push_back(c.sizes[q]);
                dc.spans_box.push_back(c.spans_box[q]);
                spanning += c.spans_box[q] ? 1 : 0;
                csv.stream() << fmt::format("{},{},{:.8g},{}\n", c.sizes[q], k, strain[k], c.spans_box[q] ? 1 : 0);
            }
        spdlog::info("drop {} at strain {:.5f}: {} shear-transformed atoms in {} clusters (largest {}, {} wrapping "
                     "around the box)",
                     k, strain[k], dc.shear_transformed, dc.sizes.size(), dc.sizes.empty() ? 0 : dc.sizes.front(),
                     spanning);
        out.push_back(std::move(dc));
    }
    csv.commit();
    return out;
}

}  // namespace stz::atom
