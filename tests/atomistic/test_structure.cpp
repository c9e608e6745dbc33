// Starting structures (exact composition, minimum distance) and Monte Carlo type swaps
// (the local ΔE equals the change of the full EAM energy).
#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "atom_test_util.hpp"
#include "stz/atom/eam_force.hpp"
#include "stz/atom/structure_builder.hpp"
#include "stz/atom/type_swap.hpp"

using namespace stz::atom;

namespace {
Composition cu64zr36() { return {{{"Cu", 63.546}, {"Zr", 91.224}}, {0.64, 0.36}}; }
}  // namespace

TEST_CASE("species counts are exact and sum to N") {
    const auto c = species_counts(cu64zr36(), 250);
    CHECK(c[0] == 160);
    CHECK(c[1] == 90);
    const auto d = species_counts({{{"A", 1}, {"B", 1}, {"C", 1}}, {1.0 / 3, 1.0 / 3, 1.0 / 3}}, 100);
    CHECK(d[0] + d[1] + d[2] == 100);
    CHECK_THROWS_AS(species_counts({{{"A", 1}, {"B", 1}}, {0.5, 0.6}}, 10), stz::Error);
}

TEST_CASE("random structures respect the minimum distance and density; same seed, same structure") {
    const Atoms a = random_structure(cu64zr36(), 300, 0.058, 2.0, 7);
    CHECK(a.size() == 300);
    CHECK(a.box.volume() == doctest::Approx(300 / 0.058).epsilon(1e-12));
    CHECK(a.count_by_species()[1] == 108);
    double closest = 1e9;
    for (std::size_t i = 0; i < a.size(); ++i)
        for (std::size_t j = i + 1; j < a.size(); ++j) closest = std::min(closest, norm(a.box.minimum_image(a.x[j] - a.x[i])));
    CHECK(closest >= 2.0);
    const Atoms b = random_structure(cu64zr36(), 300, 0.058, 2.0, 7);
    const Atoms c = random_structure(cu64zr36(), 300, 0.058, 2.0, 8);
    CHECK(a.x[17].x == b.x[17].x);
    CHECK(a.type == b.type);
    CHECK(a.x[17].x != c.x[17].x);
    CHECK_THROWS_WITH_AS(random_structure(cu64zr36(), 300, 0.2, 2.5, 1), doctest::Contains("could not place"), stz::Error);
}

TEST_CASE("lattice structures") {
    const Atoms a = lattice_structure(cu64zr36(), "fcc", 4.0, {3, 3, 3}, 1);
    CHECK(a.size() == 108);
    CHECK(a.box.lx == doctest::Approx(12.0));
    CHECK(a.count_by_species()[0] == 69);
    CHECK_THROWS_WITH_AS(lattice_structure(cu64zr36(), "hex", 4.0, {1, 1, 1}, 1), doctest::Contains("unknown lattice"),
                         stz::Error);
}

TEST_CASE("type swaps: the local energy change equals the full energy change") {
    if (!stz::test::have_cuzr_potential()) {
        MESSAGE("skipped: CuZr_mm.eam.fs not installed");
        return;
    }
    auto pot = std::make_shared<EamPotential>(EamPotential::read(stz::test::cuzr_potential()));
    // A small box (edge ~14 Å < 2 x (cutoff + skin)), so neighbours include periodic images.
    Atoms atoms = random_structure(cu64zr36(), 160, 0.058, 2.2, 3);
    EamForce engine(pot, EamForce::map_species(*pot, atoms.species));
    double e = engine.compute(atoms).energy_eV;
    long accepted = 0;
    for (std::uint64_t round = 0; round < 20; ++round) {
        // Very high temperature: nearly every trial is accepted, so the bookkeeping of
        // densities across successive accepted swaps is exercised too.
        const auto s = attempt_type_swaps(atoms, engine, 1e7, 6, 11, round);
        const double e_new = engine.compute(atoms).energy_eV;
        // Tolerance: the full energy is a fixed-point sum (quantum 6e-11 eV per term), the
        // local one a double sum over ~200 atoms: 1e-8 eV.
        CHECK(std::fabs((e_new - e) - s.energy_change_eV) < 1e-8);
        e = e_new;
        accepted += s.accepted;
    }
    CHECK(accepted > 20);  // ~46 % of draws pair unlike atoms; at 1e7 K all of them are accepted
    CHECK(atoms.count_by_species()[1] == 58);  // composition conserved
}

TEST_CASE("type swaps at low temperature lower the energy") {
    if (!stz::test::have_cuzr_potential()) return;
    auto pot = std::make_shared<EamPotential>(EamPotential::read(stz::test::cuzr_potential()));
    Atoms atoms = random_structure(cu64zr36(), 200, 0.058, 2.2, 5);
    EamForce engine(pot, EamForce::map_species(*pot, atoms.species));
    const double e0 = engine.compute(atoms).energy_eV;
    const auto s = attempt_type_swaps(atoms, engine, 300, 400, 2, 0);
    const double e1 = engine.compute(atoms).energy_eV;
    CHECK(s.accepted > 0);
    CHECK(s.accepted < s.attempted);
    CHECK(e1 < e0);
}
