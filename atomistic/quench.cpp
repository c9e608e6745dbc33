// Melt-quench glass preparation: NPT melt, linear quench, hold, minimize (+ MC swaps).
#include "stz/atom/quench.hpp"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <memory>
#include <optional>

#include "stz/atom/checkpoint.hpp"
#include "stz/atom/eam_force.hpp"
#include "stz/atom/lammps_data.hpp"
#include "stz/atom/md.hpp"
#include "stz/atom/minimize.hpp"
#include "stz/atom/thermo.hpp"
#include "stz/atom/type_swap.hpp"
#include "stz/core/build_info.hpp"
#include "stz/core/duration_text.hpp"
#include "stz/core/error.hpp"
#include "stz/core/interrupt.hpp"
#include "stz/core/sha256.hpp"
#include "stz/io/atomic_file.hpp"
#include "stz/io/state_file.hpp"

namespace stz::atom {

namespace {

using Clock = std::chrono::steady_clock;

Atoms starting_structure(const QuenchRecipe& r, const EamPotential& pot) {
    Composition c = r.composition;
    for (auto& s : c.species) s.mass_amu = pot.elements()[static_cast<std::size_t>(pot.element_index(s.element))].mass_amu;
    if (r.start == "random")
        return random_structure(c, static_cast<std::size_t>(r.atoms), r.density_per_A3, r.min_distance_A, r.seed);
    if (r.start == "data") {
        Atoms a = read_lammps_data(r.data_file);
        std::vector<std::string> names;
        for (const auto& s : c.species) names.push_back(s.element);
        assign_elements(a, a.species.size() == names.size() ? names : std::vector<std::string>{}, pot.elements(),
                        r.data_file.string());
        return a;
    }
    return lattice_structure(c, r.start, r.lattice_constant_A, r.cells, r.seed);
}

constexpr const char* kKind = "atom-quench";
constexpr int kStages = 3;                      // melt, quench, hold
constexpr const char* kStageNames[kStages] = {"melt", "quench", "hold"};
constexpr std::uint32_t kAfterMd = kStages;     // stage index of "MD done, minimization next"

/// The MD stages, in chunks between swap rounds, with the cooling curve and the dump.
/// Checkpoints are written after any MD step (MdIntegrator's after_step) and hold the
/// complete state: stage and position in it, atoms, integrator, neighbour list, swap
/// counters, the cooling-curve text so far and the trajectory's length.
struct StageRunner {
    const QuenchRecipe& r;
    EamForce& force;
    MdIntegrator& md;
    Atoms& atoms;
    std::string& curve;
    DumpWriter* dump;
    long total_steps;
    CheckpointClock& clock;
    const std::filesystem::path& checkpoint;
    const std::string& key;
    const std::string& command;
    Clock::time_point t0 = Clock::now();
    long swap_round = 0;
    SwapStats swaps;
    long last_step = -1;
    std::uint32_t stage = 0;   // the stage running
    long done = 0;             // its steps done before the current chunk
    bool continuing = false;   // the first chunk continues an interrupted MD run

    void save_payload(StateWriter& w) const {
        w.put(stage);
        w.put(static_cast<std::int64_t>(done));
        w.put(static_cast<std::int64_t>(swap_round));
        w.put(static_cast<std::int64_t>(swaps.attempted));
        w.put(static_cast<std::int64_t>(swaps.accepted));
        w.put(swaps.energy_change_eV);
        w.put(static_cast<std::int64_t>(last_step));
        w.put_string(curve);
        w.put<std::uint64_t>(dump ? dump->bytes() : 0);
        put_atoms(w, atoms);
        md.save_state(w);
        force.save_state(w);
    }

    void save() {
        const auto c0 = Clock::now();
        StateWriter w;
        save_payload(w);
        write_state_file(checkpoint, kKind, key, w);
        clock.written();
        spdlog::info("checkpoint written: {:.1f} MB in {:.3f} s", static_cast<double>(w.bytes().size()) * 1e-6,
                      std::chrono::duration<double>(Clock::now() - c0).count());
    }

    void after_step() {
        if (!clock.due()) return;
        save();
        stop_if_interrupted(checkpoint, command);
    }

    void run(std::uint32_t index, double T0, double T1, long steps) {
        if (index < stage) return;  // finished before the checkpoint this job resumed from
        stage = index;
        const char* name = kStageNames[index];
        if (steps > 0) {
            const long chunk = r.swap_every_steps > 0 ? r.swap_every_steps : steps;
            const auto observer = [&](const MdSnapshot& s) { observe(name, s); };
            const auto hook = [&](long) { after_step(); };
            try {
                while (done < steps) {
                    const long n = std::min(chunk, steps - done);
                    if (continuing) {
                        md.continue_run(atoms, n, observer, r.thermo_every_steps, hook);
                        continuing = false;
                    } else {
                        const double a = T0 + (T1 - T0) * static_cast<double>(done) / static_cast<double>(steps);
                        const double b = T0 + (T1 - T0) * static_cast<double>(done + n) / static_cast<double>(steps);
                        md.retarget(a, b);
                        md.run(atoms, n, observer, r.thermo_every_steps, hook);
                    }
                    done += n;
                    if (r.swap_every_steps > 0 && r.swap_attempts > 0) {
                        const double b = T0 + (T1 - T0) * static_cast<double>(done) / static_cast<double>(steps);
                        const auto st = attempt_type_swaps(atoms, force, b, r.swap_attempts, r.seed,
                                                           static_cast<std::uint64_t>(swap_round++));
                        swaps.attempted += st.attempted;
                        swaps.accepted += st.accepted;
                        swaps.energy_change_eV += st.energy_change_eV;
                        md.forces_changed(atoms);
                    }
                }
            } catch (const Interrupted&) {
                throw;
            } catch (const Error& e) {
                throw Error(fmt::format("{}: quench stage '{}': {}", r.file.string(), name, e.what()));
            }
        }
        ++stage;
        done = 0;
    }

    void observe(const char* stage_name, const MdSnapshot& s) {
        if (s.step == last_step) return;  // a chunk's first step is the previous chunk's last
        last_step = s.step;
        const double n = static_cast<double>(atoms.size());
        curve += fmt::format("{},{:.6g},{},{:.6g},{:.6g},{:.10g},{:.8g},{:.6g}\n", s.step, s.time_ps, stage_name,
                             s.target_K, s.temperature_K, s.potential_eV / n, s.volume_A3 / n, s.pressure_bar);
        if (dump && r.dump_every_steps > 0 && s.step % r.dump_every_steps == 0) dump->write(atoms, s.step);
        const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
        if (s.step > 0 && s.step % (r.thermo_every_steps * 10) == 0) {
            const double rate = static_cast<double>(s.step) / std::max(elapsed, 1e-9);
            spdlog::info("{:>6} step {:>8}/{}  T {:7.1f} K (target {:6.1f})  pe {:.5f} eV/atom  P {:8.1f} bar  "
                         "{:.0f} steps/s  ETA {}",
                         stage_name, s.step, total_steps, s.temperature_K, s.target_K, s.potential_eV / n,
                         s.pressure_bar, rate,
                         duration_text(static_cast<double>(total_steps - s.step) / std::max(rate, 1e-9)));
        }
    }
};

const DumpColumns kDumpColumns{true, false, true, {}};

}  // namespace

std::string quench_checkpoint_key(const QuenchRecipe& r) { return sha256_hex(r.to_yaml()); }

QuenchSummary run_quench(const QuenchRecipe& r, const std::filesystem::path& out_dir, const CheckpointSettings& ck) {
    const auto wall0 = Clock::now();
    const std::string key = quench_checkpoint_key(r);
    const std::filesystem::path ckpt = checkpoint_file(out_dir);
    const std::string command = resume_command("quench", out_dir);
    std::optional<StateReader> resume;
    if (ck.resume) resume.emplace(open_for_resume(out_dir, command, kKind, key));
    std::filesystem::create_directories(out_dir);
    auto pot = std::make_shared<EamPotential>(EamPotential::read(r.potential));
    Atoms atoms = starting_structure(r, *pot);
    const std::size_t n = atoms.size();
    if (!resume) {
        AtomicFile f(out_dir / "recipe.yaml");
        const auto info = build_info();
        f.stream() << "# stzkmc " << info.version << " atom quench; resolved recipe (every default filled in)\n"
                   << "# version: " << info.version << "\n# seed: " << r.seed << "\n"
                   << r.to_yaml();
        f.commit();
        write_lammps_data(out_dir / "initial.data", atoms, "stzkmc atom quench: initial structure");
    }
    EamForce force(pot, EamForce::map_species(*pot, atoms.species));
    assign_velocities(atoms, r.melt_T_K, r.seed);

    MdSettings ms;
    ms.timestep_ps = r.timestep_ps;
    ms.thermostat = ThermostatSettings{r.melt_T_K, r.melt_T_K, r.thermostat_damp_ps, 3};
    ms.barostat = BarostatSettings{r.coupling == "aniso" ? PressureCoupling::aniso : PressureCoupling::iso,
                                   r.pressure_bar, r.pressure_bar, r.barostat_damp_ps, 3};
    MdIntegrator md(force, ms);

    std::string curve = "step,time_ps,stage,target_T_K,T_K,pe_per_atom_eV,volume_per_atom_A3,pressure_bar\n";
    const long total = r.melt_steps() + r.quench_steps() + r.hold_steps();
    CheckpointClock clock(ck.every_s);
    StageRunner runner{r, force, md, atoms, curve, nullptr, total, clock, ckpt, key, command, Clock::now(), 0, {},
                       -1, 0, 0, false};

    // Resume: the stage, the position in it and everything the MD carries.
    QuenchSummary sum;
    std::uint64_t dump_bytes = 0;
    if (resume) {
        StateReader& in = *resume;
        runner.stage = in.get<std::uint32_t>("stage");
        STZ_REQUIRE(runner.stage <= kAfterMd, ckpt.string() << ": stage " << runner.stage << " out of range");
        runner.done = static_cast<long>(in.get<std::int64_t>("steps done in the stage"));
        runner.swap_round = static_cast<long>(in.get<std::int64_t>("swap round"));
        runner.swaps.attempted = static_cast<long>(in.get<std::int64_t>("swaps attempted"));
        runner.swaps.accepted = static_cast<long>(in.get<std::int64_t>("swaps accepted"));
        runner.swaps.energy_change_eV = in.get<double>("swap energy change");
        runner.last_step = static_cast<long>(in.get<std::int64_t>("last curve step"));
        curve = in.get_string("cooling curve");
        dump_bytes = in.get<std::uint64_t>("trajectory bytes");
        get_atoms(in, atoms);
        md.load_state(in);
        force.load_state(in);
        if (runner.stage == kAfterMd) sum.quenched_pe_per_atom_eV = in.get<double>("quenched energy");
        in.expect_end();
        runner.continuing = runner.stage < kAfterMd;
        spdlog::info("quench: resuming {} at MD step {} of {} (stage {})", out_dir.string(), md.step(), total,
                     runner.stage < kAfterMd ? kStageNames[runner.stage] : "minimize");
    }
    std::unique_ptr<DumpWriter> dump;
    if (r.dump_every_steps > 0)
        dump = resume ? std::make_unique<DumpWriter>(out_dir / "trajectory.dump", kDumpColumns, dump_bytes)
                      : std::make_unique<DumpWriter>(out_dir / "trajectory.dump", kDumpColumns);
    runner.dump = dump.get();
    if (!resume)
        spdlog::info("quench: {} atoms, melt {} K for {} ps, quench to {} K at {:.3g} K/s, hold {} ps: {} MD steps of {} fs",
                     n, r.melt_T_K, r.melt_ps, r.quench_to_K, r.quench_rate_K_per_ps * 1e12, r.hold_ps, total,
                     r.timestep_ps * 1e3);
    if (runner.stage < kAfterMd) {
        const bool melt_here = runner.stage == 0;
        runner.run(0, r.melt_T_K, r.melt_T_K, r.melt_steps());
        if (melt_here) write_lammps_data(out_dir / "melt.data", atoms, "stzkmc atom quench: after the melt");
        runner.run(1, r.melt_T_K, r.quench_to_K, r.quench_steps());
        runner.run(2, r.quench_to_K, r.quench_to_K, r.hold_steps());
        write_file_atomic(out_dir / "cooling_curve.csv", curve);
        write_lammps_data(out_dir / "quenched.data", atoms, "stzkmc atom quench: after quench and hold");
        sum.quenched_pe_per_atom_eV = force.compute(atoms).energy_eV / static_cast<double>(n);
    }

    sum.atoms = n;
    sum.md_steps = md.step();
    sum.swaps_attempted = runner.swaps.attempted;
    sum.swaps_accepted = runner.swaps.accepted;
    if (r.minimize) {
        // Minimization is not checkpointed inside: on a signal it stops, and the checkpoint
        // taken here (MD done, minimization next) is written instead; a resumed job redoes it.
        StateWriter before;
        runner.stage = kAfterMd;
        runner.done = 0;
        runner.save_payload(before);
        before.put(sum.quenched_pe_per_atom_eV);
        if (clock.due()) {
            write_state_file(ckpt, kKind, key, before);
            clock.written();
            stop_if_interrupted(ckpt, command);
        }
        MinimizeSettings mset;
        mset.algorithm = r.min_algorithm == "fire" ? MinAlgorithm::fire : MinAlgorithm::cg;
        mset.force_tol_eV_per_A = r.min_force_tol_eV_per_A;
        mset.energy_tol = r.min_energy_tol;
        mset.max_iterations = r.min_max_iterations;
        mset.max_evaluations = 10 * r.min_max_iterations;
        mset.box = r.minimize_box ? (r.coupling == "aniso" ? BoxRelax::aniso : BoxRelax::iso) : BoxRelax::none;
        mset.target_pressure_bar = r.pressure_bar;
        mset.stop_requested = [] { return interrupt_signal() != 0; };
        MinimizeResult res;
        try {
            res = minimize(atoms, force, mset);
        } catch (const Error& e) {
            throw Error(fmt::format("{}: quench stage 'minimize': {}", r.file.string(), e.what()));
        }
        if (res.stop_reason == kMinimizeStopped) {
            write_state_file(ckpt, kKind, key, before);
            stop_if_interrupted(ckpt, command);
        }
        sum.min_iterations = res.iterations;
        sum.min_converged = res.converged;
        spdlog::info("minimize ({}): {} iterations, {} -> {:.6f} eV/atom, |F| = {:.3g} eV/Å, stop: {}",
                     to_string(mset.algorithm), res.iterations, res.initial_energy_eV / static_cast<double>(n),
                     res.energy_eV / static_cast<double>(n), res.force_norm_eV_per_A, res.stop_reason);
        if (!res.converged) spdlog::warn("minimization did not converge: {}", res.stop_reason);
    }
    const auto fr = force.compute(atoms);
    sum.glass_pe_per_atom_eV = fr.energy_eV / static_cast<double>(n);
    sum.glass_volume_per_atom_A3 = atoms.box.volume() / static_cast<double>(n);
    sum.glass_pressure_bar = pressure_bar(pressure_tensor_bar(fr.virial_eV, {}, atoms.box.volume()));
    write_lammps_data(out_dir / "glass.data", atoms, "stzkmc atom quench: minimized glass");
    sum.wall_s = std::chrono::duration<double>(Clock::now() - wall0).count();
    {
        AtomicFile f(out_dir / "summary.yaml");
        f.stream() << fmt::format(
            "atoms: {}\nmd_steps: {}\nquenched_pe_per_atom_eV: {:.10f}\nglass_pe_per_atom_eV: {:.10f}\n"
            "glass_volume_per_atom_A3: {:.8f}\nglass_density_atoms_per_A3: {:.8f}\nglass_virial_pressure_bar: {:.3f}\n"
            "minimize_iterations: {}\nminimize_converged: {}\nswaps_attempted: {}\nswaps_accepted: {}\nwall_s: {:.2f}\n",
            n, sum.md_steps, sum.quenched_pe_per_atom_eV, sum.glass_pe_per_atom_eV, sum.glass_volume_per_atom_A3,
            1.0 / sum.glass_volume_per_atom_A3, sum.glass_pressure_bar, sum.min_iterations,
            sum.min_converged ? "true" : "false", sum.swaps_attempted, sum.swaps_accepted, sum.wall_s);
        f.commit();
    }
    std::filesystem::remove(ckpt);
    spdlog::info("glass: {:.6f} eV/atom, {:.4f} Å^3/atom, written to {}", sum.glass_pe_per_atom_eV,
                 sum.glass_volume_per_atom_A3, (out_dir / "glass.data").string());
    return sum;
}

}  // namespace stz::atom
