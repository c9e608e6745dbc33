#include "stz/observe/strain_measures.hpp"

#include <cmath>

namespace stz {

double von_mises_strain(const SymTensor& e) {
    const double dxy = e.xx - e.yy;
    const double dxz = e.xx - e.zz;
    const double dyz = e.yy - e.zz;
    return std::sqrt(e.xy * e.xy + e.xz * e.xz + e.yz * e.yz +
                     (dxy * dxy + dxz * dxz + dyz * dyz) / 6.0);
}

std::vector<double> von_mises_strain(std::span<const SymTensor> e) {
    std::vector<double> out(e.size());
    for (std::size_t i = 0; i < e.size(); ++i) out[i] = von_mises_strain(e[i]);
    return out;
}

}  // namespace stz
