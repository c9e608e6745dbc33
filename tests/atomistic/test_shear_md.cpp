// Constant-strain-rate shear MD (MdSettings::deformation in stz/atom/md.hpp and the job in
// stz/atom/shear_md.hpp): tilt kinematics and affine remap, C44 of fcc Cu from a fast shear
// at 10 K, settings and recipe errors, the job's files. The default (undeformed) MD path is
// pinned to LAMMPS by test_dynamics.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "atom_test_util.hpp"
#include "io/scratch_dir.hpp"
#include "stz/atom/eam_force.hpp"
#include "stz/atom/eam_potential.hpp"
#include "stz/atom/lammps_data.hpp"
#include "stz/atom/md.hpp"
#include "stz/atom/shear_md.hpp"
#include "stz/atom/thermo.hpp"
#include "stz/core/error.hpp"

using namespace stz::atom;
using stz::test::error_of;

namespace {

std::shared_ptr<const EamPotential> load_potential() {
    if (!stz::test::have_cuzr_potential()) {
        MESSAGE("skipped: " << stz::test::cuzr_potential() << " absent (Debian package lammps-data)");
        return nullptr;
    }
    static const auto pot = std::make_shared<const EamPotential>(EamPotential::read(stz::test::cuzr_potential()));
    return pot;
}

EamForce make_force(const std::shared_ptr<const EamPotential>& pot, const Atoms& atoms) {
    return EamForce(pot, EamForce::map_species(*pot, atoms.species));
}

/// n^3 conventional fcc Cu cells at a = 3.639 Å (about zero pressure for this potential).
Atoms fcc_cu(const EamPotential& pot, int n) {
    Atoms atoms;
    atoms.species = {{"Cu", pot.elements()[static_cast<std::size_t>(pot.element_index("Cu"))].mass_amu}};
    const double a = 3.639;
    atoms.box = Box::orthogonal({0, 0, 0}, n * a, n * a, n * a);
    const double basis[4][3] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            for (int k = 0; k < n; ++k)
                for (const auto& b : basis) atoms.add(0, {(i + b[0]) * a, (j + b[1]) * a, (k + b[2]) * a});
    return atoms;
}




double frac_diff(double a, double b) {
    const double d = a - b;
    return std::fabs(d - std::round(d));  // modulo the periodic wraps of neighbour builds
}

}  // namespace

TEST_CASE("shear MD kinematics: tilt from elapsed time, constant volume, affine remap of a perfect crystal") {
    const auto pot = load_potential();
    if (!pot) return;
    for (const std::string plane : {"xy", "xz", "yz"}) {
        CAPTURE(plane);
        Atoms atoms = fcc_cu(*pot, 4);  // all forces vanish by symmetry, sheared or not
        const Atoms start = atoms;
        EamForce force = make_force(pot, atoms);
        MdSettings s;
        s.timestep_ps = 0.002;
        s.deformation = DeformationSettings{plane, 1e-2};  // NVE, atoms at rest
        MdIntegrator md(force, s);
        const long n1 = 40, n2 = 60;
        md.run(atoms, n1);
        CHECK(md.run_strain() == doctest::Approx(1e-2 * n1 * 0.002).epsilon(1e-14));
        md.run(atoms, n2);  // a second run continues from the tilt reached
        const double h = plane == "xy" ? start.box.ly : start.box.lz;
        const double tilt = plane == "xy" ? atoms.box.xy : (plane == "xz" ? atoms.box.xz : atoms.box.yz);
        const double expected = 1e-2 * static_cast<double>(n1 + n2) * 0.002 * h;
        CHECK(std::fabs(tilt - expected) <= 1e-12 * expected);
        CHECK(atoms.box.volume() == doctest::Approx(start.box.volume()).epsilon(1e-14));
        CHECK(atoms.box.lx == start.box.lx);
        CHECK(atoms.box.ly == start.box.ly);
        CHECK(atoms.box.lz == start.box.lz);
        // Every atom keeps its fractional coordinates: the displacement is the affine one,
        // γ (y - ylo) along x for xy, and so on.
        double worst = 0, worst_v = 0;
        for (std::size_t i = 0; i < atoms.size(); ++i) {
            const Vec3 s0 = start.box.to_fractional(start.x[i]);
            const Vec3 s1 = atoms.box.to_fractional(atoms.x[i]);
            worst = std::max({worst, frac_diff(s0.x, s1.x), frac_diff(s0.y, s1.y), frac_diff(s0.z, s1.z)});
            worst_v = std::max({worst_v, std::fabs(atoms.v[i].x), std::fabs(atoms.v[i].y), std::fabs(atoms.v[i].z)});
        }
        MESSAGE(plane << ": largest fractional deviation " << worst << ", largest |v| " << worst_v << " Å/ps");
        CHECK(worst < 1e-10);
        CHECK(worst_v < 1e-8);  // remap x: velocities are not given the streaming profile
    }
}

TEST_CASE("shear MD on fcc Cu at 10 K: σ = C44 γ (C44 = 84.5 GPa from AQS)") {
    const auto pot = load_potential();
    if (!pot) return;
    Atoms atoms = fcc_cu(*pot, 4);
    assign_velocities(atoms, 10.0, 20261121);
    EamForce force = make_force(pot, atoms);
    MdSettings s;
    s.timestep_ps = 0.002;
    s.thermostat = ThermostatSettings{10.0, 10.0, 0.1, 3};
    MdIntegrator md(force, s);
    md.run(atoms, 500);  // equilibrate 1 ps without shear

    s.deformation = DeformationSettings{"xy", 2e-3};  // 2e9 /s; γ = 0.012 in 3000 steps
    MdIntegrator shear(force, s);
    std::vector<double> g, sig;
    double tsum = 0;
    shear.run(
        atoms, 3000,
        [&](const MdSnapshot& snap) {
            g.push_back(shear.run_strain());
            sig.push_back(-snap.pressure_tensor_bar[3] * 1e-4);
            tsum += snap.temperature_K;
        },
        25);
    REQUIRE(g.size() == 121);
    // Least-squares line σ = a + C γ.
    const double m = static_cast<double>(g.size());
    double sg = 0, ss = 0, sgg = 0, sgs = 0;
    for (std::size_t i = 0; i < g.size(); ++i) {
        sg += g[i];
        ss += sig[i];
        sgg += g[i] * g[i];
        sgs += g[i] * sig[i];
    }
    const double c = (m * sgs - sg * ss) / (m * sgg - sg * sg);
    const double a = (ss - c * sg) / m;
    MESSAGE("fit: σ = " << a << " GPa + " << c << " GPa γ; mean T " << tsum / m << " K; γ_end " << g.back()
                        << ", σ_end " << sig.back() << " GPa");
    CHECK(g.back() == doctest::Approx(0.012).epsilon(1e-12));
    // Measured 84.8 GPa; 5 % covers thermal noise (~0.1 GPa per sample) and the rate.
    CHECK(c == doctest::Approx(84.5).epsilon(0.05));
    CHECK(std::fabs(a) < 0.1);
    CHECK(tsum / m == doctest::Approx(10.0).epsilon(0.5));
    CHECK(atoms.box.xy == doctest::Approx(0.012 * atoms.box.ly).epsilon(1e-12));
}

TEST_CASE("shear MD settings: barostat with deformation, bad plane, box flip") {
    const auto pot = load_potential();
    if (!pot) return;
    Atoms atoms = fcc_cu(*pot, 3);
    EamForce force = make_force(pot, atoms);
    MdSettings s;
    s.thermostat = ThermostatSettings{300, 300, 0.1, 3};
    s.barostat = BarostatSettings{};
    s.deformation = DeformationSettings{"xy", 1e-5};
    const std::string e1 = error_of([&] { MdIntegrator md(force, s); });
    CHECK(e1.find("deformation") != std::string::npos);
    CHECK(e1.find("barostat") != std::string::npos);
    s.barostat.reset();
    s.deformation->plane = "xx";
    CHECK(error_of([&] { MdIntegrator md(force, s); }).find("deformation.plane") != std::string::npos);
    s.deformation->plane = "xy";
    s.deformation->strain_rate_per_ps = std::nan("");
    CHECK(error_of([&] { MdIntegrator md(force, s); }).find("deformation.strain_rate_per_ps") != std::string::npos);
    // 0.5 /ps over 600 steps of 2 fs: γ = 0.6, tilt 0.6 ly > lx / 2.
    s.deformation->strain_rate_per_ps = 0.5;
    MdIntegrator md(force, s);
    const Atoms before = atoms;
    const std::string e2 = error_of([&] { md.run(atoms, 600); });
    CHECK(e2.find("box flip") != std::string::npos);
    CHECK(atoms.box.xy == before.box.xy);  // thrown before anything moved
    CHECK(md.step() == 0);
}

TEST_CASE("shear MD recipe: errors at file:line with the key; defaults round-trip") {
    const auto pot = load_potential();
    if (!pot) return;
    const stz::test::ScratchDir scratch;
    const auto& dir = scratch.path();
    write_lammps_data(dir / "cu.data", fcc_cu(*pot, 3), "fcc Cu");
    const std::string head = "input: cu.data\npotential: " + stz::test::cuzr_potential().string() + "\n";
    const auto parse = [&](const std::string& body) {
        return error_of([&] { (void)parse_shear_md_recipe(head + body, dir / "r.yaml"); });
    };
    CHECK(parse("temperature_K: -5\nstrain_rate_per_s: 1e7\n").find("r.yaml:3: temperature_K") != std::string::npos);
    CHECK(parse("temperature_K: 300\nstrain_rate_per_s: 1e7\nplane: xx\n").find("r.yaml:5: plane") !=
          std::string::npos);
    const std::string typo = parse("temperature_K: 300\nstrain_rate: 1e7\n");
    CHECK(typo.find("r.yaml:4") != std::string::npos);
    CHECK(typo.find("strain_rate") != std::string::npos);
    CHECK(parse("temperature_K: 300\n").find("strain_rate_per_s") != std::string::npos);
    CHECK(parse("temperature_K: 300\nstrain_rate_per_s: 1e7\noutput:\n  thermo_every_steps: 0\n")
              .find("r.yaml:6: output.thermo_every_steps") != std::string::npos);
    CHECK(parse("temperature_K: 300\nstrain_rate_per_s: 1e15\n").find("r.yaml:4: strain_rate_per_s") !=
          std::string::npos);
    CHECK(parse("temperature_K: 300\nstrain_rate_per_s: 1e7\nmax_strain: 1e-12\n").find("r.yaml:5: max_strain") !=
          std::string::npos);
    const std::string missing_file =
        error_of([&] { (void)parse_shear_md_recipe("input: nope.data\n", dir / "r.yaml"); });
    CHECK(missing_file.find("r.yaml:1: input") != std::string::npos);

    const ShearMdRecipe r = parse_shear_md_recipe(head + "temperature_K: 300\nstrain_rate_per_s: 1e7\n", dir / "r.yaml");
    CHECK(r.plane == "xy");
    CHECK(r.timestep_fs == 2);
    CHECK(r.thermostat_damp_ps == 0.2);
    CHECK(r.max_strain == 0.1);
    CHECK(r.strain_rate_per_ps() == doctest::Approx(1e-5));
    CHECK(r.steps() == 5000000);
    CHECK(r.snapshot_every_steps() == 500000);
    const MdSettings ms = r.settings();
    REQUIRE(ms.deformation.has_value());
    REQUIRE(ms.thermostat.has_value());
    CHECK(!ms.barostat.has_value());
    CHECK(ms.thermostat->damp_ps == 0.2);
    const ShearMdRecipe again = parse_shear_md_recipe(r.to_yaml(), dir / "again.yaml");
    CHECK(again.to_yaml() == r.to_yaml());
}

TEST_CASE("shear MD job: stress_strain.csv, snapshots, dump, recipe.yaml") {
    const auto pot = load_potential();
    if (!pot) return;
    const stz::test::ScratchDir scratch;
    const auto& dir = scratch.path();
    write_lammps_data(dir / "cu.data", fcc_cu(*pot, 3), "fcc Cu, no velocities");
    // 1e10 /s (1e-2 /ps) at 2 fs: γ = 0.01 in 500 steps; snapshots at 0, 0.005, 0.01.
    scratch.write("r.yaml", "input: cu.data\npotential: " + stz::test::cuzr_potential().string() +
                                   "\ntemperature_K: 300\nstrain_rate_per_s: 1e10\nmax_strain: 0.01\nseed: 7\n"
                                   "output:\n  thermo_every_steps: 100\n  snapshot_every_strain: 0.005\n");
    const ShearMdRecipe r = load_shear_md_recipe(dir / "r.yaml");
    const auto out = dir / "out";
    const ShearMdResult res = run_shear_md_job(r, out);
    CHECK(res.steps == 500);
    REQUIRE(res.curve.size() == 6);
    CHECK(res.curve.back().strain == doctest::Approx(0.01).epsilon(1e-12));
    CHECK(res.curve.back().time_ps == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(res.curve[0].temperature_K == doctest::Approx(300).epsilon(1e-9));  // created at 300 K
    REQUIRE(res.snapshots.size() == 3);
    CHECK(std::filesystem::exists(out / "snapshots" / "strain_0.0000.data"));
    CHECK(std::filesystem::exists(out / "snapshots" / "strain_0.0050.data"));
    CHECK(std::filesystem::exists(out / "snapshots" / "strain_0.0100.data"));
    CHECK(std::filesystem::exists(out / "recipe.yaml"));
    const Atoms last = read_lammps_data(out / "snapshots" / "strain_0.0100.data");
    CHECK(last.box.xy == doctest::Approx(0.01 * last.box.ly).epsilon(1e-12));
    std::ifstream csv(out / "stress_strain.csv");
    std::string line;
    std::getline(csv, line);
    CHECK(line == "step,time_ps,strain,shear_stress_GPa,pressure_GPa,temperature_K,pe_per_atom_eV");
    int rows = 0;
    while (std::getline(csv, line))
        if (!line.empty()) ++rows;
    CHECK(rows == 6);
    std::ifstream dump(out / "snapshots" / "snapshots.dump");
    std::stringstream ss;
    ss << dump.rdbuf();
    std::size_t frames = 0;
    for (std::size_t p = ss.str().find("ITEM: TIMESTEP"); p != std::string::npos;
         p = ss.str().find("ITEM: TIMESTEP", p + 1))
        ++frames;
    CHECK(frames == 3);
    const ShearMdRecipe back = load_shear_md_recipe(out / "recipe.yaml");
    CHECK(back.to_yaml() == r.to_yaml());
}
