// Per-run and per-group tables of a sweep (include/stz/sweep/sweep_tables.hpp).
#include "stz/sweep/sweep_tables.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "stz/core/error.hpp"
#include "stz/io/atomic_file.hpp"
#include "stz/io/npy.hpp"

namespace stz {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string num(double v) {
    if (std::isnan(v)) return "nan";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

YAML::Node load_yaml_file(const std::filesystem::path& file) {
    try {
        return YAML::LoadFile(file.string());
    } catch (const YAML::Exception& e) {
        throw Error(file.string() + ": cannot read: " + e.what());
    }
}

double number_at(const YAML::Node& doc, const std::string& key, const std::filesystem::path& file) {
    const YAML::Node n = doc[key];
    if (!n.IsDefined() || !n.IsScalar())
        throw Error(file.string() + ": " + key + ": expected a number, found none");
    const std::string& t = n.Scalar();
    if (t == ".nan" || t == "nan") return kNaN;
    try {
        return n.as<double>();
    } catch (const YAML::Exception&) {
        throw Error(file.string() + ": " + key + ": expected a number, got \"" + t + "\"");
    }
}

/// 99th percentile of `v` (nearest rank on the sorted values).
double percentile99(std::vector<double> v) {
    if (v.empty()) return kNaN;
    const std::size_t k = std::min(v.size() - 1, std::size_t(std::ceil(0.99 * double(v.size()))) - 1);
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
    return v[k];
}

}  // namespace

const std::vector<std::string>& sweep_metric_names() {
    static const std::vector<std::string> names = {
        "yield_stress_GPa", "yield_strain",  "peak_stress_GPa",    "peak_strain",
        "flow_stress_GPa",  "stress_drop_GPa", "plastic_strain",   "extreme_sites",
        "localization_index", "psi",         "skewness",           "s_max_over_s_all",
        "aebs_shift",       "vm_strain_p99"};
    return names;
}

std::vector<double> read_run_metrics(const std::filesystem::path& run_dir, double metrics_ep) {
    const auto summary_file = run_dir / "summary.yaml";
    if (!std::filesystem::is_regular_file(summary_file))
        throw Error(run_dir.string() + ": no summary.yaml (the run did not finish)");
    const YAML::Node s = load_yaml_file(summary_file);
    std::vector<double> m;
    for (const char* key : {"yield_stress_GPa", "yield_strain", "peak_stress_GPa", "peak_strain",
                            "flow_stress_GPa", "stress_drop_GPa"})
        m.push_back(number_at(s, key, summary_file));

    char name[32];
    std::snprintf(name, sizeof name, "ep_%.4f", metrics_ep);
    const auto snap = run_dir / "snapshots" / name;
    const auto metrics_file = snap / "metrics.yaml";
    if (!std::filesystem::is_regular_file(metrics_file)) {
        m.resize(sweep_metric_names().size(), kNaN);
        return m;
    }
    const YAML::Node x = load_yaml_file(metrics_file);
    for (const char* key : {"plastic_strain", "extreme_sites", "localization_index", "psi", "skewness",
                            "s_max_over_s_all", "aebs_shift"})
        m.push_back(number_at(x, key, metrics_file));
    const auto vm_file = snap / "vm_strain.npy";
    m.push_back(std::filesystem::is_regular_file(vm_file) ? percentile99(read_npy_double(vm_file).data)
                                                          : kNaN);
    return m;
}

MeanSe mean_se(const std::vector<double>& values) {
    MeanSe r;
    double sum = 0;
    for (double v : values)
        if (std::isfinite(v)) sum += v, ++r.n;
    if (r.n == 0) return {kNaN, kNaN, 0};
    r.mean = sum / double(r.n);
    if (r.n < 2) {
        r.se = kNaN;
        return r;
    }
    double ss = 0;
    for (double v : values)
        if (std::isfinite(v)) ss += (v - r.mean) * (v - r.mean);
    r.se = std::sqrt(ss / double(r.n - 1) / double(r.n));
    return r;
}

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string q = "\"";
    for (char c : text) {
        if (c == '"') q += '"';
        q += c;
    }
    return q + '"';
}

void write_sweep_tables(const SweepSpec& spec, const SweepPlan& plan,
                        const std::vector<std::optional<std::vector<double>>>& metrics,
                        const std::filesystem::path& out_dir) {
    STZ_REQUIRE(metrics.size() == plan.cases.size(),
                "write_sweep_tables: " << metrics.size() << " metric rows for " << plan.cases.size()
                                       << " cases");
    const auto& names = sweep_metric_names();
    auto axis_header = [&] {
        std::string h;
        for (const auto& a : spec.axes) {
            h += ',';
            h += csv_field(a.name);
        }
        return h;
    };
    auto axis_cells = [&](const SweepGroup& g) {
        std::string c;
        for (const auto& l : g.labels) {
            c += ',';
            c += csv_field(l);
        }
        return c;
    };

    std::ostringstream cases;
    cases << "case,group,group_name,seed" << axis_header();
    for (const auto& n : names) cases << "," << n;
    cases << "\n";
    for (const SweepCase& c : plan.cases) {
        if (!metrics[c.index]) continue;
        const SweepGroup& g = plan.groups[c.group];
        cases << c.index << "," << c.group << "," << csv_field(g.name) << "," << c.seed << axis_cells(g);
        for (double v : *metrics[c.index]) cases << "," << num(v);
        cases << "\n";
    }
    write_file_atomic(out_dir / "cases.csv", cases.str());

    std::ostringstream agg;
    agg << "group,group_name" << axis_header() << ",runs";
    for (const auto& n : names) agg << "," << n << "_mean," << n << "_se";
    agg << "\n";
    for (const SweepGroup& g : plan.groups) {
        std::vector<std::vector<double>> columns(names.size());
        std::size_t runs = 0;
        for (const SweepCase& c : plan.cases) {
            if (c.group != g.index || !metrics[c.index]) continue;
            ++runs;
            for (std::size_t k = 0; k < names.size(); ++k) columns[k].push_back((*metrics[c.index])[k]);
        }
        agg << g.index << "," << csv_field(g.name) << axis_cells(g) << "," << runs;
        for (const auto& col : columns) {
            const MeanSe ms = mean_se(col);
            agg << "," << num(ms.mean) << "," << num(ms.se);
        }
        agg << "\n";
    }
    write_file_atomic(out_dir / "aggregate.csv", agg.str());
}

}  // namespace stz
