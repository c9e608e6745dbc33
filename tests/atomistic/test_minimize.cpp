// Energy minimization (CG and FIRE, with and without box relaxation): relaxed crystal
// energies against LAMMPS, agreement of the two algorithms, target pressures, stop
// reasons and settings checks. Uses Mendelev's Cu-Zr potential from Debian's lammps-data;
// the cases that need it are skipped with a message when it is not installed.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <iomanip>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "stz/atom/eam_force.hpp"
#include "stz/atom/eam_potential.hpp"
#include "stz/atom/minimize.hpp"
#include "stz/atom/thermo.hpp"
#include "stz/core/error.hpp"

using namespace stz::atom;

namespace {

const std::filesystem::path kPotential = "/usr/share/lammps/potentials/CuZr_mm.eam.fs";

std::shared_ptr<const EamPotential> load_potential() {
    if (!std::filesystem::exists(kPotential)) return nullptr;
    static const auto pot = std::make_shared<const EamPotential>(EamPotential::read(kPotential));
    return pot;
}

std::vector<Species> cuzr_species(const EamPotential& pot) {
    return {{"Cu", pot.elements()[static_cast<std::size_t>(pot.element_index("Cu"))].mass_amu},
            {"Zr", pot.elements()[static_cast<std::size_t>(pot.element_index("Zr"))].mass_amu}};
}

/// n x n x n conventional fcc cells of lattice constant a, all of type `type0`.
Atoms fcc(const EamPotential& pot, int n, double a, int type0) {
    Atoms atoms;
    atoms.species = cuzr_species(pot);
    atoms.box = Box::orthogonal({0, 0, 0}, n * a, n * a, n * a);
    const double basis[4][3] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            for (int k = 0; k < n; ++k)
                for (const auto& b : basis) atoms.add(type0, {(i + b[0]) * a, (j + b[1]) * a, (k + b[2]) * a});
    return atoms;
}

/// hcp in its 4-atom orthorhombic cell a x sqrt(3) a x c, replicated n times along each edge.
Atoms hcp(const EamPotential& pot, int n, double a, double c, int type0) {
    Atoms atoms;
    atoms.species = cuzr_species(pot);
    const double b = std::sqrt(3.0) * a;
    atoms.box = Box::orthogonal({0, 0, 0}, n * a, n * b, n * c);
    const double basis[4][3] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 1.0 / 6.0, 0.5}, {0, 2.0 / 3.0, 0.5}};
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            for (int k = 0; k < n; ++k)
                for (const auto& s : basis) atoms.add(type0, {(i + s[0]) * a, (j + s[1]) * b, (k + s[2]) * c});
    return atoms;
}

/// Uniform double in [0, 1) from the raw mt19937_64 stream (the same on every platform).
double uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

/// 256-atom fcc Cu with 20 % of the sites Zr at random, a = 3.8 Å, every coordinate moved
/// by up to +-0.1 Å.
Atoms perturbed_alloy(const EamPotential& pot) {
    Atoms atoms = fcc(pot, 4, 3.8, 0);
    std::mt19937_64 rng(20240611);
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        if (uniform(rng) < 0.2) atoms.type[i] = 1;
        for (int d = 0; d < 3; ++d) atoms.x[i][d] += 0.2 * (uniform(rng) - 0.5);
    }
    return atoms;
}

EamForce make_force(const std::shared_ptr<const EamPotential>& pot, const Atoms& atoms) {
    return EamForce(pot, EamForce::map_species(*pot, atoms.species));
}

std::string reason_text(const MinimizeResult& r) {
    return r.stop_reason + " after " + std::to_string(r.iterations) + " iterations, " +
           std::to_string(r.evaluations) + " evaluations";
}

}  // namespace

TEST_CASE("relaxed fcc Cu (iso) and hcp Zr (aniso) match LAMMPS's energies") {
    const auto pot = load_potential();
    if (!pot) {
        MESSAGE("skipped: " << kPotential << " not installed (Debian lammps-data)");
        return;
    }
    // The reference energies have 7 significant digits (LAMMPS, same potential): agreement
    // to 1e-6 eV/atom is the last digit. The forces and box stresses are driven to
    // ftol = 1e-6 eV/Å, far below what changes the energy at that level.
    MinimizeSettings set;
    set.force_tol_eV_per_A = 1e-6;
    for (MinAlgorithm alg : {MinAlgorithm::cg, MinAlgorithm::fire}) {
        const std::string alg_name = to_string(alg);
        CAPTURE(alg_name);
        set.algorithm = alg;
        {
            Atoms cu = fcc(*pot, 4, 3.6, 0);
            EamForce force = make_force(pot, cu);
            set.box = BoxRelax::iso;
            const MinimizeResult r = minimize(cu, force, set);
            CAPTURE(reason_text(r));
            CHECK(r.converged);
            const double e = r.energy_eV / static_cast<double>(cu.size());
            CHECK(std::fabs(e - (-3.283116)) < 1e-6);
            CHECK(std::fabs(pressure_bar(r.pressure_tensor_bar)) < 1.0);
            MESSAGE(std::string(to_string(alg)) << " fcc Cu: E = " << std::setprecision(10) << e << " eV/atom, a = "
                                   << cu.box.lx / 4 << " Å; " << reason_text(r));
        }
        {
            Atoms zr = hcp(*pot, 1, 3.23, 1.6 * 3.23, 1);
            EamForce force = make_force(pot, zr);
            set.box = BoxRelax::aniso;
            const MinimizeResult r = minimize(zr, force, set);
            CAPTURE(reason_text(r));
            CHECK(r.converged);
            const double e = r.energy_eV / static_cast<double>(zr.size());
            CHECK(std::fabs(e - (-6.469266)) < 1e-6);
            for (int d = 0; d < 3; ++d) CHECK(std::fabs(r.pressure_tensor_bar[static_cast<std::size_t>(d)]) < 1.0);
            MESSAGE(std::string(to_string(alg)) << " hcp Zr: E = " << std::setprecision(10) << e << " eV/atom, a = " << zr.box.lx
                                   << " Å, b/sqrt(3) = " << zr.box.ly / std::sqrt(3.0) << " Å, c = " << zr.box.lz
                                   << " Å, c/a = " << zr.box.lz / zr.box.lx << "; " << reason_text(r));
        }
    }
}

TEST_CASE("CG and FIRE reach the same minimum of a perturbed Cu-Zr alloy; CG descends monotonically") {
    const auto pot = load_potential();
    if (!pot) {
        MESSAGE("skipped: " << kPotential << " not installed (Debian lammps-data)");
        return;
    }
    MinimizeSettings set;
    set.force_tol_eV_per_A = 1e-5;
    double energy[2] = {0, 0};
    for (MinAlgorithm alg : {MinAlgorithm::cg, MinAlgorithm::fire}) {
        const std::string alg_name = to_string(alg);
        CAPTURE(alg_name);
        Atoms atoms = perturbed_alloy(*pot);
        EamForce force = make_force(pot, atoms);
        set.algorithm = alg;
        const MinimizeResult r = minimize(atoms, force, set);
        CAPTURE(reason_text(r));
        CHECK(r.converged);
        CHECK(r.max_force_eV_per_A < 1e-4);
        CHECK(r.energy_eV < r.initial_energy_eV);
        energy[alg == MinAlgorithm::cg ? 0 : 1] = r.energy_eV / static_cast<double>(atoms.size());
        MESSAGE(std::string(to_string(alg)) << ": E " << std::setprecision(10) << r.initial_energy_eV / 256.0 << " -> "
                               << r.energy_eV / 256.0 << " eV/atom, |f|max " << r.max_force_eV_per_A << "; "
                               << reason_text(r));
    }
    // Both end at ftol = 1e-5 eV/Å in the same basin: their energies differ by ~|f|^2/k,
    // far below 1e-6 eV/atom.
    CHECK(std::fabs(energy[0] - energy[1]) < 1e-6);

    // Monotonic descent: the energy after each CG iteration, from runs stopped after
    // k = 1, 2, ... iterations (CG is deterministic, so run k's path is run k+1's prefix), k = 1..10.
    double previous = 0;
    for (long k = 1; k <= 10; ++k) {
        Atoms atoms = perturbed_alloy(*pot);
        EamForce force = make_force(pot, atoms);
        MinimizeSettings s;
        s.max_iterations = k;
        const MinimizeResult r = minimize(atoms, force, s);
        if (k == 1) previous = r.initial_energy_eV;
        CAPTURE(k);
        CHECK(r.energy_eV < previous);
        previous = r.energy_eV;
    }
}

TEST_CASE("box relaxation reaches a target pressure of 10 kbar") {
    const auto pot = load_potential();
    if (!pot) {
        MESSAGE("skipped: " << kPotential << " not installed (Debian lammps-data)");
        return;
    }
    MinimizeSettings set;
    set.force_tol_eV_per_A = 1e-6;
    set.target_pressure_bar = 1e4;
    // At ftol = 1e-6 eV/Å the box force (P - P_target) V / scale bounds the pressure error
    // by 1e-6 * scale / V eV/Å^3, about 0.02 bar for these cells: 1 bar is a safe bound.
    SUBCASE("iso, fcc Cu") {
        Atoms cu = fcc(*pot, 4, 3.6, 0);
        EamForce force = make_force(pot, cu);
        set.box = BoxRelax::iso;
        const MinimizeResult r = minimize(cu, force, set);
        CAPTURE(reason_text(r));
        CHECK(r.converged);
        CHECK(std::fabs(pressure_bar(r.pressure_tensor_bar) - 1e4) < 1.0);
        CHECK(r.enthalpy_eV > r.energy_eV);
        MESSAGE("fcc Cu at 10 kbar: a = " << std::setprecision(8) << cu.box.lx / 4 << " Å");
    }
    SUBCASE("aniso, hcp Zr (each diagonal component)") {
        Atoms zr = hcp(*pot, 1, 3.23, 1.6 * 3.23, 1);
        EamForce force = make_force(pot, zr);
        set.box = BoxRelax::aniso;
        const MinimizeResult r = minimize(zr, force, set);
        CAPTURE(reason_text(r));
        CHECK(r.converged);
        for (int d = 0; d < 3; ++d) CHECK(std::fabs(r.pressure_tensor_bar[static_cast<std::size_t>(d)] - 1e4) < 1.0);
    }
    SUBCASE("tri, sheared Cu-Zr alloy: diagonal at the target, shear stresses zero") {
        Atoms atoms = perturbed_alloy(*pot);
        // Shear the box and the atoms with it (affinely) by 2 %.
        const double gamma = 0.02;
        for (auto& x : atoms.x) x.x += gamma * x.y;
        atoms.box.xy = gamma * atoms.box.ly;
        EamForce force = make_force(pot, atoms);
        set.box = BoxRelax::tri;
        set.force_tol_eV_per_A = 1e-5;
        const MinimizeResult r = minimize(atoms, force, set);
        CAPTURE(reason_text(r));
        CHECK(r.converged);
        for (int d = 0; d < 3; ++d) CHECK(std::fabs(r.pressure_tensor_bar[static_cast<std::size_t>(d)] - 1e4) < 1.0);
        for (int d = 3; d < 6; ++d) CHECK(std::fabs(r.pressure_tensor_bar[static_cast<std::size_t>(d)]) < 1.0);
    }
}

TEST_CASE("stop reasons and settings checks") {
    MinimizeSettings bad;
    SUBCASE("bad settings name the setting") {
        auto expect = [](const MinimizeSettings& s, const std::string& name) {
            CAPTURE(name);
            try {
                validate(s);
                FAIL("no error");
            } catch (const stz::Error& e) {
                CHECK(std::string(e.what()).find(name) != std::string::npos);
            }
        };
        MinimizeSettings s;
        s.energy_tol = -1;
        expect(s, "energy_tol");
        s = {};
        s.force_tol_eV_per_A = -1e-3;
        expect(s, "force_tol_eV_per_A");
        s = {};
        s.max_iterations = 0;
        expect(s, "max_iterations");
        s = {};
        s.max_evaluations = 0;
        expect(s, "max_evaluations");
        s = {};
        s.max_step_A = 0;
        expect(s, "max_step_A");
        s = {};
        s.max_volume_strain = 0;
        expect(s, "max_volume_strain");
        s = {};
        s.algorithm = MinAlgorithm::fire;
        s.fire_dt_shrink = 1.5;
        expect(s, "fire_dt_shrink");
    }
    const auto pot = load_potential();
    if (!pot) {
        MESSAGE("skipped: " << kPotential << " not installed (Debian lammps-data)");
        return;
    }
    SUBCASE("minimize itself rejects bad settings before touching the atoms") {
        Atoms atoms = perturbed_alloy(*pot);
        const auto x0 = atoms.x;
        EamForce force = make_force(pot, atoms);
        bad.max_iterations = 0;
        CHECK_THROWS_AS(minimize(atoms, force, bad), stz::Error);
        CHECK(atoms.x[7].x == x0[7].x);
    }
    for (MinAlgorithm alg : {MinAlgorithm::cg, MinAlgorithm::fire}) {
        const std::string alg_name = to_string(alg);
        CAPTURE(alg_name);
        Atoms atoms = perturbed_alloy(*pot);
        EamForce force = make_force(pot, atoms);
        MinimizeSettings s;
        s.algorithm = alg;
        s.max_iterations = 3;
        MinimizeResult r = minimize(atoms, force, s);
        CHECK_FALSE(r.converged);
        CHECK(r.stop_reason == "max iterations");
        CHECK(r.iterations == 3);

        s.max_iterations = 10000;
        s.max_evaluations = 5;
        r = minimize(atoms, force, s);
        CHECK_FALSE(r.converged);
        CHECK(r.stop_reason == "max force evaluations");

        s.max_evaluations = 100000;
        s.force_tol_eV_per_A = 0;
        s.energy_tol = 1e-4;
        r = minimize(atoms, force, s);
        CHECK(r.converged);
        CHECK(r.stop_reason == "energy tolerance");
    }
}
