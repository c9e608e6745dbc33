#include "stz/calibration/aebs_windows.hpp"

#include <cmath>
#include <sstream>

#include "stz/core/error.hpp"

namespace stz {

std::string StrainWindow::label() const {
    std::ostringstream os;
    if (lo <= 0) {
        os << "e < " << hi;
    } else if (std::isinf(hi)) {
        os << "e >= " << lo;
    } else {
        os << lo << " <= e < " << hi;
    }
    return os.str();
}

std::vector<StrainWindow> strain_windows(std::span<const double> inner_edges) {
    std::vector<StrainWindow> w;
    double lo = 0;
    for (double e : inner_edges) {
        STZ_REQUIRE(std::isfinite(e) && e > lo,
                    "strain window edges must be positive and increasing, got " << e << " after "
                                                                                << lo);
        w.push_back({lo, e});
        lo = e;
    }
    w.push_back({lo, std::numeric_limits<double>::infinity()});
    return w;
}

std::vector<AebsWindow> fit_aebs_windows(std::span<const double> barriers_eV,
                                         std::span<const double> strains,
                                         std::span<const double> inner_edges, int min_events,
                                         double confidence, const std::string& source) {
    STZ_REQUIRE(barriers_eV.size() == strains.size(),
                source << ": " << barriers_eV.size() << " barriers but " << strains.size()
                       << " strains");
    std::vector<AebsWindow> out;
    for (const StrainWindow& range : strain_windows(inner_edges)) {
        AebsWindow w;
        w.range = range;
        double strain_sum = 0;
        for (std::size_t i = 0; i < barriers_eV.size(); ++i) {
            if (!range.contains(strains[i])) continue;
            w.barriers_eV.push_back(barriers_eV[i]);
            strain_sum += strains[i];
        }
        const auto n = w.barriers_eV.size();
        if (n < std::size_t(std::max(min_events, 2)))
            throw Error(source + ": the local-strain window " + range.label() + " holds " +
                        std::to_string(n) + " event" + (n == 1 ? "" : "s") +
                        "; each window needs at least " + std::to_string(std::max(min_events, 2)) +
                        " (aebs.min_events_per_window) to fit a Gaussian: merge windows with "
                        "aebs.strain_windows or add events");
        w.strain_mean = strain_sum / double(n);
        w.fit = fit_gaussian(w.barriers_eV, confidence);
        out.push_back(std::move(w));
    }
    return out;
}

}  // namespace stz
