// Kinetic energy, temperature and pressure (LAMMPS compute temp / compute pressure).
#include "stz/atom/thermo.hpp"

#include <cmath>

#include "stz/atom/units.hpp"
#include "stz/core/error.hpp"
#include "stz/core/random.hpp"

namespace stz::atom {

std::array<double, 6> kinetic_tensor_eV(const Atoms& atoms) {
    std::array<double, 6> k{};
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        const double m = atoms.mass(i) * units::kMvv2e;
        const Vec3& v = atoms.v[i];
        k[0] += m * v.x * v.x;
        k[1] += m * v.y * v.y;
        k[2] += m * v.z * v.z;
        k[3] += m * v.x * v.y;
        k[4] += m * v.x * v.z;
        k[5] += m * v.y * v.z;
    }
    return k;
}

double kinetic_energy_eV(const Atoms& atoms) {
    const auto k = kinetic_tensor_eV(atoms);
    return 0.5 * (k[0] + k[1] + k[2]);
}

double degrees_of_freedom(const Atoms& atoms) {
    return std::max(1.0, 3.0 * static_cast<double>(atoms.size()) - 3.0);
}

double temperature_K(const Atoms& atoms) {
    return 2.0 * kinetic_energy_eV(atoms) / (degrees_of_freedom(atoms) * units::kBoltzmann_eV_per_K);
}

std::array<double, 6> pressure_tensor_bar(const std::array<double, 6>& virial_eV, const std::array<double, 6>& kinetic_eV,
                                          double volume_A3) {
    std::array<double, 6> p{};
    for (std::size_t c = 0; c < 6; ++c) p[c] = (virial_eV[c] + kinetic_eV[c]) / volume_A3 * units::kBarPerEvPerA3;
    return p;
}

double pressure_bar(const std::array<double, 6>& t) { return (t[0] + t[1] + t[2]) / 3.0; }

void zero_momentum(Atoms& atoms) {
    Vec3 p{};
    double mtot = 0;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        p += atoms.mass(i) * atoms.v[i];
        mtot += atoms.mass(i);
    }
    if (mtot <= 0) return;
    const Vec3 vcm = (1.0 / mtot) * p;
    for (auto& v : atoms.v) v -= vcm;
}

void assign_velocities(Atoms& atoms, double T_K, std::uint64_t seed) {
    STZ_REQUIRE(T_K >= 0 && std::isfinite(T_K), "velocity temperature must be >= 0 K, got " << T_K);
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        CounterRng rng(seed, RngStream::atom_velocity, static_cast<std::uint64_t>(atoms.id[i]));
        const double s = 1.0 / std::sqrt(atoms.mass(i));
        atoms.v[i] = {s * rng.normal(), s * rng.normal(), s * rng.normal()};
    }
    zero_momentum(atoms);
    const double t = temperature_K(atoms);
    const double scale = t > 0 ? std::sqrt(T_K / t) : 0.0;
    for (auto& v : atoms.v) v *= scale;
}

}  // namespace stz::atom
