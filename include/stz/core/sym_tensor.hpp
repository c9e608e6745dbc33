#pragma once
// A symmetric second-order 3x3 tensor (strain or stress) as a plain value type.
//
// Components are stored as tensor components (not engineering shear strains):
// xy is the tensor component eps_xy = gamma_xy / 2. The double contraction A:B
// therefore counts each off-diagonal pair twice.
#include <array>
#include <cmath>
#include <cstddef>

namespace stz {

struct SymTensor {
    double xx = 0, yy = 0, zz = 0, yz = 0, xz = 0, xy = 0;

    /// Components in Voigt order (xx, yy, zz, yz, xz, xy), tensor (not engineering) shears.
    [[nodiscard]] std::array<double, 6> voigt() const { return {xx, yy, zz, yz, xz, xy}; }
    [[nodiscard]] static SymTensor from_voigt(const std::array<double, 6>& v) {
        return {v[0], v[1], v[2], v[3], v[4], v[5]};
    }
    /// Component (i, j), i, j in {0, 1, 2}.
    [[nodiscard]] double operator()(int i, int j) const {
        if (i == j) return i == 0 ? xx : (i == 1 ? yy : zz);
        const int k = 3 - i - j;  // the axis not involved: 0 -> yz, 1 -> xz, 2 -> xy
        return k == 0 ? yz : (k == 1 ? xz : xy);
    }

    [[nodiscard]] double trace() const { return xx + yy + zz; }
    [[nodiscard]] SymTensor deviator() const {
        const double m = trace() / 3.0;
        return {xx - m, yy - m, zz - m, yz, xz, xy};
    }

    SymTensor& operator+=(const SymTensor& b) {
        xx += b.xx; yy += b.yy; zz += b.zz; yz += b.yz; xz += b.xz; xy += b.xy;
        return *this;
    }
    SymTensor& operator-=(const SymTensor& b) {
        xx -= b.xx; yy -= b.yy; zz -= b.zz; yz -= b.yz; xz -= b.xz; xy -= b.xy;
        return *this;
    }
    SymTensor& operator*=(double s) {
        xx *= s; yy *= s; zz *= s; yz *= s; xz *= s; xy *= s;
        return *this;
    }
    friend SymTensor operator+(SymTensor a, const SymTensor& b) { return a += b; }
    friend SymTensor operator-(SymTensor a, const SymTensor& b) { return a -= b; }
    friend SymTensor operator*(SymTensor a, double s) { return a *= s; }
    friend SymTensor operator*(double s, SymTensor a) { return a *= s; }
    friend bool operator==(const SymTensor&, const SymTensor&) = default;
};

/// Double contraction A:B = sum_ij A_ij B_ij.
[[nodiscard]] inline double ddot(const SymTensor& a, const SymTensor& b) {
    return a.xx * b.xx + a.yy * b.yy + a.zz * b.zz + 2.0 * (a.yz * b.yz + a.xz * b.xz + a.xy * b.xy);
}

/// Frobenius norm sqrt(A:A).
[[nodiscard]] inline double norm(const SymTensor& a) { return std::sqrt(ddot(a, a)); }

/// Von Mises equivalent of a stress tensor: sqrt(3/2 s:s), s the deviator (GPa in, GPa out).
[[nodiscard]] inline double von_mises_stress(const SymTensor& s) {
    const SymTensor d = s.deviator();
    return std::sqrt(1.5 * ddot(d, d));
}

}  // namespace stz
