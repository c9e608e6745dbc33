#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "stz/kmc/sum_tree.hpp"

using stz::SumTree;

TEST_CASE("sum tree selects each leaf with frequency w_i / W for evenly spaced uniforms") {
    // Non-power-of-two size, zero weights mixed in, weights over 6 orders of magnitude.
    const std::vector<double> w = {0.0, 3.0, 1e-6, 0.5, 0.0, 2.0, 1.5, 0.0, 7.0, 1e-3, 0.25};
    SumTree t(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) t.set(i, w[i]);
    t.rebuild();
    double total = 0;
    for (double x : w) total += x;
    CHECK(t.total() == doctest::Approx(total).epsilon(1e-15));
    // K uniforms u_j = (j + 1/2)/K: leaf i gets w_i/W K of them, to within one.
    const int k = 1000000;
    std::vector<int> count(w.size(), 0);
    for (int j = 0; j < k; ++j) ++count[t.select((j + 0.5) / k)];
    for (std::size_t i = 0; i < w.size(); ++i) {
        CAPTURE(i);
        CHECK(std::abs(count[i] - w[i] / total * k) <= 1.0);
        if (w[i] == 0.0) CHECK(count[i] == 0);
    }
}

TEST_CASE("sum tree: update() equals set() + rebuild(), and the remainder locates u inside a leaf") {
    SumTree a(5), b(5);
    const double w[5] = {1, 2, 3, 4, 5};
    for (int i = 0; i < 5; ++i) {
        a.update(i, w[i]);
        b.set(i, w[i]);
    }
    b.rebuild();
    CHECK(a.total() == b.total());
    double rest = -1;
    // u * 15 = 7.5 falls in leaf 3 (cumulative 6..10) at 1.5 from its start.
    CHECK(a.select(0.5, &rest) == 3);
    CHECK(rest == doctest::Approx(1.5));
    a.update(3, 0.0);
    CHECK(a.total() == doctest::Approx(11.0));
    CHECK(a.select(6.0 / 11.0 + 1e-12) == 4);
}

TEST_CASE("sum tree never returns a zero-weight leaf, even at u just below 1") {
    SumTree t(7);
    t.set(2, 1.0);
    t.set(3, 1e-300);
    t.rebuild();
    CHECK(t.select(0.0) == 2);
    const std::size_t last = t.select(1.0 - 1e-16);
    CHECK((last == 2 || last == 3));
}
