// AEBS windows: binning edges, labels, per-window Gaussians, the empty-window error.
#include "stz/calibration/aebs_windows.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "stz/core/error.hpp"

using namespace stz;

TEST_CASE("strain windows: paper 003's five windows and their labels") {
    const std::vector<double> edges = {0.05, 0.1, 0.15, 0.2};
    const auto w = strain_windows(edges);
    REQUIRE(w.size() == 5);
    CHECK(w[0].label() == "e < 0.05");
    CHECK(w[1].label() == "0.05 <= e < 0.1");
    CHECK(w[4].label() == "e >= 0.2");
    CHECK(w[0].contains(0.0));
    CHECK_FALSE(w[0].contains(0.05));  // half-open: 0.05 belongs to the second window
    CHECK(w[1].contains(0.05));
    CHECK(w[4].contains(5.0));
    CHECK_THROWS_AS((void)strain_windows(std::vector<double>{0.1, 0.05}), Error);
}

TEST_CASE("fit_aebs_windows bins events by local strain and fits each window") {
    const std::vector<double> b = {2.0, 2.2, 1.8, 1.5, 1.7, 1.3, 1.2, 1.1};
    const std::vector<double> e = {0.0, 0.01, 0.04, 0.06, 0.09, 0.3, 0.5, 0.2};
    const auto w = fit_aebs_windows(b, e, std::vector<double>{0.05, 0.1}, 2, 0.95, "art.csv");
    REQUIRE(w.size() == 3);
    CHECK(w[0].fit.count == 3);
    CHECK(w[0].fit.mean.value == doctest::Approx(2.0));
    CHECK(w[0].strain_mean == doctest::Approx(0.05 / 3));
    CHECK(w[1].fit.mean.value == doctest::Approx(1.6));
    CHECK(w[2].fit.count == 3);
    CHECK(w[2].fit.mean.value == doctest::Approx(1.2));
}

TEST_CASE("an empty or thin window is an error naming the file, the window and the key") {
    const std::vector<double> b = {2.0, 2.2, 1.8, 1.2, 1.1};
    const std::vector<double> e = {0.0, 0.01, 0.04, 0.3, 0.25};
    CHECK_THROWS_WITH_AS(
        (void)fit_aebs_windows(b, e, std::vector<double>{0.05, 0.1}, 2, 0.95, "art.csv"),
        doctest::Contains("art.csv: the local-strain window 0.05 <= e < 0.1 holds 0 events; each "
                          "window needs at least 2 (aebs.min_events_per_window)"),
        Error);
}
