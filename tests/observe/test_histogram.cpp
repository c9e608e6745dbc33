// Probability-density histogram. Counts are exact; densities are count / (N width) with
// width = 0.25 or similar binary-exact numbers, so 1e-15 relative covers their rounding.
#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "stz/core/error.hpp"
#include "stz/observe/histogram.hpp"

using namespace stz;

TEST_CASE("histogram bins, edges and density on a hand-made sample") {
    // [0, 1] in 4 bins of 0.25. Values on an interior edge go up; hi goes to the last bin.
    const std::vector<double> v{0.0, 0.1, 0.25, 0.3, 0.6, 0.75, 1.0, -0.2, 1.5, INFINITY};
    const Histogram h = histogram(v, 0.0, 1.0, 4);
    CHECK(h.edges == std::vector<double>{0.0, 0.25, 0.5, 0.75, 1.0});
    CHECK(h.counts == std::vector<std::size_t>{2, 2, 1, 2});
    CHECK(h.counted == 7);
    CHECK(h.underflow == 1);
    CHECK(h.overflow == 2);
    REQUIRE(h.density.size() == 4);
    CHECK(h.density[0] == doctest::Approx(2.0 / (7 * 0.25)).epsilon(1e-15));
    CHECK(h.density[2] == doctest::Approx(1.0 / (7 * 0.25)).epsilon(1e-15));
}

TEST_CASE("histogram density integrates to 1 over the counted values") {
    std::vector<double> v;
    for (int i = 0; i < 1000; ++i) v.push_back(std::sin(0.37 * i) * 0.8);  // in [-0.8, 0.8]
    const Histogram h = histogram(v, -0.5, 0.7, 17);  // uneven cut: some values outside
    double integral = 0;
    for (std::size_t b = 0; b < h.density.size(); ++b)
        integral += h.density[b] * (h.edges[b + 1] - h.edges[b]);
    CHECK(integral == doctest::Approx(1.0).epsilon(1e-14));  // 17 products summed
    CHECK(h.counted + h.underflow + h.overflow == v.size());
    CHECK(std::accumulate(h.counts.begin(), h.counts.end(), std::size_t{0}) == h.counted);
    CHECK(h.underflow > 0);
    CHECK(h.overflow > 0);
}

TEST_CASE("every value lands in the bin whose edges enclose it") {
    // Edges of [0, 0.7] in 7 bins are not binary-exact: check consistency with stored edges.
    std::vector<double> v;
    for (int i = 0; i <= 700; ++i) v.push_back(0.001 * i);
    for (int b = 0; b <= 7; ++b) v.push_back(0.0 + 0.7 * b / 7.0);
    const Histogram h = histogram(v, 0.0, 0.7, 7);
    for (const double x : v) {
        if (x > 0.7) continue;
        std::size_t b = 0;
        while (b + 1 < 7 && x >= h.edges[b + 1]) ++b;
        const Histogram one = histogram(std::vector<double>{x}, 0.0, 0.7, 7);
        CHECK(one.counts[b] == 1);
    }
}

TEST_CASE("an empty sample gives zero density") {
    const Histogram h = histogram({}, 0.0, 1.0, 3);
    CHECK(h.counted == 0);
    CHECK(h.density == std::vector<double>(3, 0.0));
}

TEST_CASE("histogram rejects a bad range, bin count or NaN values") {
    const std::vector<double> v{0.1};
    CHECK_THROWS_AS((void)histogram(v, 1.0, 1.0, 4), Error);
    CHECK_THROWS_AS((void)histogram(v, 1.0, 0.0, 4), Error);
    CHECK_THROWS_AS((void)histogram(v, 0.0, INFINITY, 4), Error);
    CHECK_THROWS_AS((void)histogram(v, 0.0, 1.0, 0), Error);
    CHECK_THROWS_AS((void)histogram(std::vector<double>{0.1, std::nan("")}, 0.0, 1.0, 4), Error);
}
