// Enumerating and resolving the cases of a sweep (include/stz/sweep/sweep_cases.hpp).
#include "stz/sweep/sweep_cases.hpp"

#include <cmath>
#include <cstdio>

#include "stz/config/load_config.hpp"
#include "stz/core/error.hpp"

namespace stz {

std::string sanitize_label(const std::string& label) {
    std::string out;
    for (char c : label) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                          c == '.' || c == '-' || c == '+';
        const char d = keep ? c : '_';
        if (d == '_' && !out.empty() && out.back() == '_') continue;  // collapse runs
        out += d;
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out.empty() ? "_" : out;
}

SweepPlan plan_sweep(const SweepSpec& spec) {
    SweepPlan plan;
    std::size_t n_groups = 1;
    for (const auto& a : spec.axes) n_groups *= a.values.size();
    const int width = n_groups > 100 ? int(std::to_string(n_groups - 1).size()) : 2;
    for (std::size_t g = 0; g < n_groups; ++g) {
        SweepGroup grp;
        grp.index = g;
        // Mixed-radix digits of g, first axis most significant.
        std::vector<std::size_t> point(spec.axes.size());
        std::size_t rest = g;
        for (std::size_t k = spec.axes.size(); k-- > 0;) {
            point[k] = rest % spec.axes[k].values.size();
            rest /= spec.axes[k].values.size();
        }
        grp.point = point;
        for (const auto& [key, value] : spec.set) grp.overrides.push_back(key + "=" + value);
        std::string tail;
        for (std::size_t k = 0; k < spec.axes.size(); ++k) {
            const SweepAxis& a = spec.axes[k];
            for (std::size_t j = 0; j < a.keys.size(); ++j)
                grp.overrides.push_back(a.keys[j] + "=" + a.values[point[k]][j]);
            grp.labels.push_back(a.labels[point[k]]);
            tail += '_';
            tail += sanitize_label(a.labels[point[k]]);
        }
        if (spec.axes.empty()) {
            grp.name = "base";
        } else {
            char head[32];
            std::snprintf(head, sizeof head, "g%0*zu", width, g);
            grp.name = head + tail;
        }
        plan.groups.push_back(std::move(grp));
    }
    for (std::size_t g = 0; g < n_groups; ++g) {
        for (std::size_t r = 0; r < spec.seeds.size(); ++r) {
            SweepCase c;
            c.index = g * spec.seeds.size() + r;
            c.group = g;
            c.replica = r;
            c.seed = spec.seeds[r];
            c.dir = std::filesystem::path("cases") / plan.groups[g].name /
                    ("seed_" + std::to_string(c.seed));
            plan.cases.push_back(c);
        }
    }
    return plan;
}

Config resolve_case(const SweepSpec& spec, const SweepPlan& plan, const SweepCase& c) {
    const SweepGroup& g = plan.groups.at(c.group);
    const std::string where = spec.file.string() + ": case " + g.name + " seed " + std::to_string(c.seed);
    std::vector<std::string> overrides = g.overrides;
    overrides.push_back("run.seed=" + std::to_string(c.seed));
    Config cfg;
    try {
        cfg = load_config(spec.base, overrides);
    } catch (const Error& e) {
        throw Error(where + ": " + e.what());
    }
    cfg.source = "sweep " + spec.file.filename().string() + ", case " + g.name + ", seed " +
                 std::to_string(c.seed) + ", base " + spec.base.filename().string();
    bool found = false;
    for (double ep : cfg.output.snapshot_plastic_strains)
        found = found || std::abs(ep - spec.metrics_at_plastic_strain) <= 1e-12;
    if (!found) {
        throw Error(where + ": metrics_at_plastic_strain " +
                    std::to_string(spec.metrics_at_plastic_strain) +
                    " is not among output.snapshot_plastic_strains of the case; add it there "
                    "(base file or set:)");
    }
    if (cfg.loading.final_plastic_strain > 0 &&
        cfg.loading.final_plastic_strain < spec.metrics_at_plastic_strain - 1e-12) {
        throw Error(where + ": loading.final_plastic_strain " +
                    std::to_string(cfg.loading.final_plastic_strain) +
                    " stops the run before metrics_at_plastic_strain " +
                    std::to_string(spec.metrics_at_plastic_strain));
    }
    return cfg;
}

}  // namespace stz
