#pragma once
// Neumaier (improved Kahan) summation, private to the observables.
//
// The error of a plain running sum grows with the number of terms; the compensated sum
// stays within a few ulp of the exact sum for any ordering, so means and moments of
// 4M-voxel fields do not depend on the field's size in their accuracy. Serial and in a
// fixed order: results are bit-identical whatever the thread count.
#include <cmath>

namespace stz::detail {

class CompensatedSum {
  public:
    void add(double x) {
        const double t = sum_ + x;
        // The low-order bits lost from whichever operand is smaller.
        if (std::abs(sum_) >= std::abs(x)) {
            c_ += (sum_ - t) + x;
        } else {
            c_ += (x - t) + sum_;
        }
        sum_ = t;
    }
    [[nodiscard]] double value() const { return sum_ + c_; }

  private:
    double sum_ = 0;
    double c_ = 0;
};

}  // namespace stz::detail
