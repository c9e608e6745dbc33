// Constant-strain-rate simple shear MD (paper 003) and its YAML job (shear_md.hpp).
#include "stz/atom/shear_md.hpp"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>

#include "atomistic/recipe_keys.hpp"
#include "src/config/yaml_reader.hpp"
#include "stz/atom/eam_force.hpp"
#include "stz/atom/eam_potential.hpp"
#include "stz/atom/lammps_data.hpp"
#include "stz/atom/thermo.hpp"
#include "stz/core/duration_text.hpp"
#include "stz/core/error.hpp"
#include "stz/core/interrupt.hpp"
#include "stz/core/sha256.hpp"
#include "stz/io/atomic_file.hpp"
#include "stz/io/state_file.hpp"

namespace stz::atom {

namespace {

using Clock = std::chrono::steady_clock;

/// Pressure-tensor index of the plane's component (xx, yy, zz, xy, xz, yz).
std::size_t tensor_index(const std::string& plane) {
    if (plane == "xy") return 3;
    if (plane == "xz") return 4;
    return 5;
}

bool all_velocities_zero(const Atoms& atoms) {
    return std::all_of(atoms.v.begin(), atoms.v.end(), [](const Vec3& v) { return v.x == 0 && v.y == 0 && v.z == 0; });
}

}  // namespace

// ------------------------------------------------------------------------- recipe

long ShearMdRecipe::steps() const {
    return static_cast<long>(std::llround(max_strain / (strain_rate_per_ps() * timestep_ps())));
}

long ShearMdRecipe::snapshot_every_steps() const {
    if (snapshot_every_strain <= 0) return 0;
    return std::max(1L, static_cast<long>(std::llround(snapshot_every_strain / (strain_rate_per_ps() * timestep_ps()))));
}

MdSettings ShearMdRecipe::settings() const {
    MdSettings s;
    s.timestep_ps = timestep_ps();
    s.thermostat = ThermostatSettings{temperature_K, temperature_K, thermostat_damp_ps, 3};
    s.deformation = DeformationSettings{plane, strain_rate_per_ps()};
    return s;
}

using detail::NumberRange;
using detail::YamlReader;

ShearMdRecipe parse_shear_md_recipe(const std::string& yaml_text, const std::filesystem::path& file,
                                    const std::optional<std::filesystem::path>& paths_from) {
    auto src = std::make_shared<detail::YamlSource>();
    src->name = file.string();
    const YAML::Node root = detail::load_mapping_document(
        yaml_text, src->name, "a mapping with input:, potential:, temperature_K:, strain_rate_per_s:, ...");
    ShearMdRecipe r;
    r.file = file;
    const auto folder = paths_from ? *paths_from : file.parent_path();
    YamlReader top(root, src, "", 1);

    r.input = recipe_keys::recipe_file(top, folder, "input", "a LAMMPS data file");
    r.potential = recipe_keys::recipe_file(top, folder, "potential",
                                      "an EAM potential file (e.g. /usr/share/lammps/potentials/CuZr_mm.eam.fs)");
    if (const auto names = recipe_keys::recipe_elements(top)) r.elements = *names;
    r.temperature_K = top.positive_double("temperature_K");
    r.strain_rate_per_s = top.positive_double("strain_rate_per_s");
    r.max_strain = top.optional_double("max_strain", r.max_strain, NumberRange::positive());
    const auto plane = top.optional_choice("plane", {"xy", "xz", "yz"});
    if (plane) r.plane = std::vector<std::string>{"xy", "xz", "yz"}[*plane];
    r.timestep_fs = top.optional_double("timestep_fs", r.timestep_fs, NumberRange::open(0, 100));
    r.thermostat_damp_ps = top.optional_double("thermostat_damp_ps", r.thermostat_damp_ps, NumberRange::positive());
    r.seed = top.optional_uint64("seed", r.seed, std::numeric_limits<std::uint64_t>::max());
    if (auto out = top.optional_section("output")) {
        r.thermo_every_steps =
            out->optional_int("thermo_every_steps", static_cast<int>(r.thermo_every_steps), NumberRange::at_least(1));
        r.snapshot_every_strain =
            out->optional_double("snapshot_every_strain", r.snapshot_every_strain, NumberRange::at_least(0));
        out->finish();
    }
    top.finish();
    // Cross-checks (after finish(), so a misspelt key is reported first).
    if (!std::isfinite(r.strain_rate_per_ps() * r.timestep_ps()) || r.strain_rate_per_ps() * r.timestep_ps() >= 0.01)
        top.fail("strain_rate_per_s", fmt::format("{} /s is a strain of {} per {} fs step; at most 0.01 per step is "
                                                  "accepted (1e7 /s, paper 003, is 2e-8 per 2 fs step)",
                                                  r.strain_rate_per_s, r.strain_rate_per_ps() * r.timestep_ps(),
                                                  r.timestep_fs));
    if (r.steps() < 1)
        top.fail("max_strain", fmt::format("{} is less than half a step's strain ({} at {} /s and {} fs)", r.max_strain,
                                           r.strain_rate_per_ps() * r.timestep_ps(), r.strain_rate_per_s,
                                           r.timestep_fs));
    return r;
}

ShearMdRecipe load_shear_md_recipe(const std::filesystem::path& file) {
    return parse_shear_md_recipe(detail::read_text_file(file, "shear-MD recipe"), file);
}

std::string ShearMdRecipe::to_yaml() const {
    YAML::Emitter e;
    e.SetDoublePrecision(17);
    e << YAML::BeginMap;
    recipe_keys::emit_sample_keys(e, input, potential, elements);
    e << YAML::Key << "temperature_K" << YAML::Value << temperature_K;
    e << YAML::Key << "strain_rate_per_s" << YAML::Value << strain_rate_per_s;
    e << YAML::Key << "max_strain" << YAML::Value << max_strain;
    e << YAML::Key << "plane" << YAML::Value << plane;
    e << YAML::Key << "timestep_fs" << YAML::Value << timestep_fs;
    e << YAML::Key << "thermostat_damp_ps" << YAML::Value << thermostat_damp_ps;
    e << YAML::Key << "seed" << YAML::Value << seed;
    e << YAML::Key << "output" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "thermo_every_steps" << YAML::Value << thermo_every_steps;
    e << YAML::Key << "snapshot_every_strain" << YAML::Value << snapshot_every_strain;
    e << YAML::EndMap;
    e << YAML::EndMap;
    return std::string(e.c_str()) + "\n";
}

// ------------------------------------------------------------------------- job

namespace {

constexpr const char* kShearKind = "atom-shear";
const DumpColumns kSnapshotColumns{true, false, true, {}};

}  // namespace

std::string shear_md_checkpoint_key(const ShearMdRecipe& r) { return sha256_hex(r.to_yaml()); }

ShearMdResult run_shear_md_job(const ShearMdRecipe& r, const std::filesystem::path& out_dir,
                               const CheckpointSettings& ck) {
    const MdSettings settings = r.settings();
    const long steps = r.steps();
    const long snap_every = r.snapshot_every_steps();
    STZ_REQUIRE(steps >= 1, r.file.string() << ": max_strain " << r.max_strain << " is less than one step's strain");
    const std::string key = shear_md_checkpoint_key(r);
    const std::filesystem::path ckpt = checkpoint_file(out_dir);
    const std::string command = resume_command("shear", out_dir);
    std::optional<StateReader> in;
    if (ck.resume) in.emplace(open_for_resume(out_dir, command, kShearKind, key, {"snapshots"}));
    std::filesystem::create_directories(out_dir / "snapshots");
    if (!in) {
        AtomicFile f(out_dir / "recipe.yaml");
        f.stream() << "# stzkmc atom shear-md; resolved recipe (every default filled in)\n" << r.to_yaml();
        f.commit();
    }
    auto pot = std::make_shared<const EamPotential>(EamPotential::read(r.potential));
    Atoms atoms = read_lammps_data(r.input);
    assign_elements(atoms, r.elements, pot->elements(), r.input.string());
    EamForce force(pot, EamForce::map_species(*pot, atoms.species));
    const bool created = all_velocities_zero(atoms);
    if (created) assign_velocities(atoms, r.temperature_K, r.seed);
    MdIntegrator md(force, settings);  // validates (plane, rates)

    // The curve is kept in memory (and in the checkpoints) and written at the end through a
    // temporary; the snapshot dump grows frame by frame and is cut back on resume.
    std::string curve = "step,time_ps,strain,shear_stress_GPa,pressure_GPa,temperature_K,pe_per_atom_eV\n";
    ShearMdResult res;
    res.steps = steps;
    long step0 = 0;
    std::unique_ptr<DumpWriter> dump;
    if (in) {
        step0 = static_cast<long>(in->get<std::int64_t>("shear first MD step"));
        const auto points = in->get<std::uint64_t>("shear curve points");
        STZ_REQUIRE(points <= static_cast<std::uint64_t>(steps) + 1, ckpt.string() << ": " << points << " curve points");
        for (std::uint64_t q = 0; q < points; ++q) {
            ShearMdPoint p;
            p.step = static_cast<long>(in->get<std::int64_t>("shear point step"));
            for (double* v : {&p.time_ps, &p.strain, &p.shear_stress_GPa, &p.pressure_GPa, &p.temperature_K,
                              &p.pe_per_atom_eV})
                *v = in->get<double>("shear point");
            res.curve.push_back(p);
        }
        const auto snaps = in->get<std::uint64_t>("shear snapshots");
        STZ_REQUIRE(snaps <= static_cast<std::uint64_t>(steps) + 1, ckpt.string() << ": " << snaps << " snapshots");
        for (std::uint64_t q = 0; q < snaps; ++q) res.snapshots.emplace_back(in->get_string("shear snapshot"));
        curve = in->get_string("stress_strain.csv rows");
        const auto dump_bytes = in->get<std::uint64_t>("snapshot dump bytes");
        get_atoms(*in, atoms);
        md.load_state(*in);
        force.load_state(*in);
        in->expect_end();
        in.reset();
        dump = std::make_unique<DumpWriter>(out_dir / "snapshots" / "snapshots.dump", kSnapshotColumns, dump_bytes);
        spdlog::info("shear MD: resuming {} at step {} of {}", out_dir.string(), md.step() - step0, steps);
    } else {
        dump = std::make_unique<DumpWriter>(out_dir / "snapshots" / "snapshots.dump", kSnapshotColumns);
        step0 = md.step();
        spdlog::info("shear MD: {} shear of {} atoms ({}) at {:g} /s, {} K, dt {} fs, to strain {} in {} steps; "
                     "velocities {}",
                     r.plane, atoms.size(), r.input.string(), r.strain_rate_per_s, r.temperature_K, r.timestep_fs,
                     r.max_strain, steps,
                     created ? fmt::format("created (seed {})", r.seed) : std::string("from the data file"));
    }

    const std::size_t comp = tensor_index(r.plane);
    const double n = static_cast<double>(atoms.size());
    const auto t0 = Clock::now();
    auto last_log = t0;
    const long k_start = md.step() - step0;
    const auto observer = [&](const MdSnapshot& s) {
        const long k = s.step - step0;
        const bool last = k == steps;
        if (k % r.thermo_every_steps == 0 || last) {
            ShearMdPoint p;
            p.step = k;
            p.time_ps = static_cast<double>(k) * r.timestep_ps();
            p.strain = md.run_strain();
            p.shear_stress_GPa = -s.pressure_tensor_bar[comp] * 1e-4;
            p.pressure_GPa = s.pressure_bar * 1e-4;
            p.temperature_K = s.temperature_K;
            p.pe_per_atom_eV = s.potential_eV / n;
            res.curve.push_back(p);
            curve += fmt::format("{},{:.10g},{:.10g},{:.10g},{:.10g},{:.10g},{:.12g}\n", p.step, p.time_ps, p.strain,
                                 p.shear_stress_GPa, p.pressure_GPa, p.temperature_K, p.pe_per_atom_eV);
            const auto now = Clock::now();
            if (k == 0 || last || std::chrono::duration<double>(now - last_log).count() >= 10.0) {
                last_log = now;
                const double elapsed = std::chrono::duration<double>(now - t0).count();
                const double rate = static_cast<double>(k - k_start) / std::max(elapsed, 1e-9);
                spdlog::info("shear MD step {:>9}/{}  strain {:.5f}  stress {:8.4f} GPa  P {:8.4f} GPa  T {:7.1f} K  "
                             "pe {:.6f} eV/atom  {:.1f} steps/s  ETA {}",
                             k, steps, p.strain, p.shear_stress_GPa, p.pressure_GPa, p.temperature_K, p.pe_per_atom_eV,
                             rate,
                             k > k_start ? duration_text(static_cast<double>(steps - k) / std::max(rate, 1e-9))
                                         : std::string("-"));
            }
        }
        if (k == 0 || last || (snap_every > 0 && k % snap_every == 0)) {
            const double strain = md.run_strain();
            const auto path = out_dir / "snapshots" / fmt::format("strain_{:.4f}.data", strain);
            write_lammps_data(path, atoms,
                              fmt::format("stzkmc atom shear-md: step {}, strain {:.10g}, {} K, {:g} /s", k, strain,
                                          r.temperature_K, r.strain_rate_per_s));
            dump->write(atoms, s.step);
            res.snapshots.push_back(path);
        }
    };
    CheckpointClock clock(ck.every_s);
    const auto after_step = [&](long) {
        if (!clock.due()) return;
        StateWriter w;
        w.put(static_cast<std::int64_t>(step0));
        w.put(static_cast<std::uint64_t>(res.curve.size()));
        for (const ShearMdPoint& p : res.curve) {
            w.put(static_cast<std::int64_t>(p.step));
            for (double v : {p.time_ps, p.strain, p.shear_stress_GPa, p.pressure_GPa, p.temperature_K, p.pe_per_atom_eV})
                w.put(v);
        }
        w.put(static_cast<std::uint64_t>(res.snapshots.size()));
        for (const auto& p : res.snapshots) w.put_string(p.string());
        w.put_string(curve);
        w.put(dump->bytes());
        put_atoms(w, atoms);
        md.save_state(w);
        force.save_state(w);
        write_state_file(ckpt, kShearKind, key, w);
        clock.written();
        stop_if_interrupted(ckpt, command);
    };
    // The observer sees every step whose number divides both intervals' gcd, the first and the last.
    const long every = snap_every > 0 ? std::gcd(r.thermo_every_steps, snap_every) : r.thermo_every_steps;
    try {
        if (ck.resume)
            md.continue_run(atoms, steps, observer, every, after_step);
        else
            md.run(atoms, steps, observer, every, after_step);
    } catch (const Interrupted&) {
        throw;
    } catch (const Error& e) {
        throw Error(r.file.string() + ": shear MD: " + e.what());
    }
    write_file_atomic(out_dir / "stress_strain.csv", curve);
    std::filesystem::remove(ckpt);
    res.wall_s = std::chrono::duration<double>(Clock::now() - t0).count();
    const ShearMdPoint& end = res.curve.back();
    spdlog::info("shear MD done: {} steps, strain {:.5f}, stress {:.4f} GPa, T {:.1f} K, {} snapshots, {}", steps,
                 end.strain, end.shear_stress_GPa, end.temperature_K, res.snapshots.size(), duration_text(res.wall_s));
    return res;
}

}  // namespace stz::atom
