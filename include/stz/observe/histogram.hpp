#pragma once
// Probability density of a sample on fixed bins (the von Mises strain distribution, 003 Fig. 5d).
#include <cstddef>
#include <span>
#include <vector>

namespace stz {

struct Histogram {
    std::vector<double> edges;  ///< bins + 1 increasing edges, edges[0] = lo, edges[bins] = hi
    std::vector<std::size_t> counts;  ///< values per bin
    std::vector<double> density;      ///< counts[b] / (counted * width of bin b)
    std::size_t counted = 0;          ///< values inside [lo, hi] (the sum of counts)
    std::size_t underflow = 0;        ///< values below lo (including -inf)
    std::size_t overflow = 0;         ///< values above hi (including +inf)
};

/// Histogram of `values` on `bins` equal bins spanning [lo, hi].
///
/// Bin b holds edges[b] <= v < edges[b + 1]; the last bin also holds v == hi (as numpy
/// does). The density integrates to 1 over [lo, hi], normalised by the counted values only
/// (under- and overflow are reported, not spread); it is all zero if nothing was counted.
/// Requires finite lo < hi, bins >= 1 and no NaN among the values; throws stz::Error
/// otherwise. Units of the density: 1 / (units of the values).
[[nodiscard]] Histogram histogram(std::span<const double> values, double lo, double hi, int bins);

}  // namespace stz
