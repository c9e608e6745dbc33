#include "stz/elasticity/tensor_field.hpp"

#include <algorithm>
#include <cmath>

#include "stz/core/error.hpp"

namespace stz {

TensorField::TensorField(const Grid& grid) : grid_(grid) {
    STZ_REQUIRE(grid.nx >= 1 && grid.ny >= 1 && grid.nz >= 1,
                "grid dimensions must be positive, got " << grid.nx << "x" << grid.ny << "x"
                                                         << grid.nz);
    if (grid.dim() == 2)
        comps_ = {Comp::xx, Comp::yy, Comp::zz, Comp::xy};
    else
        comps_ = {Comp::xx, Comp::yy, Comp::zz, Comp::yz, Comp::xz, Comp::xy};
    for (std::size_t s = 0; s < comps_.size(); ++s) slot_[static_cast<int>(comps_[s])] = int(s);
    data_.assign(comps_.size() * grid.size(), 0.0);
}

std::span<double> TensorField::operator[](Comp c) {
    const int s = slot_[static_cast<int>(c)];
    STZ_REQUIRE(s >= 0, "tensor component " << static_cast<int>(c) << " is not stored in 2D");
    return slot(s);
}

std::span<const double> TensorField::operator[](Comp c) const {
    const int s = slot_[static_cast<int>(c)];
    STZ_REQUIRE(s >= 0, "tensor component " << static_cast<int>(c) << " is not stored in 2D");
    return slot(s);
}

SymTensor TensorField::at(std::size_t i) const {
    std::array<double, 6> v{};
    for (std::size_t s = 0; s < comps_.size(); ++s)
        v[static_cast<int>(comps_[s])] = data_[s * size() + i];
    return SymTensor::from_voigt(v);
}

void TensorField::set(std::size_t i, const SymTensor& t) {
    const auto v = t.voigt();
    STZ_REQUIRE(grid_.dim() == 3 || (v[3] == 0 && v[4] == 0),
                "a 2D (plane strain) field cannot hold yz or xz components");
    for (std::size_t s = 0; s < comps_.size(); ++s) data_[s * size() + i] = v[int(comps_[s])];
}

void TensorField::add(std::size_t i, const SymTensor& t) {
    const auto v = t.voigt();
    STZ_REQUIRE(grid_.dim() == 3 || (v[3] == 0 && v[4] == 0),
                "a 2D (plane strain) field cannot hold yz or xz components");
    for (std::size_t s = 0; s < comps_.size(); ++s) data_[s * size() + i] += v[int(comps_[s])];
}

SymTensor TensorField::mean() const {
    std::array<double, 6> v{};
    for (std::size_t s = 0; s < comps_.size(); ++s) {
        // Pairwise-free but compensated summation: means of large fields stay exact enough
        // for the mixed boundary condition (Kahan).
        double sum = 0, c = 0;
        for (double x : slot(int(s))) {
            const double y = x - c;
            const double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        v[int(comps_[s])] = sum / double(size());
    }
    return SymTensor::from_voigt(v);
}

void TensorField::fill_zero() { std::fill(data_.begin(), data_.end(), 0.0); }

double TensorField::max_abs() const {
    double m = 0;
    for (double x : data_) m = std::max(m, std::abs(x));
    return m;
}

}  // namespace stz
