#include "stz/elasticity/eigen_basis.hpp"

#include <cmath>

#include "stz/core/error.hpp"

namespace stz {

SymTensor deviatoric_basis(int dim, int b) {
    STZ_REQUIRE(dim == 2 || dim == 3, "dimension must be 2 or 3, got " << dim);
    STZ_REQUIRE(b >= 0 && b < deviatoric_basis_size(dim),
                "deviatoric basis index " << b << " out of range for " << dim << "D");
    if (dim == 2) return b == 0 ? SymTensor{1, -1, 0, 0, 0, 0} : SymTensor{0, 0, 0, 0, 0, 1};
    const double r3 = 1.0 / std::sqrt(3.0);
    switch (b) {
        case 0: return {1, -1, 0, 0, 0, 0};
        case 1: return {r3, r3, -2 * r3, 0, 0, 0};
        case 2: return {0, 0, 0, 0, 0, 1};
        case 3: return {0, 0, 0, 0, 1, 0};
        default: return {0, 0, 0, 1, 0, 0};
    }
}

SymTensor from_deviatoric_coefficients(int dim, std::span<const double> coeff) {
    STZ_REQUIRE(static_cast<int>(coeff.size()) == deviatoric_basis_size(dim),
                "expected " << deviatoric_basis_size(dim) << " deviatoric coefficients in "
                            << dim << "D, got " << coeff.size());
    SymTensor t;
    for (int b = 0; b < deviatoric_basis_size(dim); ++b) t += coeff[b] * deviatoric_basis(dim, b);
    return t;
}

std::array<double, 5> deviatoric_coefficients(int dim, const SymTensor& t) {
    std::array<double, 5> c{};
    for (int b = 0; b < deviatoric_basis_size(dim); ++b) c[b] = 0.5 * ddot(t, deviatoric_basis(dim, b));
    return c;
}

}  // namespace stz
