// `stzkmc atom ...`: the atomistic front end (MODEL.md §8, docs/atomistic.md).
//   atom eval DATAFILE --potential FILE [--elements Cu,Zr] [--forces OUT.csv]
//   atom quench RECIPE.yaml [--out DIR] [--checkpoint-every S] | atom quench --resume DIR
//   atom aqs, atom shear: the same checkpoint options (docs/checkpoints.md)
#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <unistd.h>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "src/cli/commands.hpp"
#include "src/config/yaml_reader.hpp"
#include "stz/atom/checkpoint.hpp"
#include "stz/atom/atomic_strain.hpp"
#include "stz/atom/aqs.hpp"
#include "stz/atom/eam_force.hpp"
#include "stz/atom/shear_md.hpp"
#include "stz/atom/stz_clusters.hpp"
#include "stz/atom/voronoi.hpp"
#include "stz/atom/quench.hpp"
#include "stz/atom/lammps_data.hpp"
#include "stz/atom/thermo.hpp"
#include "stz/atom/units.hpp"
#include "stz/core/interrupt.hpp"
#include "stz/io/atomic_file.hpp"

namespace stz::cli {

namespace {

std::vector<std::string> split_names(const std::string& list) {
    std::vector<std::string> out;
    std::stringstream in(list);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

/// --checkpoint-every and --resume of a long job (docs/checkpoints.md).
struct CheckpointOptions {
    double every_s = 600;
    std::string resume;
};

void add_checkpoint_options(CLI::App& cmd, CheckpointOptions& o) {
    cmd.add_option("--checkpoint-every", o.every_s,
                   "seconds of wall time between checkpoints (OUT/checkpoint.bin; 0: only on SIGINT/SIGTERM)")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    cmd.add_option("--resume", o.resume,
                   "continue the job whose output folder is DIR from its checkpoint; RECIPE may be left out "
                   "(DIR/recipe.yaml is used, its relative paths read from the current folder)")
        ->option_text("DIR");
}

/// The recipe of a job: RECIPE, or on --resume without it, the resolved recipe the job
/// recorded (DIR/recipe.yaml); and its output folder (--resume DIR, --out, or a default).
template <class Recipe>
Recipe job_recipe(const std::string& recipe_file, const CheckpointOptions& ck,
                  Recipe (*parse)(const std::string&, const std::filesystem::path&,
                                  const std::optional<std::filesystem::path>&),
                  const char* what) {
    if (!ck.resume.empty())
        atom::require_checkpoint(ck.resume, "the command that started it, without --resume");
    if (!recipe_file.empty())
        return parse(detail::read_text_file(recipe_file, what), recipe_file, std::nullopt);
    STZ_REQUIRE(!ck.resume.empty(), "a RECIPE file is required (or --resume DIR to continue a job)");
    const std::filesystem::path recorded = std::filesystem::path(ck.resume) / "recipe.yaml";
    STZ_REQUIRE(std::filesystem::is_regular_file(recorded),
                "--resume " << ck.resume << ": no recipe.yaml there; give the recipe file as well");
    return parse(detail::read_text_file(recorded, what), recorded, std::filesystem::path{});
}

std::filesystem::path job_folder(const std::string& out, const CheckpointOptions& ck, const char* job,
                                 const std::string& recipe_file) {
    if (!ck.resume.empty()) {
        STZ_REQUIRE(out.empty() || std::filesystem::path(out).lexically_normal() ==
                                       std::filesystem::path(ck.resume).lexically_normal(),
                    "--out " << out << " and --resume " << ck.resume << " differ; --resume continues in its folder");
        return ck.resume;
    }
    if (!out.empty()) return out;
    return std::filesystem::path("results") / job / std::filesystem::path(recipe_file).stem();
}

atom::CheckpointSettings checkpoint_settings(const CheckpointOptions& ck) {
    atom::CheckpointSettings s;
    s.every_s = ck.every_s;
    s.resume = !ck.resume.empty();
    return s;
}

/// One dump frame written to a temporary sibling and renamed, so that a killed command
/// never leaves a cut-short file under the final name (the temporary is named as
/// AtomicFile's, which remove_stale_temporaries recognises).
void write_dump_frame(const std::string& file, const atom::Atoms& atoms, const atom::DumpColumns& cols) {
    const std::filesystem::path target(file);
    const auto tmp = target.parent_path() /
                     ("." + target.filename().string() + ".tmp." + std::to_string(::getpid()) + ".900000");
    {
        atom::DumpWriter dump(tmp, cols);
        dump.write(atoms, 0);
    }
    std::filesystem::rename(tmp, target);
}

int run_eval(const std::string& data, const std::string& potential_file, const std::string& elements,
             const std::string& forces_out) {
    auto potential = std::make_shared<atom::EamPotential>(atom::EamPotential::read(potential_file));
    atom::Atoms atoms = atom::read_lammps_data(data);
    atom::assign_elements(atoms, split_names(elements), potential->elements(), data);
    atom::EamForce engine(potential, atom::EamForce::map_species(*potential, atoms.species));
    const atom::ForceResult r = engine.compute(atoms, !forces_out.empty());
    const double n = static_cast<double>(atoms.size());
    const double volume = atoms.box.volume();
    const auto p_bar = atom::pressure_tensor_bar(r.virial_eV, {}, volume);
    const auto counts = atoms.count_by_species();
    std::string composition;
    for (std::size_t t = 0; t < counts.size(); ++t)
        composition += fmt::format("{}{} {}", t ? ", " : "", atoms.species[t].element, counts[t]);
    // Key: value lines at full precision, so scripts can read them back.
    fmt::print("data: {}\npotential: {}\natoms: {}  # {}\nvolume_A3: {:.17g}\n", data, potential_file, atoms.size(),
               composition, volume);
    fmt::print("energy_eV: {:.17g}\nenergy_per_atom_eV: {:.17g}\n", r.energy_eV, r.energy_eV / n);
    fmt::print("# virial stress sigma = -W/V (tension positive); pressure = -trace(sigma)/3 (LAMMPS sign)\n");
    const char* names[6] = {"xx", "yy", "zz", "xy", "xz", "yz"};
    for (int c = 0; c < 6; ++c)
        fmt::print("stress_{}_GPa: {:.17g}\n", names[c], -p_bar[static_cast<std::size_t>(c)] * 1e-4);
    const double p = atom::pressure_bar(p_bar);
    fmt::print("pressure_GPa: {:.17g}\npressure_bar: {:.17g}\n", p * 1e-4, p);
    if (!forces_out.empty()) {
        AtomicFile out(forces_out);
        auto& os = out.stream();
        os << "id,type,element,fx_eV_per_A,fy_eV_per_A,fz_eV_per_A,energy_eV\n";
        std::vector<std::size_t> order(atoms.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](auto a, auto b) { return atoms.id[a] < atoms.id[b]; });
        for (std::size_t i : order)
            os << fmt::format("{},{},{},{:.17g},{:.17g},{:.17g},{:.17g}\n", atoms.id[i], atoms.type[i] + 1,
                              atoms.species[static_cast<std::size_t>(atoms.type[i])].element, atoms.f[i].x,
                              atoms.f[i].y, atoms.f[i].z, r.per_atom_energy_eV[i]);
        out.commit();
        spdlog::info("per-atom forces and energies written to {}", forces_out);
    }
    return 0;
}

/// Draws cooling_curve.png with scripts/plot_cooling_curve.py if the script and a Python
/// with numpy and matplotlib are there; otherwise says how to do it.
void plot_cooling_curve(const std::filesystem::path& out_dir) {
    const std::filesystem::path script = std::filesystem::path(STZ_SCRIPTS_DIR) / "plot_cooling_curve.py";
    const std::string python = "/usr/bin/python3";
    const std::string cmd = python + " '" + script.string() + "' '" + out_dir.string() + "'";
    if (!std::filesystem::exists(script) || !std::filesystem::exists(python) ||
        std::system((python + " -c 'import numpy, matplotlib' >/dev/null 2>&1").c_str()) != 0) {
        spdlog::warn("no plot: needs {} and Python with numpy and matplotlib; later run: {}", script.string(), cmd);
        return;
    }
    if (std::system((cmd + " >/dev/null").c_str()) != 0) {
        spdlog::warn("plotting failed: {}", cmd);
        return;
    }
    spdlog::info("cooling curve plotted: {}", (out_dir / "cooling_curve.png").string());
}

int run_strain(const std::string& ref_file, const std::string& cur_file, double cutoff, double threshold,
               bool min_image, const std::string& out_dump, const std::string& clusters_csv) {
    const atom::Atoms ref = atom::read_lammps_data(ref_file);
    const atom::Atoms cur = atom::read_lammps_data(cur_file);
    atom::AtomicStrainSettings set;
    set.cutoff_A = cutoff;
    if (min_image) set.displacement = atom::AtomicStrainSettings::Displacement::minimum_image;
    const atom::AtomicStrain s = atom::atomic_strain(ref, cur, set);
    const std::size_t n = ref.size();
    double mean_shear = 0, max_d2 = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (s.invalid[i]) continue;
        mean_shear += s.shear[i];
        max_d2 = std::max(max_d2, s.d2min_A2[i]);
    }
    const std::size_t valid = n - s.invalid_count;
    fmt::print("atoms: {}\ninvalid_atoms: {}  # fewer than 3 non-coplanar neighbours within {} A\n", n, s.invalid_count,
               cutoff);
    fmt::print("mean_von_mises_shear_strain: {:.8g}\nmax_d2min_A2: {:.8g}\n",
               valid ? mean_shear / static_cast<double>(valid) : 0.0, max_d2);
    std::vector<double> cluster_col(n, -1.0), invalid_col(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) invalid_col[i] = s.invalid[i] ? 1.0 : 0.0;
    if (threshold > 0) {
        const std::vector<char> selected = atom::select_shear_transformed(s, threshold);
        const auto n_selected = std::count(selected.begin(), selected.end(), 1);
        const atom::Clusters c = atom::cluster_atoms(ref, selected, cutoff);
        for (std::size_t i = 0; i < n; ++i) cluster_col[i] = c.cluster_of[i];
        const auto spanning = std::count(c.spans_box.begin(), c.spans_box.end(), 1);
        fmt::print("d2min_threshold_A2: {}\nshear_transformed_atoms: {}\nclusters: {}\nclusters_spanning_box: {}\n",
                   threshold, n_selected, c.sizes.size(), spanning);
        if (!clusters_csv.empty()) {
            AtomicFile f(clusters_csv);
            f.stream() << "# STZ clusters: atoms with D2min > " << threshold << " A^2 (cutoff " << cutoff
                       << " A) linked within the cutoff; " << ref_file << " -> " << cur_file
                       << "\nsize_atoms,spans_box\n";
            for (std::size_t k = 0; k < c.sizes.size(); ++k)
                f.stream() << c.sizes[k] << "," << (c.spans_box[k] ? 1 : 0) << "\n";
            f.commit();
        }
    }
    if (!out_dump.empty()) {
        atom::DumpColumns cols;
        cols.extra = {{"shear_strain", &s.shear}, {"volumetric_strain", &s.volumetric}, {"d2min_A2", &s.d2min_A2},
                      {"invalid", &invalid_col}, {"cluster", &cluster_col}};
        write_dump_frame(out_dump, ref, cols);
        spdlog::info("per-atom strain written to {} (reference positions)", out_dump);
    }
    return 0;
}

int run_voronoi(const std::string& data, double cutoff, const std::string& out_dump, int top) {
    const atom::Atoms atoms = atom::read_lammps_data(data);
    atom::VoronoiSettings set;
    set.cutoff_A = cutoff;
    const auto cells = atom::voronoi_cells(atoms, set);
    const auto clusters = atom::icosahedral_clusters(atoms, cells);
    const std::size_t n = atoms.size();
    std::map<std::array<int, 4>, std::size_t> counts;
    std::size_t ico = 0;
    double volume = 0;
    for (const auto& c : cells) {
        ++counts[{c.index[0], c.index[1], c.index[2], c.index[3]}];
        if (atom::is_full_icosahedron(c)) ++ico;
        volume += c.volume_A3;
    }
    std::vector<std::pair<std::size_t, std::array<int, 4>>> ranked;
    for (const auto& [idx, k] : counts) ranked.push_back({k, idx});
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    fmt::print("atoms: {}\nvoronoi_volume_sum_A3: {:.6f}  # box {:.6f}\n", n, volume, atoms.box.volume());
    fmt::print("full_icosahedra: {}  # <0,0,12,0>, fraction {:.4f}\n", ico, static_cast<double>(ico) / static_cast<double>(n));
    fmt::print("icosahedral_clusters: {}  # largest {} centres\n", clusters.sizes.size(),
               clusters.sizes.empty() ? 0 : clusters.sizes.front());
    fmt::print("# most frequent Voronoi indices <n3,n4,n5,n6>: count, fraction\n");
    for (int k = 0; k < top && k < static_cast<int>(ranked.size()); ++k) {
        const auto& [cnt, idx] = ranked[static_cast<std::size_t>(k)];
        fmt::print("<{},{},{},{}>: {} {:.4f}\n", idx[0], idx[1], idx[2], idx[3], cnt,
                   static_cast<double>(cnt) / static_cast<double>(n));
    }
    if (!out_dump.empty()) {
        std::vector<double> n3(n), n4(n), n5(n), n6(n), vol(n), is_ico(n), cl(n);
        for (std::size_t i = 0; i < n; ++i) {
            n3[i] = cells[i].index[0];
            n4[i] = cells[i].index[1];
            n5[i] = cells[i].index[2];
            n6[i] = cells[i].index[3];
            vol[i] = cells[i].volume_A3;
            is_ico[i] = atom::is_full_icosahedron(cells[i]) ? 1.0 : 0.0;
            cl[i] = clusters.cluster_of[i];
        }
        atom::DumpColumns cols;
        cols.extra = {{"voronoi_n3", &n3}, {"voronoi_n4", &n4}, {"voronoi_n5", &n5}, {"voronoi_n6", &n6},
                      {"voronoi_volume_A3", &vol}, {"full_icosahedron", &is_ico}, {"icosahedral_cluster", &cl}};
        write_dump_frame(out_dump, atoms, cols);
        spdlog::info("per-atom Voronoi indices written to {}", out_dump);
    }
    return 0;
}

}  // namespace

void add_atom_command(CLI::App& app, Action& action) {
    CLI::App* atom = app.add_subcommand("atom", "atomistic front end: EAM evaluation, MD glass preparation");
    atom->require_subcommand(1);
    add_atom_art_command(*atom, action);

    struct EvalOptions {
        std::string data, potential, elements, forces;
    };
    auto ev = std::make_shared<EvalOptions>();
    CLI::App* eval = atom->add_subcommand(
        "eval", "one EAM evaluation of a LAMMPS data file: energy, virial stress, pressure, optionally forces");
    eval->add_option("DATAFILE", ev->data, "LAMMPS data file (atom_style atomic)")->required()->check(CLI::ExistingFile);
    eval->add_option("--potential", ev->potential, "EAM potential file (*.eam.fs or *.eam.alloy/.setfl)")
        ->required()
        ->check(CLI::ExistingFile);
    eval->add_option("--elements", ev->elements,
                     "elements of atom types 1, 2, ... (e.g. Cu,Zr); default: from the Masses comments, "
                     "else by matching masses to the potential's elements");
    eval->add_option("--forces", ev->forces, "write per-atom forces and energies to this CSV file");
    eval->callback([&action, ev] {
        action = [ev] { return run_eval(ev->data, ev->potential, ev->elements, ev->forces); };
    });

    struct StrainOptions {
        std::string reference, current, dump, clusters;
        double cutoff = 3.8, threshold = 0;
        bool min_image = false;
    };
    auto so = std::make_shared<StrainOptions>();
    CLI::App* strain = atom->add_subcommand(
        "strain", "atomic strain as OVITO defines it between two LAMMPS data files: F, von Mises shear and "
                  "volumetric strain, D2min, invalid atoms; shear-transformed atoms and their clusters");
    strain->add_option("REFERENCE", so->reference, "reference configuration (data file)")->required()->check(CLI::ExistingFile);
    strain->add_option("CURRENT", so->current, "current configuration (same atom ids)")->required()->check(CLI::ExistingFile);
    strain->add_option("--cutoff", so->cutoff, "neighbour cutoff in the reference, Å (Cu-Zr: first minimum of g(r), ~3.8)")
        ->check(CLI::PositiveNumber);
    strain->add_option("--d2min-threshold", so->threshold,
                       "select atoms with D2min above this, Å^2 (paper 001: 0.18 at cutoff 3.8), and cluster them");
    strain->add_option("--clusters", so->clusters, "write the cluster sizes (STZ-size CSV for calibrate) here");
    strain->add_option("--dump", so->dump, "write per-atom strain, D2min, invalid flag and cluster to this dump file");
    strain->add_flag("--minimum-image", so->min_image,
                     "displacements by minimum image instead of image flags (atoms moved < half a box)");
    strain->callback([&action, so] {
        action = [so] {
            return run_strain(so->reference, so->current, so->cutoff, so->threshold, so->min_image, so->dump,
                              so->clusters);
        };
    });

    struct AqsOptions {
        std::string recipe, out;
        atom::StzClusterSettings clusters;
        CheckpointOptions ck;
    };
    auto ao = std::make_shared<AqsOptions>();
    CLI::App* aqs = atom->add_subcommand(
        "aqs", "athermal quasistatic simple shear: strain steps + minimization, stress-strain curve, stress "
               "drops, D2min between the minima bracketing each drop, STZ clusters (stz_clusters.csv)");
    aqs->add_option("RECIPE", ao->recipe, "AQS recipe YAML (see examples/atomistic/aqs_glass.yaml)")
        ->check(CLI::ExistingFile);
    add_checkpoint_options(*aqs, ao->ck);
    aqs->add_option("--out", ao->out, "output folder (default: results/aqs/<recipe name>)");
    aqs->add_option("--cutoff", ao->clusters.cutoff_A, "D2min and cluster cutoff, Å")->check(CLI::PositiveNumber);
    aqs->add_option("--d2min-threshold", ao->clusters.d2min_threshold_A2, "shear-transformed above this D2min, Å^2")
        ->check(CLI::PositiveNumber);
    aqs->callback([&action, ao] {
        action = [ao] {
            const auto recipe = job_recipe(ao->recipe, ao->ck, &atom::parse_aqs_recipe, "AQS recipe");
            const std::filesystem::path out = job_folder(ao->out, ao->ck, "aqs", ao->recipe);
            const InterruptHandler signals;
            const auto result = atom::run_aqs_job(recipe, out, checkpoint_settings(ao->ck));
            const auto drops = atom::analyse_aqs_drops(out, ao->clusters);
            std::size_t clusters = 0;
            for (const auto& d : drops) clusters += d.sizes.size();
            spdlog::info("AQS: {} points, {} stress drops, {} STZ clusters -> {}", result.curve.size(),
                         result.drops.size(), clusters, (out / "stz_clusters.csv").string());
            return 0;
        };
    });

    struct VoronoiOptions {
        std::string data, dump;
        double cutoff = 6.0;
        int top = 10;
    };
    auto vo = std::make_shared<VoronoiOptions>();
    CLI::App* voro = atom->add_subcommand(
        "voronoi", "Voronoi analysis: per-atom indices <n3,n4,n5,n6>, full icosahedra <0,0,12,0> and their "
                   "interpenetrating clusters");
    voro->add_option("DATAFILE", vo->data, "LAMMPS data file")->required()->check(CLI::ExistingFile);
    voro->add_option("--cutoff", vo->cutoff, "neighbour search radius, Å (must close every cell)")
        ->check(CLI::PositiveNumber);
    voro->add_option("--top", vo->top, "how many of the most frequent indices to list")->check(CLI::PositiveNumber);
    voro->add_option("--dump", vo->dump, "write per-atom indices, volume, icosahedron flag and cluster to this dump");
    voro->callback([&action, vo] { action = [vo] { return run_voronoi(vo->data, vo->cutoff, vo->dump, vo->top); }; });

    struct ShearOptions {
        std::string recipe, out;
        CheckpointOptions ck;
    };
    auto sho = std::make_shared<ShearOptions>();
    CLI::App* shear = atom->add_subcommand(
        "shear", "simple-shear MD at a constant strain rate (NVT, LAMMPS fix deform + fix nvt): stress-strain "
                 "curve and snapshots");
    shear->add_option("RECIPE", sho->recipe, "shear recipe YAML (see examples/atomistic/shear_md.yaml)")
        ->check(CLI::ExistingFile);
    add_checkpoint_options(*shear, sho->ck);
    shear->add_option("--out", sho->out, "output folder (default: results/shear/<recipe name>)");
    shear->callback([&action, sho] {
        action = [sho] {
            const auto recipe = job_recipe(sho->recipe, sho->ck, &atom::parse_shear_md_recipe, "shear-MD recipe");
            const std::filesystem::path out = job_folder(sho->out, sho->ck, "shear", sho->recipe);
            const InterruptHandler signals;
            atom::run_shear_md_job(recipe, out, checkpoint_settings(sho->ck));
            return 0;
        };
    });

    struct QuenchOptions {
        std::string recipe, out;
        bool no_plot = false;
        std::uint64_t seed = 0;
        bool seed_given = false;
        CheckpointOptions ck;
    };
    auto qo = std::make_shared<QuenchOptions>();
    CLI::App* quench = atom->add_subcommand(
        "quench", "prepare a glass: random or lattice start, NPT melt, quench at a rate, hold, minimize "
                  "(optional Monte Carlo type swaps); data files, cooling curve CSV and PNG");
    quench->add_option("RECIPE", qo->recipe, "recipe YAML (see examples/atomistic/quench_cu64zr36.yaml)")
        ->check(CLI::ExistingFile);
    add_checkpoint_options(*quench, qo->ck);
    quench->add_option("--out", qo->out, "output folder (default: results/quench/<recipe name>)");
    quench->add_flag("--no-plot", qo->no_plot, "do not draw cooling_curve.png");
    quench->add_option_function<std::uint64_t>(
        "--seed", [qo](const std::uint64_t& s) { qo->seed = s; qo->seed_given = true; },
        "random seed (overrides the recipe's seed:)");
    quench->callback([&action, qo] {
        action = [qo] {
            auto recipe = job_recipe(qo->recipe, qo->ck, &atom::parse_quench_recipe, "quench recipe");
            if (qo->seed_given) recipe.seed = qo->seed;
            const std::filesystem::path out = job_folder(qo->out, qo->ck, "quench", qo->recipe);
            const InterruptHandler signals;
            atom::run_quench(recipe, out, checkpoint_settings(qo->ck));
            if (!qo->no_plot) plot_cooling_curve(out);
            return 0;
        };
    });
}

}  // namespace stz::cli
