// Many ART searches on one sample: recipe, parallel searches, duplicates, tables
// (art_campaign.hpp).
#include "stz/atom/art_campaign.hpp"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <limits>
#include <unordered_map>

#include "atomistic/recipe_keys.hpp"
#include "src/config/yaml_reader.hpp"
#include "stz/atom/atomic_strain.hpp"
#include "stz/atom/eam_force.hpp"
#include "stz/atom/lammps_data.hpp"
#include "stz/atom/minimize.hpp"
#include "stz/core/error.hpp"
#include "stz/core/random.hpp"
#include "stz/io/atomic_file.hpp"
#include "stz/io/csv_table.hpp"
#include "stz/io/state_file.hpp"

namespace stz::atom {

using detail::NumberRange;
using detail::YamlReader;

// ------------------------------------------------------------------------- recipe

namespace {

std::optional<std::string> read_label(YamlReader& r, const std::string& key, const std::string& expected) {
    return r.optional_converted(key, expected, [](const YAML::Node& n) -> std::optional<std::string> {
        auto t = detail::scalar_text(n);
        if (!t || t->empty() || t->find_first_of(",\n\r\"") != std::string::npos) return std::nullopt;
        return t;
    });
}

}  // namespace

ArtRecipe parse_art_recipe(const std::string& yaml_text, const std::filesystem::path& file,
                           const std::optional<std::filesystem::path>& paths_from) {
    auto src = std::make_shared<detail::YamlSource>();
    src->name = file.string();
    const YAML::Node root =
        detail::load_mapping_document(yaml_text, src->name, "a mapping with input:, potential:, searches:, ...");
    ArtRecipe r;
    r.file = file;
    const auto folder = paths_from ? *paths_from : file.parent_path();
    YamlReader top(root, src, "", 1);
    r.input = recipe_keys::recipe_file(top, folder, "input", "a LAMMPS data file (a minimized sample)");
    r.potential = recipe_keys::recipe_file(top, folder, "potential",
                                           "an EAM potential file (e.g. /usr/share/lammps/potentials/CuZr_mm.eam.fs)");
    if (const auto names = recipe_keys::recipe_elements(top)) r.elements = *names;
    if (top.has("reference"))
        r.reference = recipe_keys::recipe_file(top, folder, "reference", "a LAMMPS data file with the same atoms");
    r.sample = read_label(top, "sample", "a label without commas or quotes").value_or(r.input.stem().string());
    if (top.has("cooling_rate_K_per_s"))
        r.cooling_rate_K_per_s = top.required_double("cooling_rate_K_per_s", NumberRange::positive());
    if (top.has("fictive_T_K")) r.fictive_T_K = top.required_double("fictive_T_K", NumberRange::positive());
    r.searches = top.optional_int("searches", static_cast<int>(r.searches), NumberRange::at_least(1));
    r.seed = top.optional_uint64("seed", r.seed, std::numeric_limits<std::uint64_t>::max());
    r.center_element = read_label(top, "center_element", "an element name").value_or("");
    r.strain_cutoff_A = top.optional_double("strain_cutoff_A", r.strain_cutoff_A, NumberRange::positive());
    r.minimize_force_tol_eV_per_A =
        top.optional_double("minimize_force_tol_eV_per_A", r.minimize_force_tol_eV_per_A, NumberRange::positive());
    if (auto a = top.optional_section("art")) {
        ArtSettings& s = r.art;
        s.initial_displacement = a->optional_double("initial_displacement_A", s.initial_displacement, NumberRange::positive());
        r.kick_radius_A = a->optional_double("kick_radius_A", r.kick_radius_A, NumberRange::positive());
        r.region.active_radius_A = a->optional_double("active_radius_A", r.region.active_radius_A, NumberRange::positive());
        r.region.margin_A = a->optional_double("margin_A", r.region.margin_A, NumberRange::positive());
        s.eigenvalue_threshold = a->optional_double("eigenvalue_threshold_eV_per_A2", s.eigenvalue_threshold,
                                                    NumberRange::open(-1e6, 0));
        s.push_step = a->optional_double("push_step_A", s.push_step, NumberRange::positive());
        s.max_step = a->optional_double("max_step_A", s.max_step, NumberRange::positive());
        s.perp_relax_steps = a->optional_int("perp_relax_steps", s.perp_relax_steps, NumberRange::at_least(0));
        s.force_tol = a->optional_double("force_tol_eV_per_A", s.force_tol, NumberRange::positive());
        s.max_iterations = a->optional_int("max_iterations", s.max_iterations, NumberRange::at_least(1));
        s.max_activation_steps =
            a->optional_int("max_activation_steps", s.max_activation_steps, NumberRange::at_least(1));
        s.min_force_tol = a->optional_double("min_force_tol_eV_per_A", s.min_force_tol, NumberRange::at_least(0));
        s.lanczos_tol = a->optional_double("lanczos_tol", s.lanczos_tol, NumberRange::at_least(0));
        s.lanczos_size = a->optional_int("lanczos_size", s.lanczos_size, NumberRange::at_least(2));
        s.push_over = a->optional_double("push_over_A", s.push_over, NumberRange::positive());
        s.connect_distance = a->optional_double("connect_distance_A", s.connect_distance, NumberRange::positive());
        a->finish();
    }
    if (auto d = top.optional_section("duplicates")) {
        r.duplicate_barrier_tol_eV = d->optional_double("barrier_tol_eV", r.duplicate_barrier_tol_eV, NumberRange::positive());
        r.duplicate_displacement_tol_A =
            d->optional_double("displacement_tol_A", r.duplicate_displacement_tol_A, NumberRange::positive());
        d->finish();
    }
    top.finish();
    try {
        r.art.validate();
    } catch (const Error& e) {
        top.fail("art", e.what());
    }
    if (r.kick_radius_A >= r.region.active_radius_A)
        top.fail("art", fmt::format("kick_radius_A ({} Å) must be smaller than active_radius_A ({} Å): every kicked "
                                    "atom must be free to move",
                                    r.kick_radius_A, r.region.active_radius_A));
    return r;
}

ArtRecipe load_art_recipe(const std::filesystem::path& file) {
    return parse_art_recipe(detail::read_text_file(file, "ART recipe"), file);
}

std::string ArtRecipe::to_yaml() const {
    YAML::Emitter e;
    e.SetDoublePrecision(17);
    e << YAML::BeginMap;
    recipe_keys::emit_sample_keys(e, input, potential, elements);
    if (reference) e << YAML::Key << "reference" << YAML::Value << reference->string();
    e << YAML::Key << "sample" << YAML::Value << sample;
    if (cooling_rate_K_per_s) e << YAML::Key << "cooling_rate_K_per_s" << YAML::Value << *cooling_rate_K_per_s;
    if (fictive_T_K) e << YAML::Key << "fictive_T_K" << YAML::Value << *fictive_T_K;
    e << YAML::Key << "searches" << YAML::Value << searches;
    e << YAML::Key << "seed" << YAML::Value << seed;
    if (!center_element.empty()) e << YAML::Key << "center_element" << YAML::Value << center_element;
    e << YAML::Key << "strain_cutoff_A" << YAML::Value << strain_cutoff_A;
    e << YAML::Key << "minimize_force_tol_eV_per_A" << YAML::Value << minimize_force_tol_eV_per_A;
    e << YAML::Key << "art" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "initial_displacement_A" << YAML::Value << art.initial_displacement;
    e << YAML::Key << "kick_radius_A" << YAML::Value << kick_radius_A;
    e << YAML::Key << "active_radius_A" << YAML::Value << region.active_radius_A;
    e << YAML::Key << "margin_A" << YAML::Value << region.margin_A;
    e << YAML::Key << "eigenvalue_threshold_eV_per_A2" << YAML::Value << art.eigenvalue_threshold;
    e << YAML::Key << "push_step_A" << YAML::Value << art.push_step;
    e << YAML::Key << "max_step_A" << YAML::Value << art.max_step;
    e << YAML::Key << "perp_relax_steps" << YAML::Value << art.perp_relax_steps;
    e << YAML::Key << "force_tol_eV_per_A" << YAML::Value << art.force_tol;
    e << YAML::Key << "max_iterations" << YAML::Value << art.max_iterations;
    e << YAML::Key << "max_activation_steps" << YAML::Value << art.max_activation_steps;
    e << YAML::Key << "min_force_tol_eV_per_A" << YAML::Value << art.min_force_tol;
    e << YAML::Key << "lanczos_tol" << YAML::Value << art.lanczos_tol;
    e << YAML::Key << "lanczos_size" << YAML::Value << art.lanczos_size;
    e << YAML::Key << "push_over_A" << YAML::Value << art.push_over;
    e << YAML::Key << "connect_distance_A" << YAML::Value << art.connect_distance;
    e << YAML::EndMap;
    e << YAML::Key << "duplicates" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "barrier_tol_eV" << YAML::Value << duplicate_barrier_tol_eV;
    e << YAML::Key << "displacement_tol_A" << YAML::Value << duplicate_displacement_tol_A;
    e << YAML::EndMap;
    e << YAML::EndMap;
    return std::string(e.c_str()) + "\n";
}

// ------------------------------------------------------------------------- sample

ArtSample prepare_art_sample(const ArtRecipe& r) {
    ArtSample s;
    s.potential = std::make_shared<const EamPotential>(EamPotential::read(r.potential));
    s.atoms = read_lammps_data(r.input);
    assign_elements(s.atoms, r.elements, s.potential->elements(), r.input.string());
    s.type_element = EamForce::map_species(*s.potential, s.atoms.species);
    EamForce force(s.potential, s.type_element);
    force.compute(s.atoms);
    for (const Vec3& f : s.atoms.f) s.initial_max_force_eV_per_A = std::max(s.initial_max_force_eV_per_A, norm(f));
    MinimizeSettings ms;
    ms.force_tol_eV_per_A = r.minimize_force_tol_eV_per_A;
    const MinimizeResult m = minimize(s.atoms, force, ms);
    STZ_REQUIRE(m.force_norm_eV_per_A <= r.art.initial_force_tol,
                r.input.string() << ": CG minimization stopped (" << m.stop_reason << ") at |F| = "
                                 << m.force_norm_eV_per_A << " eV/Å, above ART's start tolerance "
                                 << r.art.initial_force_tol);
    s.energy_eV = m.energy_eV;
    spdlog::info("ART sample {}: {} atoms, minimized from max |f| {:.3g} to |F| {:.3g} eV/Å in {} CG iterations, "
                 "E = {:.6f} eV/atom",
                 r.input.string(), s.atoms.size(), s.initial_max_force_eV_per_A, m.force_norm_eV_per_A, m.iterations,
                 s.energy_eV / static_cast<double>(s.atoms.size()));

    s.local_vm_strain.assign(s.atoms.size(), 0.0);
    if (r.reference) {
        Atoms ref = read_lammps_data(*r.reference);
        AtomicStrainSettings as;
        as.cutoff_A = r.strain_cutoff_A;
        const AtomicStrain strain = atomic_strain(ref, s.atoms, as);
        std::unordered_map<std::int64_t, std::size_t> local;
        for (std::size_t i = 0; i < s.atoms.size(); ++i) local[s.atoms.id[i]] = i;
        double mean = 0;
        for (std::size_t i = 0; i < ref.size(); ++i) {
            s.local_vm_strain[local.at(ref.id[i])] = strain.shear[i];
            mean += strain.shear[i];
        }
        spdlog::info("local von Mises strain against {} (cutoff {} Å): mean {:.4f}, {} invalid atoms",
                     r.reference->string(), r.strain_cutoff_A, mean / static_cast<double>(ref.size()),
                     strain.invalid_count);
    }

    std::vector<std::size_t> candidates;
    int center_type = -1;
    if (!r.center_element.empty()) {
        for (std::size_t t = 0; t < s.atoms.species.size(); ++t)
            if (s.atoms.species[t].element == r.center_element) center_type = static_cast<int>(t);
        STZ_REQUIRE(center_type >= 0, r.file.string() << ": center_element " << r.center_element
                                                      << " is not an element of the sample");
    }
    for (std::size_t i = 0; i < s.atoms.size(); ++i)
        if (center_type < 0 || s.atoms.type[i] == center_type) candidates.push_back(i);
    STZ_REQUIRE(!candidates.empty(), r.file.string() << ": no atom to centre a search on");
    for (long k = 0; k < r.searches; ++k) {
        CounterRng rng(r.seed, RngStream::atom_art, static_cast<std::uint64_t>(k));
        const auto pick = static_cast<std::size_t>(rng.uniform() * static_cast<double>(candidates.size()));
        s.centers.push_back(candidates[std::min(pick, candidates.size() - 1)]);
    }
    s.local = r.region.fits(s.atoms.box, s.potential->cutoff_A());
    return s;
}

// ------------------------------------------------------------------------- searches

std::vector<ArtSearchRecord> run_art_searches(const ArtSample& sample, const ArtRecipe& recipe,
                                              const std::vector<long>& indices, int threads,
                                              const std::function<void(std::size_t, std::size_t)>& progress,
                                              const std::function<void(const ArtSearchRecord&)>& on_record,
                                              const std::function<bool()>& stop_requested) {
    STZ_REQUIRE(threads >= 1, "ART: threads must be >= 1, got " << threads);
    std::vector<ArtSearchRecord> out(indices.size());
    std::vector<std::string> errors(indices.size());
    std::size_t done = 0;
    const auto n = static_cast<long>(indices.size());
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
    for (long q = 0; q < n; ++q) {
        const auto qi = static_cast<std::size_t>(q);
        const long k = indices[qi];
        if (stop_requested && stop_requested()) {
            out[qi].search = -1;
            continue;
        }
        try {
            STZ_REQUIRE(k >= 0 && k < static_cast<long>(sample.centers.size()), "ART: search " << k << " out of range");
            const auto t0 = std::chrono::steady_clock::now();
            ArtSearchRecord& rec = out[qi];
            rec.search = k;
            const std::size_t c = sample.centers[static_cast<std::size_t>(k)];
            rec.event = search_event_local(sample.atoms, sample.energy_eV, sample.potential, sample.type_element, c,
                                           recipe.art, recipe.region, recipe.kick_radius_A, recipe.seed,
                                           static_cast<std::uint64_t>(k), &rec.cost);
            rec.local_vm_strain = sample.local_vm_strain[c];
            rec.element = sample.atoms.species[static_cast<std::size_t>(sample.atoms.type[c])].element;
            rec.max_displaced_id = static_cast<long>(sample.atoms.id[rec.event.max_displaced]);
            rec.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        } catch (const std::exception& e) {
            errors[qi] = e.what();
        }
#pragma omp critical(stz_art_progress)
        {
            ++done;
            if (progress) progress(done, indices.size());
            if (on_record && errors[qi].empty()) on_record(out[qi]);
        }
    }
    for (const std::string& e : errors)
        if (!e.empty()) throw Error(e);
    return out;
}

void put_art_record(StateWriter& w, const ArtSearchRecord& r) {
    const ArtEvent& e = r.event;
    w.put(static_cast<std::int64_t>(r.search));
    w.put(static_cast<std::uint64_t>(e.center));
    w.put(static_cast<std::int64_t>(e.center_id));
    for (double v : {e.barrier_eV, e.e_initial_eV, e.e_saddle_eV, e.e_final_eV, e.max_displacement_A}) w.put(v);
    w.put(static_cast<std::uint64_t>(e.max_displaced));
    w.put(static_cast<std::uint64_t>(e.moved_atoms));
    w.put<std::uint8_t>(e.connected ? 1 : 0);
    w.put<std::uint8_t>(e.converged ? 1 : 0);
    w.put_string(e.reason);
    w.put(static_cast<std::int32_t>(e.iterations));
    w.put(static_cast<std::int32_t>(e.force_evaluations));
    w.put(r.local_vm_strain);
    w.put_string(r.element);
    w.put(static_cast<std::int64_t>(r.max_displaced_id));
    w.put<std::uint8_t>(r.cost.local ? 1 : 0);
    w.put(static_cast<std::uint64_t>(r.cost.active_atoms));
    w.put(static_cast<std::uint64_t>(r.cost.evaluated_atoms));
    w.put(r.wall_s);
    w.put(static_cast<std::int64_t>(r.duplicate_of));
}

ArtSearchRecord get_art_record(StateReader& in) {
    ArtSearchRecord r;
    ArtEvent& e = r.event;
    r.search = static_cast<long>(in.get<std::int64_t>("ART search index"));
    e.center = static_cast<std::size_t>(in.get<std::uint64_t>("ART centre"));
    e.center_id = static_cast<long>(in.get<std::int64_t>("ART centre id"));
    for (double* v : {&e.barrier_eV, &e.e_initial_eV, &e.e_saddle_eV, &e.e_final_eV, &e.max_displacement_A})
        *v = in.get<double>("ART event energies");
    e.max_displaced = static_cast<std::size_t>(in.get<std::uint64_t>("ART most displaced atom"));
    e.moved_atoms = static_cast<std::size_t>(in.get<std::uint64_t>("ART moved atoms"));
    e.connected = in.get<std::uint8_t>("ART connected") != 0;
    e.converged = in.get<std::uint8_t>("ART converged") != 0;
    e.reason = in.get_string("ART reason");
    e.iterations = in.get<std::int32_t>("ART iterations");
    e.force_evaluations = in.get<std::int32_t>("ART force evaluations");
    r.local_vm_strain = in.get<double>("ART local strain");
    r.element = in.get_string("ART element");
    r.max_displaced_id = static_cast<long>(in.get<std::int64_t>("ART most displaced id"));
    r.cost.local = in.get<std::uint8_t>("ART local") != 0;
    r.cost.active_atoms = static_cast<std::size_t>(in.get<std::uint64_t>("ART active atoms"));
    r.cost.evaluated_atoms = static_cast<std::size_t>(in.get<std::uint64_t>("ART evaluated atoms"));
    r.wall_s = in.get<double>("ART wall time");
    r.duplicate_of = static_cast<long>(in.get<std::int64_t>("ART duplicate of"));
    return r;
}

void mark_duplicates(std::vector<ArtSearchRecord>& records, const ArtRecipe& recipe) {
    std::sort(records.begin(), records.end(), [](const auto& a, const auto& b) { return a.search < b.search; });
    std::vector<const ArtSearchRecord*> unique;
    for (ArtSearchRecord& r : records) {
        r.duplicate_of = -1;
        if (!r.kept()) continue;
        const double asym = r.event.e_final_eV - r.event.e_initial_eV;
        for (const ArtSearchRecord* u : unique) {
            if (u->max_displaced_id == r.max_displaced_id &&
                std::abs(u->event.barrier_eV - r.event.barrier_eV) < recipe.duplicate_barrier_tol_eV &&
                std::abs(u->event.e_final_eV - u->event.e_initial_eV - asym) < recipe.duplicate_barrier_tol_eV &&
                std::abs(u->event.max_displacement_A - r.event.max_displacement_A) < recipe.duplicate_displacement_tol_A) {
                r.duplicate_of = u->search;
                break;
            }
        }
        if (r.duplicate_of < 0) unique.push_back(&r);
    }
}

// ------------------------------------------------------------------------- tables

namespace {

const char* const kSearchHeader =
    "search,center,center_id,element,local_vm_strain,converged,connected,barrier_eV,e_initial_eV,e_saddle_eV,"
    "e_final_eV,max_displacement_A,max_displaced_id,moved_atoms,iterations,force_evaluations,local,active_atoms,"
    "evaluated_atoms,wall_s,duplicate_of,reason";

std::string csv_safe(std::string s) {
    std::replace(s.begin(), s.end(), ',', ';');
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
}

}  // namespace

void write_art_searches(const std::filesystem::path& file, const std::vector<ArtSearchRecord>& records) {
    AtomicFile f(file);
    f.stream() << kSearchHeader << "\n";
    for (const ArtSearchRecord& r : records) {
        const ArtEvent& e = r.event;
        f.stream() << fmt::format("{},{},{},{},{:.17g},{},{},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g},{},{},{},{},{},{},{},"
                                  "{:.6g},{},{}\n",
                                  r.search, e.center, e.center_id, r.element.empty() ? "-" : r.element,
                                  r.local_vm_strain, e.converged ? 1 : 0, e.connected ? 1 : 0, e.barrier_eV,
                                  e.e_initial_eV, e.e_saddle_eV, e.e_final_eV, e.max_displacement_A, r.max_displaced_id,
                                  e.moved_atoms, e.iterations, e.force_evaluations, r.cost.local ? 1 : 0,
                                  r.cost.active_atoms, r.cost.evaluated_atoms, r.wall_s, r.duplicate_of,
                                  csv_safe(e.reason));
    }
    f.commit();
}

std::vector<ArtSearchRecord> read_art_searches(const std::filesystem::path& file) {
    const CsvTable t = CsvTable::read(file, "ART search table");
    const auto num = [&](const char* c) { return t.numbers(c, CsvNumberRule::any()); };
    // Columns converted to integer types: whole numbers in the range of the type (a cast of
    // 1e300 or of -1 to size_t is undefined behaviour; fuzz_art_searches). 2^53 bounds the
    // 64-bit ones: every integer up to it is exact in a double.
    const auto integer = [&](const char* c, double lo, double hi) {
        const std::string expected = fmt::format("an integer in {:.0f}..{:.0f}", lo, hi);
        return t.numbers(c, CsvNumberRule{[lo, hi](double v) { return v == std::floor(v) && v >= lo && v <= hi; },
                                          expected});
    };
    constexpr double k53 = 9007199254740992.0;  // 2^53
    constexpr double kIntMax = 2147483647.0;
    const auto search = integer("search", -k53, k53), center = integer("center", 0, k53),
               center_id = integer("center_id", -k53, k53), strain = num("local_vm_strain"),
               converged = num("converged"), connected = num("connected"), barrier = num("barrier_eV"),
               ei = num("e_initial_eV"), es = num("e_saddle_eV"), ef = num("e_final_eV"),
               maxd = num("max_displacement_A"), maxid = integer("max_displaced_id", -k53, k53),
               moved = integer("moved_atoms", 0, k53), iters = integer("iterations", -kIntMax - 1, kIntMax),
               evals = integer("force_evaluations", -kIntMax - 1, kIntMax), local = num("local"),
               active = integer("active_atoms", 0, k53), evaluated = integer("evaluated_atoms", 0, k53),
               wall = num("wall_s"), dup = integer("duplicate_of", -k53, k53);
    const auto element = t.texts("element"), reason = t.texts("reason");
    std::vector<ArtSearchRecord> out(t.rows());
    for (std::size_t i = 0; i < t.rows(); ++i) {
        ArtSearchRecord& r = out[i];
        ArtEvent& e = r.event;
        r.search = static_cast<long>(search[i]);
        e.center = static_cast<std::size_t>(center[i]);
        e.center_id = static_cast<long>(center_id[i]);
        r.element = element[i] == "-" ? "" : element[i];
        r.local_vm_strain = strain[i];
        e.converged = converged[i] != 0;
        e.connected = connected[i] != 0;
        e.barrier_eV = barrier[i];
        e.e_initial_eV = ei[i];
        e.e_saddle_eV = es[i];
        e.e_final_eV = ef[i];
        e.max_displacement_A = maxd[i];
        r.max_displaced_id = static_cast<long>(maxid[i]);
        e.moved_atoms = static_cast<std::size_t>(moved[i]);
        e.iterations = static_cast<int>(iters[i]);
        e.force_evaluations = static_cast<int>(evals[i]);
        r.cost = {local[i] != 0, static_cast<std::size_t>(active[i]), static_cast<std::size_t>(evaluated[i])};
        r.wall_s = wall[i];
        r.duplicate_of = static_cast<long>(dup[i]);
        e.reason = reason[i];
    }
    return out;
}

void write_art_events(const std::filesystem::path& file, const std::vector<ArtSearchRecord>& records,
                      const ArtRecipe& recipe) {
    AtomicFile f(file);
    f.stream() << "barrier_eV,local_vm_strain,max_displacement_A"
               << (recipe.cooling_rate_K_per_s ? ",cooling_rate_K_per_s" : "")
               << (recipe.fictive_T_K ? ",fictive_T_K" : "")
               << ",sample,center_id,element,moved_atoms,asymmetry_eV,search\n";
    for (const ArtSearchRecord& r : records) {
        if (!r.kept()) continue;
        const ArtEvent& e = r.event;
        f.stream() << fmt::format("{:.10g},{:.8g},{:.8g}", e.barrier_eV, r.local_vm_strain, e.max_displacement_A);
        if (recipe.cooling_rate_K_per_s) f.stream() << fmt::format(",{:.10g}", *recipe.cooling_rate_K_per_s);
        if (recipe.fictive_T_K) f.stream() << fmt::format(",{:.10g}", *recipe.fictive_T_K);
        f.stream() << fmt::format(",{},{},{},{},{:.10g},{}\n", recipe.sample, e.center_id,
                                  r.element.empty() ? "-" : r.element, e.moved_atoms, e.e_final_eV - e.e_initial_eV,
                                  r.search);
    }
    f.commit();
}

}  // namespace stz::atom
