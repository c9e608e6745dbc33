#pragma once
// Event selection over non-negative weights: a complete binary sum tree (SPPARKS-style).
//
// update(i, w) sets leaf i, rebuild() recomputes every internal node from its children
// (no running add/subtract, so no drift), total() is the root, select(u) maps a uniform
// u in [0, 1) to the leaf whose cumulative interval contains u * total() in O(log n).
// Uniforms are passed in, so tests are exact. Internal sums are formed in a fixed order:
// the result does not depend on the thread count.
#include <cstddef>
#include <span>
#include <vector>

namespace stz {

class SumTree {
public:
    SumTree() = default;
    explicit SumTree(std::size_t leaves);

    [[nodiscard]] std::size_t size() const { return n_; }
    /// Set leaf i's weight (>= 0, finite) without updating the sums; call rebuild() after.
    void set(std::size_t i, double w) { node_[cap_ + i] = w; }
    /// Set leaf i's weight and update its ancestors: O(log n).
    void update(std::size_t i, double w);
    /// Recompute every internal sum from the leaves: O(n), parallel over each level.
    void rebuild();
    [[nodiscard]] double total() const { return node_.empty() ? 0.0 : node_[1]; }
    [[nodiscard]] double weight(std::size_t i) const { return node_[cap_ + i]; }
    /// Leaf whose interval contains u * total() (u in [0, 1)); never a zero-weight leaf
    /// when total() > 0. Returns the remainder u * total() - (sum of weights before the
    /// leaf) in `*rest` if given, for a second-level search inside the leaf.
    [[nodiscard]] std::size_t select(double u, double* rest = nullptr) const;

    /// Every node (checkpoints): the heap as stored, and its exact restoration.
    [[nodiscard]] const std::vector<double>& nodes() const { return node_; }
    void set_nodes(std::vector<double> nodes);

private:
    std::size_t n_ = 0, cap_ = 0;  // leaves, and the power of two >= n_
    std::vector<double> node_;     // 1-based heap: node_[1] root, leaves at cap_ .. cap_+n_-1
};

/// Linear cumulative search (003-eq 7): the first index k with target < w_0 + ... + w_k,
/// summing the positive weights in index order; round-off at the very top of the range
/// falls back to the last positive weight (index 0 if there is none).
[[nodiscard]] std::size_t cumulative_pick(std::span<const double> w, double target);

}  // namespace stz
