#include "stz/observe/histogram.hpp"

#include <cmath>

#include "stz/core/error.hpp"

namespace stz {

Histogram histogram(std::span<const double> values, double lo, double hi, int bins) {
    STZ_REQUIRE(
        std::isfinite(lo) && std::isfinite(hi) && lo < hi,
        "histogram: the range must be finite with lo < hi, got [" << lo << ", " << hi << "]");
    STZ_REQUIRE(bins >= 1, "histogram: the number of bins must be at least 1, got " << bins);
    const auto nb = static_cast<std::size_t>(bins);

    Histogram h;
    h.edges.resize(nb + 1);
    for (std::size_t b = 0; b < nb; ++b) h.edges[b] = lo + (hi - lo) * double(b) / double(nb);
    h.edges[nb] = hi;
    for (std::size_t b = 0; b < nb; ++b)
        STZ_REQUIRE(h.edges[b] < h.edges[b + 1], "histogram: " << bins << " bins are too fine for ["
                                                               << lo << ", " << hi
                                                               << "] in double precision");
    h.counts.assign(nb, 0);

    for (std::size_t i = 0; i < values.size(); ++i) {
        const double v = values[i];
        STZ_REQUIRE(!std::isnan(v), "histogram: value " << i << " is NaN");
        if (v < lo) {
            ++h.underflow;
            continue;
        }
        if (v > hi) {
            ++h.overflow;
            continue;
        }
        // Estimate the bin, then settle it against the stored edges so that a value on an
        // edge always lands in the bin that starts there, whatever the rounding above.
        auto b = static_cast<std::size_t>((v - lo) / (hi - lo) * double(nb));
        if (b >= nb) b = nb - 1;
        while (b > 0 && v < h.edges[b]) --b;
        while (b + 1 < nb && v >= h.edges[b + 1]) ++b;
        ++h.counts[b];
        ++h.counted;
    }

    h.density.assign(nb, 0.0);
    if (h.counted > 0) {
        for (std::size_t b = 0; b < nb; ++b)
            h.density[b] =
                double(h.counts[b]) / (double(h.counted) * (h.edges[b + 1] - h.edges[b]));
    }
    return h;
}

}  // namespace stz
