// Checkpoints of the atomistic jobs (stz/atom/checkpoint.hpp, docs/checkpoints.md): an MD
// run stopped, saved, loaded into new objects and continued is bitwise the uninterrupted
// run; a quench stopped by a signal resumes to byte-identical files; checkpoints of another
// kind or recipe are refused.
#include <doctest/doctest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "atom_test_util.hpp"
#include "io/scratch_dir.hpp"
#include "stz/atom/checkpoint.hpp"
#include "stz/atom/eam_force.hpp"
#include "stz/atom/eam_potential.hpp"
#include "stz/atom/md.hpp"
#include "stz/atom/quench.hpp"
#include "stz/atom/structure_builder.hpp"
#include "stz/atom/thermo.hpp"
#include "stz/core/error.hpp"
#include "stz/core/interrupt.hpp"
#include "stz/io/state_file.hpp"

using namespace stz::atom;

namespace {

std::shared_ptr<const EamPotential> potential() {
    static const auto pot = std::make_shared<const EamPotential>(EamPotential::read(stz::test::cuzr_potential()));
    return pot;
}

Atoms hot_lattice() {
    Composition c;
    c.species = {{"Cu", 63.546}, {"Zr", 91.224}};
    c.fractions = {0.64, 0.36};
    Atoms atoms = lattice_structure(c, "fcc", 4.1, {3, 3, 3}, 5);
    assign_velocities(atoms, 2500.0, 9);
    return atoms;
}

struct Stop {};

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const char* kTinyQuench = R"(potential: /usr/share/lammps/potentials/CuZr_mm.eam.fs
seed: 5
composition: {Cu: 0.5, Zr: 0.5}
start: {kind: fcc, lattice_constant_A: 4.1, cells: [2, 2, 2]}
melt: {temperature_K: 2000, time_ps: 0.06}
quench: {to_K: 300, rate_K_per_ps: 20000, hold_ps: 0.02}
minimize: {algorithm: cg, force_tol_eV_per_A: 1.0e-3}
swaps: {every_steps: 20, attempts: 5}
output: {thermo_every_steps: 5, dump_every_steps: 10}
)";

}  // namespace

TEST_CASE("checkpoint: an MD run saved mid-way and continued in new objects is bitwise the uninterrupted one") {
    if (!stz::test::have_cuzr_potential()) return;
    MdSettings s;
    s.timestep_ps = 0.002;
    s.thermostat = ThermostatSettings{2500.0, 1500.0, 0.1, 3};
    s.barostat = BarostatSettings{PressureCoupling::aniso, 0.0, 5000.0, 0.25, 3};
    const long steps = 120;

    Atoms ref = hot_lattice();
    {
        EamForce force(potential(), EamForce::map_species(*potential(), ref.species));
        MdIntegrator(force, s).run(ref, steps);
    }

    const stz::test::ScratchDir scratch;
    const auto file = scratch / "md.bin";
    Atoms first = hot_lattice();
    {
        EamForce force(potential(), EamForce::map_species(*potential(), first.species));
        MdIntegrator md(force, s);
        CHECK_THROWS_AS(md.run(first, steps, {}, 0,
                               [&](long k) {
                                   if (k != 47) return;
                                   stz::StateWriter w;
                                   put_atoms(w, first);
                                   md.save_state(w);
                                   force.save_state(w);
                                   stz::write_state_file(file, "test-md", "k", w);
                                   throw Stop{};
                               }),
                        Stop);
    }
    Atoms second = hot_lattice();  // species and ids; the rest comes from the checkpoint
    EamForce force(potential(), EamForce::map_species(*potential(), second.species));
    MdIntegrator md(force, s);
    {
        stz::StateReader in(file, "test-md", "k");
        get_atoms(in, second);
        md.load_state(in);
        force.load_state(in);
        in.expect_end();
    }
    md.continue_run(second, steps);
    CHECK(md.step() == steps);
    bool same = second.box.lx == ref.box.lx && second.box.ly == ref.box.ly && second.box.lz == ref.box.lz;
    for (std::size_t i = 0; i < ref.size(); ++i)
        same = same && second.x[i].x == ref.x[i].x && second.x[i].y == ref.x[i].y && second.x[i].z == ref.x[i].z &&
               second.v[i].x == ref.v[i].x && second.v[i].z == ref.v[i].z && second.image[i] == ref.image[i];
    CHECK(same);
}

TEST_CASE("checkpoint: a file of another kind or for another recipe is refused, naming both") {
    const stz::test::ScratchDir scratch;
    const auto file = scratch / "c.bin";
    stz::StateWriter w;
    w.put(1.5);
    stz::write_state_file(file, "atom-quench", "aaaa", w);
    CHECK_THROWS_WITH_AS(stz::StateReader(file, "atom-aqs", "aaaa"), doctest::Contains("atom-quench"), stz::Error);
    CHECK_THROWS_WITH_AS(stz::StateReader(file, "atom-quench", "bbbb", "recipe (recipe.yaml)"),
                         doctest::Contains("recipe (recipe.yaml)"), stz::Error);
    CHECK_THROWS_WITH_AS(require_checkpoint(scratch.path(), "stzkmc atom quench R.yaml"),
                         doctest::Contains("no checkpoint.bin"), stz::Error);
}

TEST_CASE("checkpoint: a quench stopped by SIGTERM resumes to the uninterrupted run's files") {
    if (!stz::test::have_cuzr_potential()) return;
    const stz::test::ScratchDir scratch;
    const QuenchRecipe r = parse_quench_recipe(kTinyQuench, scratch / "q.yaml");
    run_quench(r, scratch / "ref");

    // A signal recorded before the start: the job stops after its first MD step.
    stz::request_interrupt(SIGTERM);
    CheckpointSettings ck;
    ck.every_s = 0;
    try {
        run_quench(r, scratch / "cut", ck);
        FAIL("not interrupted");
    } catch (const stz::Interrupted& e) {
        CHECK(e.signal() == SIGTERM);
        CHECK(std::string(e.what()).find("--resume") != std::string::npos);
    }
    stz::clear_interrupt();
    REQUIRE(std::filesystem::exists(scratch / "cut" / "checkpoint.bin"));

    QuenchRecipe other = r;
    other.seed = 6;
    ck.resume = true;
    CHECK_THROWS_WITH_AS(run_quench(other, scratch / "cut", ck), doctest::Contains("written for other"), stz::Error);
    run_quench(r, scratch / "cut", ck);
    CHECK_FALSE(std::filesystem::exists(scratch / "cut" / "checkpoint.bin"));
    for (const char* f : {"recipe.yaml", "initial.data", "melt.data", "quenched.data", "glass.data", "cooling_curve.csv",
                          "trajectory.dump"})
        CHECK_MESSAGE(read_file(scratch / "ref" / f) == read_file(scratch / "cut" / f), f);
}
