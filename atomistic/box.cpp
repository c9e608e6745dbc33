// Periodic box geometry (LAMMPS triclinic conventions).
#include "stz/atom/box.hpp"

#include <cmath>

#include "stz/core/error.hpp"

namespace stz::atom {

Box Box::orthogonal(Vec3 lo, double lx, double ly, double lz) {
    Box box;
    box.lo = lo;
    box.lx = lx;
    box.ly = ly;
    box.lz = lz;
    return box;
}

Vec3 Box::perpendicular_widths() const {
    const double v = volume();
    return {v / norm(cross(b(), c())), v / norm(cross(c(), a())), v / norm(cross(a(), b()))};
}

Vec3 Box::minimum_image(const Vec3& d) const {
    Vec3 s = h_inverse_times(d);
    s.x -= std::nearbyint(s.x);
    s.y -= std::nearbyint(s.y);
    s.z -= std::nearbyint(s.z);
    // Rounding each fractional coordinate is exact for orthogonal boxes; with tilt the
    // nearest image may be one cell away, so search the neighbouring images.
    Vec3 best = h_times(s);
    if (!triclinic()) return best;
    double best2 = dot(best, best);
    for (int i = -1; i <= 1; ++i)
        for (int j = -1; j <= 1; ++j)
            for (int k = -1; k <= 1; ++k) {
                const Vec3 c2 = h_times({s.x + i, s.y + j, s.z + k});
                const double r2 = dot(c2, c2);
                if (r2 < best2) {
                    best2 = r2;
                    best = c2;
                }
            }
    return best;
}

void Box::validate(const char* what) const {
    const double all[] = {lo.x, lo.y, lo.z, lx, ly, lz, xy, xz, yz};
    for (double v : all) STZ_REQUIRE(std::isfinite(v), what << ": box has a non-finite bound or tilt");
    STZ_REQUIRE(lx > 0 && ly > 0 && lz > 0,
                what << ": box edges must be positive (xhi > xlo etc.), got " << lx << " x " << ly << " x " << lz << " Å");
    // Edges of 1e-200 Å pass the test above but their volume underflows to 0 (and 1e200 Å
    // overflows it): every fractional coordinate and density would be 0/0 or inf.
    const double v = volume();
    STZ_REQUIRE(v > 0 && std::isfinite(v), what << ": box volume " << v << " Å^3 of " << lx << " x " << ly << " x "
                                                 << lz << " Å is not a positive finite number");
}

}  // namespace stz::atom
