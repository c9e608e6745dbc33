#include "stz/kmc/sum_tree.hpp"

#include <utility>

#include "stz/core/error.hpp"
#include "stz/internal/omp.hpp"

namespace stz {

SumTree::SumTree(std::size_t leaves) : n_(leaves), cap_(1) {
    STZ_REQUIRE(leaves > 0, "a sum tree needs at least one leaf");
    while (cap_ < leaves) cap_ *= 2;
    node_.assign(2 * cap_, 0.0);
}

void SumTree::update(std::size_t i, double w) {
    std::size_t k = cap_ + i;
    node_[k] = w;
    for (k /= 2; k >= 1; k /= 2) node_[k] = node_[2 * k] + node_[2 * k + 1];
}

void SumTree::set_nodes(std::vector<double> nodes) {
    STZ_REQUIRE(nodes.size() == node_.size(), "sum tree of " << node_.size() << " nodes cannot take "
                                                              << nodes.size());
    node_ = std::move(nodes);
}

void SumTree::rebuild() {
    for (std::size_t level = cap_ / 2; level >= 1; level /= 2) {
        const long long lo = static_cast<long long>(level), hi = static_cast<long long>(2 * level);
        STZ_OMP(parallel for schedule(static) if (level >= 4096))
        for (long long k = lo; k < hi; ++k) node_[k] = node_[2 * k] + node_[2 * k + 1];
    }
}

std::size_t cumulative_pick(std::span<const double> w, double target) {
    double acc = 0;
    std::size_t last_positive = 0;
    for (std::size_t k = 0; k < w.size(); ++k) {
        if (w[k] <= 0) continue;
        last_positive = k;
        acc += w[k];
        if (target < acc) return k;
    }
    return last_positive;
}

std::size_t SumTree::select(double u, double* rest) const {
    STZ_ASSERT(u >= 0.0 && u < 1.0);
    double target = u * total();
    std::size_t k = 1;
    while (k < cap_) {
        const double left = node_[2 * k];
        // Round-off can leave target >= left while the right subtree is empty: go left then.
        if (target < left || node_[2 * k + 1] <= 0.0) {
            k = 2 * k;
        } else {
            target -= left;
            k = 2 * k + 1;
        }
    }
    if (rest) *rest = target;
    return k - cap_;
}

}  // namespace stz
