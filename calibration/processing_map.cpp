#include "stz/calibration/processing_map.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <vector>

#include "stz/calibration/sample_stats.hpp"
#include "stz/core/error.hpp"

namespace stz {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

Estimate ProcessingMap::barrier_at(double rate_K_per_s) const {
    return line.at(std::log10(rate_K_per_s));
}

Estimate ProcessingMap::eta_max_at(double rate_K_per_s, const Estimate& saturated_eV) const {
    const Estimate q = barrier_at(rate_K_per_s);
    const double qs = saturated_eV.value;
    if (!(q.value > qs)) return {};
    const double value = std::log(q.value / qs);
    // Independent data sets (cooling-rate series vs strained sample): variances add.
    const double se = std::sqrt(q.se * q.se / (q.value * q.value) +
                                saturated_eV.se * saturated_eV.se / (qs * qs));
    Estimate e{value, se, kNaN, kNaN};
    // The interval maps the ends of Q's band and Q_sat's interval through the log
    // (monotone): conservative and never below ln(1) when the band stays above Q_sat.
    if (q.has_interval() && saturated_eV.has_interval()) {
        e.lo = q.lo > saturated_eV.hi ? std::log(q.lo / saturated_eV.hi) : 0.0;
        e.hi = saturated_eV.lo > 0 ? std::log(q.hi / saturated_eV.lo) : kNaN;
    }
    return e;
}

ProcessingMap fit_processing_map(std::vector<ProcessingPoint> points, const std::string& source,
                                 double confidence) {
    std::map<double, int> distinct;
    for (const auto& p : points) ++distinct[p.cooling_rate_K_per_s];
    if (distinct.size() < 2) {
        std::ostringstream os;
        os << source << ": the processing map needs glasses at two or more cooling rates, got ";
        if (distinct.empty()) {
            os << "none";
        } else {
            os << "one (" << distinct.begin()->first << " K/s)";
        }
        os << "; add the mean barrier of a glass quenched at another rate";
        throw Error(os.str());
    }
    std::vector<double> x, y, s;
    bool all_sem = true;
    for (const auto& p : points) {
        x.push_back(std::log10(p.cooling_rate_K_per_s));
        y.push_back(p.barrier_mean_eV);
        s.push_back(p.barrier_sem_eV);
        all_sem = all_sem && std::isfinite(p.barrier_sem_eV) && p.barrier_sem_eV > 0;
    }
    ProcessingMap m;
    m.source = source;
    m.line = fit_line(x, y, all_sem ? std::optional<std::span<const double>>(s) : std::nullopt,
                      confidence);
    m.points = std::move(points);
    return m;
}

std::vector<ProcessingPoint> processing_points_from_events(std::span<const double> barriers_eV,
                                                           std::span<const double> strains,
                                                           std::span<const double> rates,
                                                           double max_strain,
                                                           const std::string& source) {
    std::map<double, std::vector<double>> by_rate;  // unstrained barriers per cooling rate
    for (std::size_t i = 0; i < barriers_eV.size(); ++i) {
        auto& v = by_rate[rates[i]];
        if (strains[i] < max_strain) v.push_back(barriers_eV[i]);
    }
    std::vector<ProcessingPoint> out;
    for (const auto& [rate, v] : by_rate) {
        if (v.size() < 2) {
            std::ostringstream os;
            os << source << ": the glass cooled at " << rate << " K/s has " << v.size()
               << " event(s) with local strain below " << max_strain
               << "; its mean unstrained barrier needs at least 2";
            throw Error(os.str());
        }
        const GaussianFit g = fit_gaussian(v, 0.95);  // only mean and its se are used
        out.push_back({rate, g.mean.value, g.mean.se, double(g.count)});
    }
    return out;
}

}  // namespace stz
