// EAM potential and forces: agreement with LAMMPS (golden files made by LAMMPS itself),
// forces = -dE/dx, invariances, thread-count independence, file errors.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <memory>

#include "atom_test_util.hpp"
#include "io/scratch_dir.hpp"
#include "stz/atom/eam_force.hpp"
#include "stz/atom/lammps_data.hpp"
#include "stz/atom/structure_builder.hpp"
#include "stz/atom/thermo.hpp"
#include "stz/core/build_info.hpp"

using namespace stz::atom;
using stz::test::atomistic_data;
using stz::test::error_of;

namespace {

struct Loaded {
    std::shared_ptr<EamPotential> pot;
    Atoms atoms;
};

Loaded load(const std::filesystem::path& data, const std::filesystem::path& potential) {
    Loaded l;
    l.pot = std::make_shared<EamPotential>(EamPotential::read(potential));
    l.atoms = read_lammps_data(data);
    assign_elements(l.atoms, {"Cu", "Zr"}, l.pot->elements(), data.string());
    return l;
}

// The targets: 1e-8 eV/atom, 1e-6 eV/Å, 1e-4 GPa (= 1 bar). We reach ~1e-9 eV/atom
// and ~1e-9 eV/Å: the same spline arithmetic as LAMMPS; what differs is the order of the
// sums and our 2^-34 fixed-point quantum.
void check_against_lammps(const std::filesystem::path& data, const std::filesystem::path& potential,
                          const std::filesystem::path& ref_file, const std::filesystem::path& dump_file) {
    CAPTURE(data.string());
    CAPTURE(potential.string());
    auto l = load(data, potential);
    EamForce engine(l.pot, EamForce::map_species(*l.pot, l.atoms.species));
    const auto r = engine.compute(l.atoms);
    const auto ref = stz::test::read_reference(ref_file);
    const double n = static_cast<double>(l.atoms.size());
    CHECK(std::fabs(r.energy_eV - ref.at("pe_eV")) / n < 1e-8);
    const auto p = pressure_tensor_bar(r.virial_eV, {}, l.atoms.box.volume());
    const char* keys[6] = {"pxx_bar", "pyy_bar", "pzz_bar", "pxy_bar", "pxz_bar", "pyz_bar"};
    for (int c = 0; c < 6; ++c) {
        CAPTURE(keys[c]);
        CHECK(std::fabs(p[static_cast<std::size_t>(c)] - ref.at(keys[c])) < 1.0);  // 1 bar = 1e-4 GPa
    }
    const auto dump = stz::test::read_dump(dump_file);
    const std::size_t fx = dump.column("fx");
    double worst = 0;
    for (std::size_t i = 0; i < l.atoms.size(); ++i) {
        const auto& row = dump.rows.at(l.atoms.id[i]);
        for (int d = 0; d < 3; ++d)
            worst = std::max(worst, std::fabs(l.atoms.f[i][d] - row[fx + static_cast<std::size_t>(d)]));
    }
    CHECK(worst < 1e-6);
}

double energy(Atoms& atoms, EamForce& engine) { return engine.compute(atoms).energy_eV; }

}  // namespace

TEST_CASE("Finnis-Sinclair with asymmetric cross densities and setfl match LAMMPS") {
    // Derived test potentials (formats/make_potentials.py) whose rho_CuZr != rho_ZrCu: a
    // swapped index convention would take one cross density for the other (they differ by a
    // factor 1.25/0.8), far beyond the tolerances. Configurations: 150 atoms in a tilted box
    // with a shifted origin, and 12 atoms in a box smaller than the cutoff
    // (several images of every neighbour).
    for (const char* cfg : {"random_tri150", "small_tri12"}) {
        const auto dir = atomistic_data("formats");
        const std::string c = cfg;
        check_against_lammps(dir / (c + ".data"), dir / "CuZr_asym.eam.fs", dir / (c + "_asym.ref"),
                             dir / (c + "_asym.forces"));
        check_against_lammps(dir / (c + ".data"), dir / "CuZr_setfl.eam.alloy", dir / (c + "_setfl.ref"),
                             dir / (c + "_setfl.forces"));
    }
}

TEST_CASE("CuZr_mm.eam.fs matches LAMMPS on random and glassy configurations") {
    if (!stz::test::have_cuzr_potential()) {
        MESSAGE("skipped: " << stz::test::cuzr_potential() << " not installed (Debian lammps-data)");
        return;
    }
    const auto dir = atomistic_data("data");
    int checked = 0;
    for (const char* cfg : {"random_ortho", "random_tri", "glass_tri", "small_tri", "cu_fcc", "zr_hcp"}) {
        const std::string c = cfg;
        if (!std::filesystem::exists(dir / (c + ".ref"))) continue;
        check_against_lammps(dir / (c + ".data"), stz::test::cuzr_potential(), dir / (c + ".ref"), dir / (c + ".forces"));
        ++checked;
    }
    CHECK(checked == 6);
}

TEST_CASE("forces are minus the gradient of the energy (central differences)") {
    const auto dir = atomistic_data("formats");
    auto l = load(dir / "random_tri150.data", dir / "CuZr_asym.eam.fs");
    EamForce engine(l.pot, EamForce::map_species(*l.pot, l.atoms.species));
    engine.compute(l.atoms);
    const auto forces = l.atoms.f;
    // h = 2e-4 Å: the tables are C1 piecewise cubics (dr = 7.6e-3 Å in this file), so the
    // central difference errs by O(h^2 f''') inside an interval and O(h * jump of f'') across
    // a knot (measured: 3.4e-5 eV/Å at h = 1e-3, 3.8e-6 at 3e-4, 3.0e-6 at 1e-4); the energy
    // quantum (6e-11 eV per pair) adds ~1e-6 eV/Å at this h. Tolerance 1e-5 eV/Å on forces
    // of a few eV/Å.
    const double h = 2e-4;
    double worst = 0;
    for (std::size_t i : {0u, 7u, 42u, 99u, 149u})
        for (int d = 0; d < 3; ++d) {
            Atoms a = l.atoms;
            a.x[i][d] += h;
            const double ep = energy(a, engine);
            a.x[i][d] -= 2 * h;
            const double em = energy(a, engine);
            worst = std::max(worst, std::fabs(-(ep - em) / (2 * h) - forces[i][d]));
        }
    CHECK(worst < 1e-5);
}

TEST_CASE("virial is minus the strain derivative of the energy") {
    // dE/d(eps_ab) at fixed fractional coordinates = -W_ab (W = sum r_ij f_ij), for a
    // homogeneous deformation x -> (1 + eps) x. Checked for xx and the xy shear.
    const auto dir = atomistic_data("formats");
    auto l = load(dir / "random_tri150.data", dir / "CuZr_asym.eam.fs");
    EamForce engine(l.pot, EamForce::map_species(*l.pot, l.atoms.species));
    const auto w = engine.compute(l.atoms).virial_eV;
    auto strained = [&](double e, int which) {
        Atoms a = l.atoms;
        auto apply = [&](Vec3 r) {
            if (which == 0) r.x *= 1 + e;
            else r.x += e * r.y;
            return r;
        };
        for (auto& x : a.x) x = apply(x);
        // Box: lo and edge vectors transform the same way (H -> (1+eps) H).
        const Vec3 lo = apply(a.box.lo), va = apply(a.box.a()), vb = apply(a.box.b()), vc = apply(a.box.c());
        a.box.lo = lo;
        a.box.lx = va.x;
        a.box.xy = vb.x;
        a.box.ly = vb.y;
        a.box.xz = vc.x;
        a.box.yz = vc.y;
        a.box.lz = vc.z;
        EamForce fresh(l.pot, EamForce::map_species(*l.pot, a.species));
        return fresh.compute(a).energy_eV;
    };
    const double h = 1e-5;
    const double dxx = (strained(h, 0) - strained(-h, 0)) / (2 * h);
    const double dxy = (strained(h, 1) - strained(-h, 1)) / (2 * h);
    // Tolerance: 1e-3 eV on |W| ~ 1e2 eV: O(h^2) plus the energy quantum / h.
    CHECK(std::fabs(dxx + w[0]) < 1e-3 * std::max(1.0, std::fabs(w[0])));
    CHECK(std::fabs(dxy + w[3]) < 1e-3 * std::max(1.0, std::fabs(w[3])));
}

TEST_CASE("forces sum to zero and do not depend on the thread count") {
    // 2400 atoms: enough for EamForce to use 2 threads (it uses one per 500 atoms).
    const auto dir = atomistic_data("formats");
    Loaded l;
    l.pot = std::make_shared<EamPotential>(EamPotential::read(dir / "CuZr_asym.eam.fs"));
    l.atoms = random_structure({{{"Cu", 63.546}, {"Zr", 91.224}}, {0.64, 0.36}}, 2400, 0.058, 2.1, 9);
    EamForce engine(l.pot, EamForce::map_species(*l.pot, l.atoms.species));
    const int before = stz::thread_count();
    stz::set_thread_count(1);
    Atoms a1 = l.atoms;
    const auto r1 = engine.compute(a1);
    stz::set_thread_count(2);
    Atoms a2 = l.atoms;
    EamForce engine2(l.pot, EamForce::map_species(*l.pot, l.atoms.species));
    const auto r2 = engine2.compute(a2);
    stz::set_thread_count(before);
    Vec3 total{};
    for (const auto& f : a1.f) total += f;
    // Newton's third law holds pair by pair; what is left is rounding: each atom's own sum
    // is rounded once to the 2^-34 eV/Å quantum and each contribution to a neighbour once,
    // ~N * 50 roundings of <= 3e-11 eV/Å: a random walk of ~1e-8. Bound 1e-6 eV/Å.
    CHECK(norm(total) < 1e-6);
    CHECK(r1.energy_eV == r2.energy_eV);
    for (int c = 0; c < 6; ++c) CHECK(r1.virial_eV[static_cast<std::size_t>(c)] == r2.virial_eV[static_cast<std::size_t>(c)]);
    bool same = true;
    for (std::size_t i = 0; i < a1.size(); ++i)
        for (int d = 0; d < 3; ++d) same = same && a1.f[i][d] == a2.f[i][d];
    CHECK(same);
}

TEST_CASE("a periodic crystal has the same energy per atom in any supercell and any tilt") {
    if (!stz::test::have_cuzr_potential()) {
        MESSAGE("skipped: CuZr_mm.eam.fs not installed");
        return;
    }
    auto pot = std::make_shared<EamPotential>(EamPotential::read(stz::test::cuzr_potential()));
    const double a0 = 3.62;
    auto fcc = [&](int reps) {
        Atoms at;
        at.species = {{"Cu", 63.546}};
        at.box = Box::orthogonal({0.3, -1.0, 2.0}, reps * a0, reps * a0, reps * a0);
        const Vec3 basis[4] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        for (int i = 0; i < reps; ++i)
            for (int j = 0; j < reps; ++j)
                for (int k = 0; k < reps; ++k)
                    for (const auto& b : basis) at.add(0, at.box.lo + a0 * Vec3{i + b.x, j + b.y, k + b.z});
        return at;
    };
    // The primitive fcc cell (1 atom, edges a0/sqrt2, strongly tilted: every neighbour is
    // an image of the atom itself) against the 4-atom cube and a 5x5x5 supercell.
    Atoms prim;
    prim.species = {{"Cu", 63.546}};
    const double e = a0 / std::sqrt(2.0);
    // LAMMPS-form primitive cell: a = (e,0,0), b = (e/2, e sqrt3/2, 0), c = (e/2, e/(2 sqrt3), e sqrt(2/3)).
    prim.box.lx = e;
    prim.box.xy = e / 2;
    prim.box.ly = e * std::sqrt(3.0) / 2;
    prim.box.xz = e / 2;
    prim.box.yz = e / (2 * std::sqrt(3.0));
    prim.box.lz = e * std::sqrt(2.0 / 3.0);
    prim.add(0, {0.1, 0.2, 0.3});
    std::vector<double> per_atom;
    for (Atoms* at : {&prim}) {
        EamForce eng(pot, EamForce::map_species(*pot, at->species));
        per_atom.push_back(eng.compute(*at).energy_eV / static_cast<double>(at->size()));
    }
    for (int reps : {1, 5}) {
        Atoms at = fcc(reps);
        EamForce eng(pot, EamForce::map_species(*pot, at.species));
        per_atom.push_back(eng.compute(at).energy_eV / static_cast<double>(at.size()));
        for (const auto& f : at.f) CHECK(norm(f) < 1e-9);  // every atom is a centre of symmetry
    }
    // Same lattice sums in a different order and different fixed-point roundings: 1e-9 eV.
    CHECK(per_atom[0] == doctest::Approx(per_atom[1]).epsilon(1e-10));
    CHECK(per_atom[2] == doctest::Approx(per_atom[1]).epsilon(1e-10));
    CHECK(per_atom[1] < -3.2);
}

TEST_CASE("neighbour list holds every pair within the cutoff exactly once") {
    const auto dir = atomistic_data("formats");
    for (const char* cfg : {"random_tri150.data", "small_tri12.data"}) {
        CAPTURE(cfg);
        Atoms atoms = read_lammps_data(dir / cfg);
        const double rc = 7.6, skin = 1.0;
        NeighborList list(rc, skin);
        list.build(atoms);
        const auto shifts = list.image_shifts(atoms.box);
        // Brute force over all image triples within reach (range 3 covers the 6 Å box).
        std::size_t brute = 0, listed = 0;
        const double r2 = (rc + skin) * (rc + skin);
        for (std::size_t i = 0; i < atoms.size(); ++i)
            for (std::size_t j = i; j < atoms.size(); ++j)
                for (int a = -3; a <= 3; ++a)
                    for (int b = -3; b <= 3; ++b)
                        for (int c = -3; c <= 3; ++c) {
                            if (j == i && !(a > 0 || (a == 0 && (b > 0 || (b == 0 && c > 0))))) continue;
                            const Vec3 d = atoms.x[j] + atoms.box.h_times({double(a), double(b), double(c)}) - atoms.x[i];
                            if (dot(d, d) < r2) ++brute;
                        }
        for (std::size_t i = 0; i < atoms.size(); ++i)
            for (std::size_t k = list.begin(i); k < list.end(i); ++k) {
                const auto& e = list.entries()[k];
                const Vec3 d = atoms.x[static_cast<std::size_t>(e.j)] + shifts[static_cast<std::size_t>(e.image)] - atoms.x[i];
                CHECK(dot(d, d) < r2);
                ++listed;
            }
        CHECK(listed == brute);
    }
}

TEST_CASE("neighbour list is rebuilt when atoms or the box move far enough") {
    const auto dir = atomistic_data("formats");
    Atoms atoms = read_lammps_data(dir / "random_tri150.data");
    NeighborList list(7.6, 2.0);
    list.build(atoms);
    CHECK_FALSE(list.needs_rebuild(atoms));
    atoms.x[3].x += 0.9;  // 2 * 0.9 < skin
    CHECK_FALSE(list.needs_rebuild(atoms));
    atoms.x[3].x += 0.2;  // 2 * 1.1 > skin
    CHECK(list.needs_rebuild(atoms));
    list.build(atoms);
    atoms.box.xy += 2.5;  // images move by up to 2.5 Å
    CHECK(list.needs_rebuild(atoms));
}

TEST_CASE("data files round-trip bit for bit and OVITO-style dumps are written") {
    stz::test::ScratchDir tmp;
    const auto dir = atomistic_data("formats");
    Atoms a = read_lammps_data(dir / "small_tri12.data");
    a.species[0].element = "Cu";
    a.species[1].element = "Zr";
    for (std::size_t i = 0; i < a.size(); ++i) a.v[i] = {0.1 * double(i), -1.0 / 3.0, 2e-5};
    a.image[2] = {1, -2, 3};
    write_lammps_data(tmp.path() / "out.data", a, "round trip");
    const Atoms b = read_lammps_data(tmp.path() / "out.data");
    REQUIRE(b.size() == a.size());
    CHECK(b.species[1].element == "Zr");
    CHECK(b.box.xy == a.box.xy);
    CHECK(b.box.lz == a.box.lz);
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(b.id[i] == a.id[i]);
        CHECK(b.type[i] == a.type[i]);
        CHECK(b.image[i] == a.image[i]);
        for (int d = 0; d < 3; ++d) {
            CHECK(b.x[i][d] == a.x[i][d]);
            CHECK(b.v[i][d] == a.v[i][d]);
        }
    }
    {
        DumpWriter dump(tmp.path() / "out.dump", DumpColumns{true, true, true, {}});
        dump.write(a, 0);
        dump.write(a, 10);
    }
    std::ifstream in(tmp.path() / "out.dump");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find("ITEM: BOX BOUNDS xy xz yz pp pp pp") != std::string::npos);
    CHECK(text.find("ITEM: ATOMS id type element x y z ix iy iz vx vy vz fx fy fz") != std::string::npos);
    CHECK(text.find("ITEM: TIMESTEP\n10\n") != std::string::npos);
}

namespace {
bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("bad data files give errors naming file, line and what was expected") {
    stz::test::ScratchDir tmp;
    const std::string head = "t\n\n2 atoms\n1 atom types\n0 10 xlo xhi\n0 10 ylo yhi\n0 10 zlo zhi\n\nMasses\n\n1 63.5\n\n";
    auto err = [&](const std::string& text) {
        const auto file = tmp.write("bad.data", text);
        return error_of([&] { read_lammps_data(file); });
    };
    CHECK(contains(err(head + "Atoms # atomic\n\n1 1 0 0 0\n"), "ends after 1 lines; the header promises 2"));
    CHECK(contains(err(head + "Atoms # atomic\n\n1 1 0 0 0\n2 1 1 1 x\n"), "bad.data:16: expected z (a finite number), got 'x'"));
    CHECK(contains(err(head + "Atoms # atomic\n\n1 1 0 0 0\n2 3 1 1 1\n"), "has type 3; expected 1..1"));
    CHECK(contains(err(head + "Atoms # atomic\n\n1 1 0 0 0\n1 1 1 1 1\n"), "atom id 1 appears twice"));
    CHECK(contains(err(head + "Atoms # charge\n\n1 1 0 0 0 0\n2 1 0 1 1 1\n"), "expected atom_style atomic"));
    CHECK(contains(err(head + "Bonds\n\n1 1 1 2\n"), "not supported"));
    CHECK(contains(err("t\n\n2 atoms\n1 atom types\n0 10 xlo xhi\n0 10 ylo yhi\n\nAtoms\n\n"), "zlo zhi"));
    CHECK(contains(err("t\n\n2 atoms\n1 atom types\n5 1 xlo xhi\n0 10 ylo yhi\n0 10 zlo zhi\n\nMasses\n\n1 1\n"),
                   "box edges must be positive"));
    CHECK(contains(err("t\n\n2 atoms\n1 atom types\n0 10 xlo xhi\nfoo bar\n"), "bad.data:6: unrecognised header line 'foo bar'"));
    CHECK(contains(error_of([&] { read_lammps_data(tmp.path() / "missing.data"); }), "no such LAMMPS data file"));
}

TEST_CASE("bad potential files give errors naming file, line and what was expected") {
    stz::test::ScratchDir tmp;
    const auto good = atomistic_data("formats") / "CuZr_setfl.eam.alloy";
    std::ifstream in(good);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    auto write = [&](const std::string& name, std::size_t keep, const std::string& replace_line5 = {}) {
        std::string text;
        for (std::size_t k = 0; k < std::min(keep, lines.size()); ++k)
            text += (k == 4 && !replace_line5.empty() ? replace_line5 : lines[k]) + "\n";
        return tmp.write(name, text);
    };
    CHECK(contains(error_of([&] { EamPotential::read(write("trunc.eam.alloy", 300)); }), "unexpected end of file"));
    CHECK(contains(error_of([&] { EamPotential::read(write("bad.eam.alloy", lines.size(), "1000 0.3 x 0.0076 7.6")); }),
                   "bad.eam.alloy:5: expected Nr (line 5) (an integer), got 'x'"));
    CHECK(contains(error_of([&] { EamPotential::read(write("pot.txt", lines.size())); }), "cannot tell the EAM format"));
    // A setfl file read as Finnis-Sinclair runs out of numbers (it lacks the cross densities).
    CHECK(contains(error_of([&] { EamPotential::read(good, EamPotential::Format::finnis_sinclair); }),
                   "CuZr_setfl.eam.alloy:407: expected rho(r) of Cu-Zr (a finite number), got 'hcp'"));
    const auto pot = EamPotential::read(good);
    CHECK(contains(error_of([&] { (void)pot.element_index("Al"); }), "no element 'Al' in this potential (it has Cu, Zr)"));
    Atoms atoms = read_lammps_data(atomistic_data("formats") / "small_tri12.data");
    atoms.species[1].mass_amu = 50.0;
    CHECK(contains(error_of([&] { assign_elements(atoms, {}, pot.elements(), "x.data"); }), "atom type 2 (mass 50"));
}

TEST_CASE("overlapping atoms are reported, not summed into garbage") {
    const auto dir = atomistic_data("formats");
    auto l = load(dir / "small_tri12.data", dir / "CuZr_setfl.eam.alloy");
    l.atoms.x[1] = l.atoms.x[0] + Vec3{1e-7, 0, 0};
    EamForce engine(l.pot, EamForce::map_species(*l.pot, l.atoms.species));
    CHECK(contains(error_of([&] { engine.compute(l.atoms); }), "Å apart"));
}
