// Athermal quasistatic simple shear (paper 001, MODEL.md §8) and its YAML job.
#include "stz/atom/aqs.hpp"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cmath>
#include <memory>
#include <optional>

#include "atomistic/recipe_keys.hpp"
#include "src/config/yaml_reader.hpp"
#include "stz/atom/eam_potential.hpp"
#include "stz/atom/lammps_data.hpp"
#include "stz/atom/units.hpp"
#include "stz/core/duration_text.hpp"
#include "stz/core/error.hpp"
#include "stz/core/interrupt.hpp"
#include "stz/core/sha256.hpp"
#include "stz/io/atomic_file.hpp"
#include "stz/io/state_file.hpp"

namespace stz::atom {

namespace {

using Clock = std::chrono::steady_clock;

/// Virial index of the plane's component (xx, yy, zz, xy, xz, yz).
std::size_t virial_index(const std::string& plane) {
    if (plane == "xy") return 3;
    if (plane == "xz") return 4;
    return 5;
}

/// The tilt the plane changes, its reference height (ly or lz) and its flip limit (lx/2 or ly/2).
double& tilt_of(Box& b, const std::string& plane) { return plane == "xy" ? b.xy : (plane == "xz" ? b.xz : b.yz); }
double height_of(const Box& b, const std::string& plane) { return plane == "xy" ? b.ly : b.lz; }
double flip_limit(const Box& b, const std::string& plane) { return plane == "yz" ? 0.5 * b.ly : 0.5 * b.lx; }

/// Sets the plane's tilt to `tilt`, mapping the atoms affinely (fractional coordinates fixed).
void shear_to(Atoms& atoms, const std::string& plane, double tilt) {
    const Box old = atoms.box;
    Box& box = atoms.box;
    tilt_of(box, plane) = tilt;
    for (auto& r : atoms.x) r = box.from_fractional(old.to_fractional(r));
}

AqsPoint measure(std::size_t step, double strain, const ForceResult& fr, const Atoms& atoms, std::size_t component,
                 const MinimizeResult& mr) {
    const double V = atoms.box.volume();
    AqsPoint p;
    p.step = step;
    p.strain = strain;
    p.shear_stress_GPa = -fr.virial_eV[component] / V * units::kGPaPerEvPerA3;
    p.pressure_GPa = (fr.virial_eV[0] + fr.virial_eV[1] + fr.virial_eV[2]) / (3.0 * V) * units::kGPaPerEvPerA3;
    p.energy_per_atom_eV = fr.energy_eV / static_cast<double>(atoms.size());
    p.min_iterations = mr.iterations;
    p.min_converged = mr.converged;
    return p;
}

}  // namespace

MinimizeSettings default_aqs_minimizer() {
    MinimizeSettings m;
    m.algorithm = MinAlgorithm::cg;
    m.energy_tol = 0.0;
    m.force_tol_eV_per_A = 1e-6;
    m.max_iterations = 100000;
    m.max_evaluations = 1000000;
    m.box = BoxRelax::none;
    return m;
}

void validate(const AqsSettings& s) {
    STZ_REQUIRE(std::isfinite(s.strain_step) && s.strain_step > 0,
                "AQS setting strain_step must be a positive number, got " << s.strain_step);
    STZ_REQUIRE(std::isfinite(s.max_strain) && s.max_strain > 0,
                "AQS setting max_strain must be a positive number, got " << s.max_strain);
    STZ_REQUIRE(s.max_strain >= s.strain_step, "AQS setting max_strain (" << s.max_strain
                                                   << ") must be at least strain_step (" << s.strain_step << ")");
    STZ_REQUIRE(s.plane == "xy" || s.plane == "xz" || s.plane == "yz",
                "AQS setting plane must be \"xy\", \"xz\" or \"yz\", got \"" << s.plane << "\"");
    STZ_REQUIRE(std::isfinite(s.drop_threshold_GPa) && s.drop_threshold_GPa >= 0,
                "AQS setting drop_threshold_GPa must be >= 0, got " << s.drop_threshold_GPa);
    STZ_REQUIRE(s.minimizer.box == BoxRelax::none,
                "AQS setting minimizer.box must be none (AQS minimizes at fixed box), got " << to_string(s.minimizer.box));
    validate(s.minimizer);
}

AqsResult run_aqs(Atoms& atoms, EamForce& force, const AqsSettings& s, const AqsCallbacks& cb,
                  const AqsProgress* resume) {
    validate(s);
    atoms.validate("AQS start");
    const std::size_t component = virial_index(s.plane);
    const double threshold = s.drop_threshold_GPa > 0 ? s.drop_threshold_GPa : kAqsDropNoiseFloorGPa;
    const auto steps = static_cast<std::size_t>(std::llround(s.max_strain / s.strain_step));
    const double tilt0 = resume ? resume->tilt0 : tilt_of(atoms.box, s.plane);
    const double height = resume ? resume->height : height_of(atoms.box, s.plane);
    {
        const double final_tilt = tilt0 + static_cast<double>(steps) * s.strain_step * height;
        STZ_REQUIRE(std::fabs(final_tilt) <= flip_limit(atoms.box, s.plane) * (1 + 1e-12),
                    "AQS: shearing plane " << s.plane << " to strain " << static_cast<double>(steps) * s.strain_step
                                           << " takes the tilt to " << final_tilt << " Å, beyond half the box edge ("
                                           << flip_limit(atoms.box, s.plane)
                                           << " Å); that needs a box flip, which is not implemented");
    }

    AqsProgress progress;
    progress.tilt0 = tilt0;
    progress.height = height;
    if (resume) {
        STZ_REQUIRE(resume->steps_done <= steps && resume->result.curve.size() == resume->steps_done + 1,
                    "AQS: resume after step " << resume->steps_done << " with " << resume->result.curve.size()
                                              << " points, of " << steps << " steps");
        progress = *resume;
    }
    AqsResult& result = progress.result;
    result.curve.reserve(steps + 1);
    MinimizeSettings first_min = s.minimizer;
    first_min.stop_requested = nullptr;  // step 0 has no earlier minimum to go back to
    bool stopped = false;
    auto minimize_and_measure = [&](std::size_t step, double strain) {
        force.invalidate();  // the box changed: neighbour images must be rebuilt
        const MinimizeResult mr = minimize(atoms, force, step == 0 ? first_min : s.minimizer);
        if (mr.stop_reason == kMinimizeStopped) {
            stopped = true;
            return AqsPoint{};
        }
        if (!mr.converged) {
            ++result.unconverged_minimizations;
            spdlog::warn("AQS step {} (strain {:.6g}): minimization stopped by {} after {} iterations (|F| {:.3g} eV/Å)",
                         step, strain, mr.stop_reason, mr.iterations, mr.force_norm_eV_per_A);
        }
        const ForceResult fr = force.compute(atoms);
        AqsPoint p = measure(step, strain, fr, atoms, component, mr);
        result.curve.push_back(p);
        if (cb.on_point) cb.on_point(p);
        return p;
    };

    AqsPoint prev_point = resume ? result.curve.back() : minimize_and_measure(0, 0.0);
    Atoms prev = atoms;  // the last minimum
    if (!resume && cb.on_step_end) cb.on_step_end(progress, atoms, false);
    for (std::size_t k = progress.steps_done + 1; k <= steps; ++k) {
        const double strain = static_cast<double>(k) * s.strain_step;
        shear_to(atoms, s.plane, progress.tilt0 + strain * progress.height);
        const AqsPoint p = minimize_and_measure(k, strain);
        if (stopped) {
            atoms = prev;
            if (cb.on_step_end) cb.on_step_end(progress, atoms, true);
            throw Error("AQS: stopped on request at step " + std::to_string(k));
        }
        if (p.shear_stress_GPa < prev_point.shear_stress_GPa - threshold) {
            const AqsDrop d{k, strain, prev_point.shear_stress_GPa, p.shear_stress_GPa};
            result.drops.push_back(d);
            if (cb.on_drop) cb.on_drop(d, prev, atoms);
        }
        prev = atoms;
        prev_point = p;
        progress.steps_done = k;
        if (cb.on_step_end) cb.on_step_end(progress, atoms, false);
    }
    return result;
}

// ------------------------------------------------------------------------- recipe

using detail::NumberRange;
using detail::YamlReader;

AqsSettings AqsRecipe::settings() const {
    AqsSettings s;
    s.strain_step = strain_step;
    s.max_strain = max_strain;
    s.plane = plane;
    s.minimizer.force_tol_eV_per_A = force_tol_eV_per_A;
    s.drop_threshold_GPa = drop_threshold_GPa;
    return s;
}

AqsRecipe parse_aqs_recipe(const std::string& yaml_text, const std::filesystem::path& file,
                           const std::optional<std::filesystem::path>& paths_from) {
    auto src = std::make_shared<detail::YamlSource>();
    src->name = file.string();
    const YAML::Node root = detail::load_mapping_document(yaml_text, src->name,
                                                          "a mapping with input:, potential:, strain_step:, ...");
    AqsRecipe r;
    r.file = file;
    const auto folder = paths_from ? *paths_from : file.parent_path();
    YamlReader top(root, src, "", 1);

    r.input = recipe_keys::recipe_file(top, folder, "input", "a LAMMPS data file");
    r.potential = recipe_keys::recipe_file(top, folder, "potential",
                                      "an EAM potential file (e.g. /usr/share/lammps/potentials/CuZr_mm.eam.fs)");
    if (const auto names = recipe_keys::recipe_elements(top)) r.elements = *names;
    r.strain_step = top.optional_double("strain_step", r.strain_step, NumberRange::open(0, 0.5));
    r.max_strain = top.optional_double("max_strain", r.max_strain, NumberRange::positive());
    const auto plane = top.optional_choice("plane", {"xy", "xz", "yz"});
    if (plane) r.plane = std::vector<std::string>{"xy", "xz", "yz"}[*plane];
    r.force_tol_eV_per_A = top.optional_double("force_tol_eV_per_A", r.force_tol_eV_per_A, NumberRange::positive());
    r.drop_threshold_GPa = top.optional_double("drop_threshold_GPa", r.drop_threshold_GPa, NumberRange::at_least(0));
    if (auto out = top.optional_section("output")) {
        r.thermo_every_steps =
            out->optional_int("thermo_every_steps", static_cast<int>(r.thermo_every_steps), NumberRange::at_least(1));
        out->finish();
    }
    top.finish();
    if (r.max_strain < r.strain_step)
        top.fail("max_strain", fmt::format("must be at least strain_step ({}), got {}", r.strain_step, r.max_strain));
    return r;
}

AqsRecipe load_aqs_recipe(const std::filesystem::path& file) {
    return parse_aqs_recipe(detail::read_text_file(file, "AQS recipe"), file);
}

std::string AqsRecipe::to_yaml() const {
    YAML::Emitter e;
    e.SetDoublePrecision(17);
    e << YAML::BeginMap;
    recipe_keys::emit_sample_keys(e, input, potential, elements);
    e << YAML::Key << "strain_step" << YAML::Value << strain_step;
    e << YAML::Key << "max_strain" << YAML::Value << max_strain;
    e << YAML::Key << "plane" << YAML::Value << plane;
    e << YAML::Key << "force_tol_eV_per_A" << YAML::Value << force_tol_eV_per_A;
    e << YAML::Key << "drop_threshold_GPa" << YAML::Value << drop_threshold_GPa;
    e << YAML::Key << "output" << YAML::Value << YAML::BeginMap << YAML::Key << "thermo_every_steps" << YAML::Value
      << thermo_every_steps << YAML::EndMap;
    e << YAML::EndMap;
    return std::string(e.c_str()) + "\n";
}

namespace {

constexpr const char* kAqsKind = "atom-aqs";

void put_point(StateWriter& w, const AqsPoint& p) {
    w.put(static_cast<std::uint64_t>(p.step));
    w.put(p.strain);
    w.put(p.shear_stress_GPa);
    w.put(p.pressure_GPa);
    w.put(p.energy_per_atom_eV);
    w.put(static_cast<std::int64_t>(p.min_iterations));
    w.put<std::uint8_t>(p.min_converged ? 1 : 0);
}

AqsPoint get_point(StateReader& r) {
    AqsPoint p;
    p.step = static_cast<std::size_t>(r.get<std::uint64_t>("AQS point step"));
    p.strain = r.get<double>("AQS point strain");
    p.shear_stress_GPa = r.get<double>("AQS point stress");
    p.pressure_GPa = r.get<double>("AQS point pressure");
    p.energy_per_atom_eV = r.get<double>("AQS point energy");
    p.min_iterations = static_cast<long>(r.get<std::int64_t>("AQS point iterations"));
    p.min_converged = r.get<std::uint8_t>("AQS point converged") != 0;
    return p;
}

}  // namespace

std::string aqs_checkpoint_key(const AqsRecipe& r) { return sha256_hex(r.to_yaml()); }

AqsResult run_aqs_job(const AqsRecipe& r, const std::filesystem::path& out_dir, const CheckpointSettings& ck) {
    AqsSettings settings = r.settings();
    validate(settings);
    const std::string key = aqs_checkpoint_key(r);
    const std::filesystem::path ckpt = checkpoint_file(out_dir);
    const std::string command = resume_command("aqs", out_dir);
    std::optional<StateReader> in;
    if (ck.resume) in.emplace(open_for_resume(out_dir, command, kAqsKind, key, {"drops"}));
    std::filesystem::create_directories(out_dir / "drops");
    if (!in) {
        AtomicFile f(out_dir / "recipe.yaml");
        f.stream() << "# stzkmc atom aqs; resolved recipe (every default filled in)\n" << r.to_yaml();
        f.commit();
    }
    auto pot = std::make_shared<const EamPotential>(EamPotential::read(r.potential));
    Atoms atoms = read_lammps_data(r.input);
    assign_elements(atoms, r.elements, pot->elements(), r.input.string());
    EamForce force(pot, EamForce::map_species(*pot, atoms.species));

    // The CSV files are kept in memory (and in the checkpoints) and written at the end
    // through temporaries, so a killed run never leaves a truncated table.
    std::string curve = "strain,shear_stress_GPa,pressure_GPa,pe_per_atom_eV,min_iterations\n";
    std::string drops = "step,strain,stress_before_GPa,stress_after_GPa,drop_GPa\n";
    std::optional<AqsProgress> resume;
    if (in) {
        AqsProgress& p = resume.emplace();
        p.steps_done = static_cast<std::size_t>(in->get<std::uint64_t>("AQS steps done"));
        p.tilt0 = in->get<double>("AQS initial tilt");
        p.height = in->get<double>("AQS height");
        const auto points = in->get<std::uint64_t>("AQS points");
        STZ_REQUIRE(points == p.steps_done + 1, ckpt.string() << ": " << points << " points after step " << p.steps_done);
        for (std::uint64_t k = 0; k < points; ++k) p.result.curve.push_back(get_point(*in));
        const auto ndrops = in->get<std::uint64_t>("AQS drops");
        STZ_REQUIRE(ndrops <= points, ckpt.string() << ": " << ndrops << " drops in " << points << " points");
        for (std::uint64_t k = 0; k < ndrops; ++k) {
            AqsDrop d;
            d.step = static_cast<std::size_t>(in->get<std::uint64_t>("AQS drop step"));
            d.strain = in->get<double>("AQS drop strain");
            d.stress_before_GPa = in->get<double>("AQS drop stress before");
            d.stress_after_GPa = in->get<double>("AQS drop stress after");
            p.result.drops.push_back(d);
        }
        p.result.unconverged_minimizations = static_cast<long>(in->get<std::int64_t>("AQS unconverged"));
        curve = in->get_string("stress_strain.csv rows");
        drops = in->get_string("drops.csv rows");
        get_atoms(*in, atoms);
        in->expect_end();
        in.reset();
        spdlog::info("AQS: resuming {} after step {}", out_dir.string(), p.steps_done);
    }

    const auto steps = static_cast<std::size_t>(std::llround(r.max_strain / r.strain_step));
    spdlog::info("AQS {} shear of {} atoms ({}) to strain {} in {} steps of {}", r.plane, atoms.size(),
                 r.input.string(), r.max_strain, steps, r.strain_step);
    const auto t0 = Clock::now();
    std::size_t drop_count = resume ? resume->result.drops.size() : 0;
    CheckpointClock clock(ck.every_s);
    settings.minimizer.stop_requested = [] { return interrupt_signal() != 0; };
    AqsCallbacks cb;
    cb.on_point = [&](const AqsPoint& p) {
        curve += fmt::format("{:.10g},{:.10g},{:.10g},{:.12g},{}\n", p.strain, p.shear_stress_GPa, p.pressure_GPa,
                             p.energy_per_atom_eV, p.min_iterations);
        if (p.step % static_cast<std::size_t>(r.thermo_every_steps) == 0 || p.step == steps) {
            const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
            const double rate = static_cast<double>(p.step) / std::max(elapsed, 1e-9);
            spdlog::info("AQS step {:>7}/{}  strain {:.5f}  stress {:8.4f} GPa  P {:8.4f} GPa  pe {:.6f} eV/atom  "
                         "drops {}  {:.2f} steps/s  ETA {}",
                         p.step, steps, p.strain, p.shear_stress_GPa, p.pressure_GPa, p.energy_per_atom_eV,
                         drop_count, rate,
                         p.step > 0 ? duration_text(static_cast<double>(steps - p.step) / std::max(rate, 1e-9))
                                    : std::string("-"));
        }
    };
    cb.on_drop = [&](const AqsDrop& d, const Atoms& before, const Atoms& after) {
        const std::size_t k = drop_count++;
        drops += fmt::format("{},{:.10g},{:.10g},{:.10g},{:.10g}\n", d.step, d.strain, d.stress_before_GPa,
                             d.stress_after_GPa, d.stress_before_GPa - d.stress_after_GPa);
        write_lammps_data(out_dir / "drops" / fmt::format("drop_{}_before.data", k), before,
                          fmt::format("stzkmc atom aqs: minimum before drop {} (step {}, strain {:.10g})", k, d.step - 1,
                                      d.strain - r.strain_step));
        write_lammps_data(out_dir / "drops" / fmt::format("drop_{}_after.data", k), after,
                          fmt::format("stzkmc atom aqs: minimum after drop {} (step {}, strain {:.10g})", k, d.step,
                                      d.strain));
    };
    cb.on_step_end = [&](const AqsProgress& p, const Atoms& minimum, bool stopped) {
        if (!stopped && !clock.due()) return;
        StateWriter w;
        w.put(static_cast<std::uint64_t>(p.steps_done));
        w.put(p.tilt0);
        w.put(p.height);
        w.put(static_cast<std::uint64_t>(p.result.curve.size()));
        for (const AqsPoint& q : p.result.curve) put_point(w, q);
        w.put(static_cast<std::uint64_t>(p.result.drops.size()));
        for (const AqsDrop& d : p.result.drops) {
            w.put(static_cast<std::uint64_t>(d.step));
            w.put(d.strain);
            w.put(d.stress_before_GPa);
            w.put(d.stress_after_GPa);
        }
        w.put(static_cast<std::int64_t>(p.result.unconverged_minimizations));
        w.put_string(curve);
        w.put_string(drops);
        put_atoms(w, minimum);
        write_state_file(ckpt, kAqsKind, key, w);
        clock.written();
        stop_if_interrupted(ckpt, command);
    };
    AqsResult res = run_aqs(atoms, force, settings, cb, resume ? &*resume : nullptr);
    write_file_atomic(out_dir / "stress_strain.csv", curve);
    write_file_atomic(out_dir / "drops.csv", drops);
    std::filesystem::remove(ckpt);
    spdlog::info("AQS done: {} points, {} stress drops, {} unconverged minimizations, {}", res.curve.size(),
                 res.drops.size(), res.unconverged_minimizations,
                 duration_text(std::chrono::duration<double>(Clock::now() - t0).count()));
    return res;
}

}  // namespace stz::atom
