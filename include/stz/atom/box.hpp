#pragma once
// Periodic simulation box with LAMMPS's conventions (Howto triclinic): origin lo and edge
// vectors a = (lx, 0, 0), b = (xy, ly, 0), c = (xz, yz, lz). The cell matrix H has a, b,
// c as columns, so a position is r = lo + H s with fractional coordinates s in [0, 1)^3.
#include <array>

#include "stz/atom/vec3.hpp"

namespace stz::atom {

struct Box {
    Vec3 lo{};                          ///< origin (xlo, ylo, zlo), Å
    double lx = 0, ly = 0, lz = 0;     ///< edge lengths xhi-xlo, yhi-ylo, zhi-zlo, Å
    double xy = 0, xz = 0, yz = 0;     ///< tilt factors, Å

    /// Orthogonal box [lo, lo + (lx, ly, lz)).
    static Box orthogonal(Vec3 lo, double lx, double ly, double lz);

    [[nodiscard]] bool triclinic() const { return xy != 0.0 || xz != 0.0 || yz != 0.0; }
    [[nodiscard]] double volume() const { return lx * ly * lz; }  ///< Å^3
    [[nodiscard]] Vec3 a() const { return {lx, 0, 0}; }
    [[nodiscard]] Vec3 b() const { return {xy, ly, 0}; }
    [[nodiscard]] Vec3 c() const { return {xz, yz, lz}; }
    /// H s: a fractional displacement to a Cartesian one (no origin).
    [[nodiscard]] Vec3 h_times(const Vec3& s) const {
        return {lx * s.x + xy * s.y + xz * s.z, ly * s.y + yz * s.z, lz * s.z};
    }
    /// H^-1 d: a Cartesian displacement to a fractional one (no origin).
    [[nodiscard]] Vec3 h_inverse_times(const Vec3& d) const {
        const double sz = d.z / lz;
        const double sy = (d.y - yz * sz) / ly;
        const double sx = (d.x - xy * sy - xz * sz) / lx;
        return {sx, sy, sz};
    }
    [[nodiscard]] Vec3 to_fractional(const Vec3& r) const { return h_inverse_times(r - lo); }
    [[nodiscard]] Vec3 from_fractional(const Vec3& s) const { return lo + h_times(s); }
    /// Distances between the opposite faces (the box's widths perpendicular to b×c, c×a,
    /// a×b), Å. A sphere of radius r fits if r < width/2 in every direction.
    [[nodiscard]] Vec3 perpendicular_widths() const;
    /// The nearest periodic image of a displacement (exact for any tilt, by search over
    /// neighbouring images).
    [[nodiscard]] Vec3 minimum_image(const Vec3& d) const;
    /// Throws stz::Error unless the edges are positive and finite and the tilts finite.
    void validate(const char* what) const;
};

}  // namespace stz::atom
