// Athermal quasistatic shear (atomistic/aqs.cpp): the work theorem on an elastic crystal,
// stress drops in a small Cu64Zr36 glass, settings and recipe errors, the job's files.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "atom_test_util.hpp"
#include "io/scratch_dir.hpp"
#include "stz/atom/aqs.hpp"
#include "stz/atom/eam_force.hpp"
#include "stz/atom/eam_potential.hpp"
#include "stz/atom/lammps_data.hpp"
#include "stz/atom/minimize.hpp"
#include "stz/atom/structure_builder.hpp"
#include "stz/atom/units.hpp"
#include "stz/core/error.hpp"

using namespace stz::atom;
using stz::test::error_of;

namespace {

std::shared_ptr<const EamPotential> load_potential() {
    if (!stz::test::have_cuzr_potential()) return nullptr;
    static const auto pot = std::make_shared<const EamPotential>(EamPotential::read(stz::test::cuzr_potential()));
    return pot;
}

std::vector<Species> cuzr_species(const EamPotential& pot) {
    return {{"Cu", pot.elements()[static_cast<std::size_t>(pot.element_index("Cu"))].mass_amu},
            {"Zr", pot.elements()[static_cast<std::size_t>(pot.element_index("Zr"))].mass_amu}};
}

EamForce make_force(const std::shared_ptr<const EamPotential>& pot, const Atoms& atoms) {
    return EamForce(pot, EamForce::map_species(*pot, atoms.species));
}

/// n^3 conventional fcc Cu cells at a = 3.639 Å (about zero pressure for this potential).
Atoms fcc_cu(const std::shared_ptr<const EamPotential>& pot, int n) {
    Atoms atoms;
    atoms.species = cuzr_species(*pot);
    const double a = 3.639;
    atoms.box = Box::orthogonal({0, 0, 0}, n * a, n * a, n * a);
    const double basis[4][3] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            for (int k = 0; k < n; ++k)
                for (const auto& b : basis) atoms.add(0, {(i + b[0]) * a, (j + b[1]) * a, (k + b[2]) * a});
    return atoms;
}

/// A small Cu64Zr36 "glass": random positions, minimized with the box relaxed to zero pressure.
const Atoms& small_glass(const std::shared_ptr<const EamPotential>& pot) {
    static const Atoms glass = [&] {
        Composition c;
        c.species = cuzr_species(*pot);
        c.fractions = {0.64, 0.36};
        Atoms atoms = random_structure(c, 250, 0.0585, 2.2, 20260101);
        EamForce force = make_force(pot, atoms);
        MinimizeSettings m;
        m.box = BoxRelax::iso;
        m.force_tol_eV_per_A = 1e-6;
        minimize(atoms, force, m);
        return atoms;
    }();
    return glass;
}



}  // namespace

TEST_CASE("AQS on fcc Cu: elastic, work theorem, the same C44 on every plane") {
    const auto pot = load_potential();
    if (!pot) {
        MESSAGE("skipped: " << stz::test::cuzr_potential() << " absent");
        return;
    }
    const Atoms cu = fcc_cu(pot, 4);
    std::vector<double> c44;
    for (const std::string plane : {"xy", "xz", "yz"}) {
        CAPTURE(plane);
        Atoms atoms = cu;
        EamForce force = make_force(pot, atoms);
        AqsSettings s;
        s.strain_step = 1e-3;
        s.max_strain = 0.02;
        s.plane = plane;
        std::size_t points = 0;
        AqsCallbacks cb;
        cb.on_point = [&](const AqsPoint&) { ++points; };
        const AqsResult r = run_aqs(atoms, force, s, cb);
        REQUIRE(r.curve.size() == 21);
        CHECK(points == 21);
        CHECK(r.drops.empty());
        CHECK(r.unconverged_minimizations == 0);
        CHECK(std::fabs(r.curve[0].shear_stress_GPa) < 1e-6);
        CHECK(r.curve.back().strain == doctest::Approx(0.02).epsilon(1e-12));
        // Work theorem: V ∫σ dγ (trapezoid) = E(γ) - E(0) along the minimized path.
        const double V = atoms.box.volume();
        const double n = static_cast<double>(atoms.size());
        double work = 0;
        for (std::size_t k = 1; k < r.curve.size(); ++k) {
            CHECK(r.curve[k].shear_stress_GPa > r.curve[k - 1].shear_stress_GPa);  // resists positive shear
            work += 0.5 * (r.curve[k].shear_stress_GPa + r.curve[k - 1].shear_stress_GPa) *
                    (r.curve[k].strain - r.curve[k - 1].strain) * V / units::kGPaPerEvPerA3;
        }
        const double dE = (r.curve.back().energy_per_atom_eV - r.curve[0].energy_per_atom_eV) * n;
        MESSAGE(plane << ": E(0.02) - E(0) = " << dE << " eV, V ∫σ dγ = " << work << " eV, σ(γ=1e-3)/γ = "
                      << r.curve[1].shear_stress_GPa / 1e-3 << " GPa");
        CHECK(dE > 0);
        CHECK(std::fabs(work - dE) < 1e-4 * dE);  // trapezoid error, relative 2e-5 here
        c44.push_back(r.curve[1].shear_stress_GPa / 1e-3);
        // The box tilt is the strain times the height; volume unchanged.
        const double tilt = plane == "xy" ? atoms.box.xy : (plane == "xz" ? atoms.box.xz : atoms.box.yz);
        const double h = plane == "xy" ? atoms.box.ly : atoms.box.lz;
        CHECK(tilt == doctest::Approx(0.02 * h).epsilon(1e-12));
        CHECK(V == doctest::Approx(cu.box.volume()).epsilon(1e-12));
    }
    // Cubic symmetry: C44 is the same for the three shears; plausible magnitude for Cu.
    CHECK(c44[1] == doctest::Approx(c44[0]).epsilon(1e-6));
    CHECK(c44[2] == doctest::Approx(c44[0]).epsilon(1e-6));
    CHECK(c44[0] > 40);
    CHECK(c44[0] < 120);
}

TEST_CASE("AQS on a small Cu64Zr36 glass: stress drops and the minima bracketing them") {
    const auto pot = load_potential();
    if (!pot) {
        MESSAGE("skipped: " << stz::test::cuzr_potential() << " absent");
        return;
    }
    Atoms atoms = small_glass(pot);
    EamForce force = make_force(pot, atoms);
    AqsSettings s;
    s.strain_step = 2e-3;
    s.max_strain = 0.04;
    std::vector<Atoms> befores, afters;
    std::vector<AqsDrop> seen;
    AqsCallbacks cb;
    cb.on_drop = [&](const AqsDrop& d, const Atoms& before, const Atoms& after) {
        seen.push_back(d);
        befores.push_back(before);
        afters.push_back(after);
    };
    const AqsResult r = run_aqs(atoms, force, s, cb);
    REQUIRE(r.curve.size() == 21);
    MESSAGE(r.drops.size() << " drops; stress at 4 %: " << r.curve.back().shear_stress_GPa << " GPa; "
                           << r.unconverged_minimizations << " unconverged minimizations");
    REQUIRE(!r.drops.empty());
    REQUIRE(seen.size() == r.drops.size());
    EamForce check = make_force(pot, atoms);
    for (std::size_t k = 0; k < r.drops.size(); ++k) {
        const AqsDrop& d = r.drops[k];
        CAPTURE(k);
        REQUIRE(d.step >= 1);
        CHECK(d.step == seen[k].step);
        CHECK(d.stress_before_GPa == r.curve[d.step - 1].shear_stress_GPa);
        CHECK(d.stress_after_GPa == r.curve[d.step].shear_stress_GPa);
        CHECK(d.stress_after_GPa < d.stress_before_GPa - kAqsDropNoiseFloorGPa);
        CHECK(d.strain == r.curve[d.step].strain);
        const double n = static_cast<double>(atoms.size());
        check.invalidate();
        Atoms before = befores[k];
        const double eb = check.compute(before).energy_eV / n;
        check.invalidate();
        Atoms after = afters[k];
        const double ea = check.compute(after).energy_eV / n;
        CHECK(eb == doctest::Approx(r.curve[d.step - 1].energy_per_atom_eV).epsilon(1e-12));
        CHECK(ea == doctest::Approx(r.curve[d.step].energy_per_atom_eV).epsilon(1e-12));
        CHECK(after.box.xy - before.box.xy == doctest::Approx(s.strain_step * atoms.box.ly).epsilon(1e-9));
    }
    // Work theorem with relaxation, on the elastic stretch after the last drop:
    // E(end) - E(last drop) = V ∫σ dγ (trapezoid; the glass's σ is nearly linear there).
    {
        const std::size_t k0 = r.drops.back().step;
        REQUIRE(r.curve.size() - k0 >= 5);
        const double V = atoms.box.volume();
        double work = 0;
        for (std::size_t k = k0 + 1; k < r.curve.size(); ++k)
            work += 0.5 * (r.curve[k].shear_stress_GPa + r.curve[k - 1].shear_stress_GPa) *
                    (r.curve[k].strain - r.curve[k - 1].strain) * V / units::kGPaPerEvPerA3;
        const double dE =
            (r.curve.back().energy_per_atom_eV - r.curve[k0].energy_per_atom_eV) * static_cast<double>(atoms.size());
        MESSAGE("glass after the last drop: ΔE = " << dE << " eV, V ∫σ dγ = " << work << " eV");
        CHECK(std::fabs(work - dE) < 1e-2 * std::fabs(dE) + 1e-4);
    }
    // Every recorded drop is a decrease beyond the floor, and every such decrease is recorded.
    std::size_t decreases = 0;
    for (std::size_t k = 1; k < r.curve.size(); ++k)
        if (r.curve[k].shear_stress_GPa < r.curve[k - 1].shear_stress_GPa - kAqsDropNoiseFloorGPa) ++decreases;
    CHECK(decreases == r.drops.size());
}

TEST_CASE("AQS settings errors name the setting") {
    const auto pot = load_potential();
    if (!pot) {
        MESSAGE("skipped: " << stz::test::cuzr_potential() << " absent");
        return;
    }
    Atoms cu = fcc_cu(pot, 3);
    EamForce force = make_force(pot, cu);
    auto run_with = [&](const AqsSettings& s) {
        return error_of([&] {
            Atoms a = cu;
            run_aqs(a, force, s);
        });
    };
    AqsSettings s;
    s.strain_step = 0;
    CHECK(run_with(s).find("strain_step") != std::string::npos);
    s = {};
    s.strain_step = -1e-3;
    CHECK(run_with(s).find("strain_step") != std::string::npos);
    s = {};
    s.plane = "xx";
    CHECK(run_with(s).find("plane") != std::string::npos);
    s = {};
    s.max_strain = -1;
    CHECK(run_with(s).find("max_strain") != std::string::npos);
    s = {};
    s.drop_threshold_GPa = -1;
    CHECK(run_with(s).find("drop_threshold_GPa") != std::string::npos);
    s = {};
    s.minimizer.box = BoxRelax::tri;
    CHECK(run_with(s).find("fixed box") != std::string::npos);
    s = {};
    s.strain_step = 0.1;
    s.max_strain = 0.6;  // tilt 0.6 ly > lx/2
    CHECK(run_with(s).find("box flip") != std::string::npos);
}

TEST_CASE("AQS recipes: errors at file:line; a job writes its curve, drops and minima") {
    const auto pot = load_potential();
    if (!pot) {
        MESSAGE("skipped: " << stz::test::cuzr_potential() << " absent");
        return;
    }
    const stz::test::ScratchDir scratch;
    const auto& dir = scratch.path();
    write_lammps_data(dir / "glass.data", small_glass(pot), "small glass");
    const std::string head = "input: glass.data\npotential: " + stz::test::cuzr_potential().string() + "\n";
    const auto file = dir / "aqs.yaml";

    SUBCASE("errors") {
        auto err = [&](const std::string& text) { return error_of([&] { parse_aqs_recipe(text, file); }); };
        std::string e = err(head + "strain_step: -1\n");
        CHECK(e.find("aqs.yaml:3") != std::string::npos);
        CHECK(e.find("strain_step") != std::string::npos);
        e = err(head + "plane: ab\n");
        CHECK(e.find("aqs.yaml:3") != std::string::npos);
        CHECK(e.find("plane") != std::string::npos);
        e = err(head + "max_strain: 0.1\nstrain_stpe: 1e-4\n");
        CHECK(e.find("aqs.yaml:4") != std::string::npos);
        CHECK(e.find("strain_stpe") != std::string::npos);
        e = err("potential: " + stz::test::cuzr_potential().string() + "\n");
        CHECK(e.find("input") != std::string::npos);
        e = err("input: nothing.data\npotential: " + stz::test::cuzr_potential().string() + "\n");
        CHECK(e.find("aqs.yaml:1") != std::string::npos);
        CHECK(e.find("nothing.data") != std::string::npos);
        e = err(head + "elements: 3\n");
        CHECK(e.find("aqs.yaml:3") != std::string::npos);
        CHECK(e.find("elements") != std::string::npos);
        e = err(head + "output:\n  thermo_every_steps: 0\n");
        CHECK(e.find("aqs.yaml:4") != std::string::npos);
        CHECK(e.find("output.thermo_every_steps") != std::string::npos);
        e = err(head + "strain_step: 0.01\nmax_strain: 0.001\n");
        CHECK(e.find("max_strain") != std::string::npos);
    }
    SUBCASE("job") {
        const AqsRecipe r = parse_aqs_recipe(head +
                                                 "elements: [Cu, Zr]\nstrain_step: 0.002\nmax_strain: 0.04\n"
                                                 "plane: xy\nforce_tol_eV_per_A: 1e-6\noutput:\n  thermo_every_steps: 5\n",
                                             file);
        CHECK(r.input == dir / "glass.data");
        CHECK(r.elements == std::vector<std::string>{"Cu", "Zr"});
        // The resolved recipe reads back to the same recipe.
        const AqsRecipe again = parse_aqs_recipe(r.to_yaml(), file);
        CHECK(again.strain_step == r.strain_step);
        CHECK(again.max_strain == r.max_strain);
        CHECK(again.input == r.input);
        const auto out = dir / "out";
        const AqsResult res = run_aqs_job(r, out);
        CHECK(std::filesystem::exists(out / "recipe.yaml"));
        std::ifstream curve(out / "stress_strain.csv");
        std::string line;
        std::size_t lines = 0;
        std::getline(curve, line);
        CHECK(line == "strain,shear_stress_GPa,pressure_GPa,pe_per_atom_eV,min_iterations");
        while (std::getline(curve, line)) ++lines;
        CHECK(lines == 21);
        std::ifstream drops(out / "drops.csv");
        std::size_t drop_lines = 0;
        std::getline(drops, line);
        CHECK(line == "step,strain,stress_before_GPa,stress_after_GPa,drop_GPa");
        while (std::getline(drops, line)) ++drop_lines;
        CHECK(drop_lines == res.drops.size());
        for (std::size_t k = 0; k < res.drops.size(); ++k) {
            const Atoms before = read_lammps_data(out / "drops" / ("drop_" + std::to_string(k) + "_before.data"));
            const Atoms after = read_lammps_data(out / "drops" / ("drop_" + std::to_string(k) + "_after.data"));
            CHECK(before.size() == small_glass(pot).size());
            CHECK(after.box.xy > before.box.xy);
        }
        MESSAGE("job: " << res.drops.size() << " drops to strain 0.04");
    }
}
