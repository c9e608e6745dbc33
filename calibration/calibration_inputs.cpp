#include "stz/calibration/calibration_inputs.hpp"

#include <cmath>

#include "stz/core/error.hpp"
#include "stz/io/csv_table.hpp"

namespace stz {

namespace {

std::vector<double> optional_column(const CsvTable& t, const std::string& column,
                                    const CsvNumberRule& rule) {
    auto v = t.optional_numbers(column, rule);
    return v ? *v : std::vector<double>{};
}

}  // namespace

ArtEventData read_art_events(const std::filesystem::path& file) {
    const CsvTable t = CsvTable::read(file, "ART event file");
    ArtEventData d;
    d.file = t.name();
    d.barrier_eV = t.numbers("barrier_eV", CsvNumberRule::positive());
    d.local_vm_strain = t.numbers("local_vm_strain", CsvNumberRule::non_negative());
    d.max_displacement_A = optional_column(t, "max_displacement_A", CsvNumberRule::non_negative());
    d.cooling_rate_K_per_s = optional_column(t, "cooling_rate_K_per_s", CsvNumberRule::positive());
    d.fictive_T_K = optional_column(t, "fictive_T_K", CsvNumberRule::positive());
    if (t.has_column("sample")) d.sample = t.texts("sample");
    for (std::size_t r = 0; r < t.rows(); ++r) d.line.push_back(t.line_of(r));
    return d;
}

StzClusterData read_stz_clusters(const std::filesystem::path& file) {
    const CsvTable t = CsvTable::read(file, "STZ cluster file");
    StzClusterData d;
    d.file = t.name();
    d.size_atoms = t.numbers("size_atoms", {[](double v) { return v >= 1; }, "a number >= 1 (atoms)"});
    if (t.has_column("sample")) d.sample = t.texts("sample");
    if (t.has_column("spans_box"))
        for (double v : t.numbers("spans_box", {[](double x) { return x == 0 || x == 1; }, "0 or 1"}))
            d.spans_box.push_back(v == 1 ? 1 : 0);
    return d;
}

BarrierRateData read_barrier_vs_cooling_rate(const std::filesystem::path& file) {
    const CsvTable t = CsvTable::read(file, "barrier-vs-cooling-rate file");
    BarrierRateData d;
    d.file = t.name();
    d.cooling_rate_K_per_s = t.numbers("cooling_rate_K_per_s", CsvNumberRule::positive());
    d.barrier_mean_eV = t.numbers("barrier_mean_eV", CsvNumberRule::positive());
    d.count = optional_column(t, "count", {[](double v) { return v >= 2; }, "a count >= 2"});
    if (t.has_column("barrier_sem_eV")) {
        d.barrier_sem_eV = t.numbers("barrier_sem_eV", CsvNumberRule::positive());
    } else if (t.has_column("barrier_std_eV")) {
        if (d.count.empty())
            t.fail_file("column barrier_std_eV needs a column count (events behind each mean) to "
                        "give the standard error std / sqrt(count); or give barrier_sem_eV");
        const auto s = t.numbers("barrier_std_eV", CsvNumberRule::positive());
        for (std::size_t i = 0; i < s.size(); ++i)
            d.barrier_sem_eV.push_back(s[i] / std::sqrt(d.count[i]));
    }
    return d;
}

MaterialData read_material(const std::filesystem::path& file) {
    const CsvTable t = CsvTable::read(file, "material file");
    MaterialData d;
    d.file = t.name();
    d.atomic_volume_A3 = optional_column(t, "atomic_volume_A3", CsvNumberRule::positive());
    d.cohesive_energy_eV = optional_column(
        t, "cohesive_energy_eV",
        {[](double v) { return v > 0; },
         "a positive number (the cohesive energy per atom as a magnitude, eV)"});
    if (d.atomic_volume_A3.empty() && d.cohesive_energy_eV.empty())
        t.fail_file("expected a column atomic_volume_A3 or cohesive_energy_eV (or both)");
    return d;
}

}  // namespace stz
