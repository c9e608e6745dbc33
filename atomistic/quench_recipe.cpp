// Reading and validating glass-preparation recipes.
#include "stz/atom/quench_recipe.hpp"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <optional>
#include <sstream>

#include "atomistic/recipe_keys.hpp"
#include "src/config/yaml_reader.hpp"
#include "stz/core/error.hpp"

namespace stz::atom {

using detail::NumberRange;
using detail::YamlReader;

namespace {
long steps_for(double time_ps, double dt_ps) { return static_cast<long>(std::llround(time_ps / dt_ps)); }
}  // namespace

long QuenchRecipe::melt_steps() const { return steps_for(melt_ps, timestep_ps); }
long QuenchRecipe::quench_steps() const {
    return steps_for(std::fabs(melt_T_K - quench_to_K) / quench_rate_K_per_ps, timestep_ps);
}
long QuenchRecipe::hold_steps() const { return steps_for(hold_ps, timestep_ps); }

QuenchRecipe parse_quench_recipe(const std::string& yaml_text, const std::filesystem::path& file,
                                 const std::optional<std::filesystem::path>& paths_from) {
    auto src = std::make_shared<detail::YamlSource>();
    src->name = file.string();
    const YAML::Node root = detail::load_mapping_document(yaml_text, src->name,
                                                          "a mapping with potential:, composition:, start:, ...");
    QuenchRecipe r;
    r.file = file;
    const auto folder = paths_from ? *paths_from : file.parent_path();
    YamlReader top(root, src, "", 1);

    r.potential = recipe_keys::recipe_file(top, folder, "potential",
                                           "an EAM potential file (e.g. /usr/share/lammps/potentials/CuZr_mm.eam.fs, "
                                           "Debian lammps-data)");
    r.seed = top.optional_uint64("seed", 1, ~std::uint64_t{0});

    {
        YamlReader comp = top.section("composition");
        // element: fraction, in the order written (that order is the type order).
        const YAML::Node node = root["composition"];
        double total = 0;
        for (auto it = node.begin(); it != node.end(); ++it) {
            const std::string name = it->first.as<std::string>();
            const double f = comp.required_double(name, NumberRange::closed(0, 1));
            r.composition.species.push_back({name, 0.0});
            r.composition.fractions.push_back(f);
            total += f;
        }
        comp.finish();
        if (r.composition.species.empty()) top.fail("composition", "expected element: fraction pairs, e.g. {Cu: 0.64, Zr: 0.36}");
        if (std::fabs(total - 1.0) > 1e-6) {
            std::ostringstream os;
            os << "fractions must sum to 1, they sum to " << total;
            top.fail("composition", os.str());
        }
    }

    {
        YamlReader s = top.section("start");
        const auto kind = s.optional_choice("kind", {"random", "fcc", "bcc", "sc", "data"});
        r.start = kind ? std::vector<std::string>{"random", "fcc", "bcc", "sc", "data"}[*kind] : "random";
        if (r.start == "random") {
            r.atoms = s.required_int("atoms", NumberRange::at_least(1));
            r.density_per_A3 = s.optional_double("density_per_A3", r.density_per_A3, NumberRange::positive());
            r.min_distance_A = s.optional_double("min_distance_A", r.min_distance_A, NumberRange::at_least(0));
        } else if (r.start == "data") {
            r.data_file = recipe_keys::recipe_file(s, folder, "file", "a LAMMPS data file");
        } else {
            r.lattice_constant_A = s.required_double("lattice_constant_A", NumberRange::positive());
            const auto cells = s.optional_number_list("cells", NumberRange::closed(1, 1000), false);
            if (!cells || cells->size() != 3 || std::floor((*cells)[0]) != (*cells)[0] ||
                std::floor((*cells)[1]) != (*cells)[1] || std::floor((*cells)[2]) != (*cells)[2])
                s.fail("cells", "expected three integers [nx, ny, nz] of conventional cells");
            for (int d = 0; d < 3; ++d) r.cells[static_cast<std::size_t>(d)] = static_cast<int>((*cells)[static_cast<std::size_t>(d)]);
        }
        s.finish();
    }

    if (auto md = top.optional_section("md")) {
        r.timestep_ps = md->optional_double("timestep_fs", r.timestep_ps * 1e3, NumberRange::open(0, 100)) * 1e-3;
        r.thermostat_damp_ps = md->optional_double("thermostat_damp_ps", r.thermostat_damp_ps, NumberRange::positive());
        r.barostat_damp_ps = md->optional_double("barostat_damp_ps", r.barostat_damp_ps, NumberRange::positive());
        r.pressure_bar = md->optional_double("pressure_bar", r.pressure_bar, NumberRange::any());
        const auto c = md->optional_choice("coupling", {"iso", "aniso"});
        if (c) r.coupling = *c == 0 ? "iso" : "aniso";
        md->finish();
    }
    {
        YamlReader m = top.section("melt");
        r.melt_T_K = m.required_double("temperature_K", NumberRange::positive());
        r.melt_ps = m.required_double("time_ps", NumberRange::at_least(0));
        m.finish();
    }
    {
        YamlReader q = top.section("quench");
        r.quench_to_K = q.required_double("to_K", NumberRange::positive());
        const bool per_s = q.has("rate_K_per_s");
        const bool per_ps = q.has("rate_K_per_ps");
        if (per_s == per_ps) q.fail_here("give exactly one of rate_K_per_s or rate_K_per_ps");
        r.quench_rate_K_per_ps = per_s ? q.required_double("rate_K_per_s", NumberRange::positive()) * 1e-12
                                       : q.required_double("rate_K_per_ps", NumberRange::positive());
        r.hold_ps = q.optional_double("hold_ps", r.hold_ps, NumberRange::at_least(0));
        q.finish();
    }
    if (auto mn = top.optional_section("minimize")) {
        const auto enabled = mn->optional_converted("enabled", "true or false", detail::yaml_bool);
        if (enabled) r.minimize = *enabled;
        const auto alg = mn->optional_choice("algorithm", {"cg", "fire"});
        if (alg) r.min_algorithm = *alg == 0 ? "cg" : "fire";
        r.min_force_tol_eV_per_A =
            mn->optional_double("force_tol_eV_per_A", r.min_force_tol_eV_per_A, NumberRange::at_least(0));
        r.min_energy_tol = mn->optional_double("energy_tol", r.min_energy_tol, NumberRange::at_least(0));
        r.min_max_iterations = mn->optional_int("max_iterations", static_cast<int>(r.min_max_iterations), NumberRange::at_least(1));
        const auto box = mn->optional_converted("relax_box", "true or false", detail::yaml_bool);
        if (box) r.minimize_box = *box;
        mn->finish();
    }
    if (auto sw = top.optional_section("swaps")) {
        r.swap_every_steps = sw->required_int("every_steps", NumberRange::at_least(1));
        r.swap_attempts = sw->required_int("attempts", NumberRange::at_least(1));
        sw->finish();
    }
    if (auto out = top.optional_section("output")) {
        r.thermo_every_steps = out->optional_int("thermo_every_steps", static_cast<int>(r.thermo_every_steps), NumberRange::at_least(1));
        r.dump_every_steps = out->optional_int("dump_every_steps", static_cast<int>(r.dump_every_steps), NumberRange::at_least(0));
        out->finish();
    }
    top.finish();
    return r;
}

QuenchRecipe load_quench_recipe(const std::filesystem::path& file) {
    return parse_quench_recipe(detail::read_text_file(file, "quench recipe"), file);
}

std::string QuenchRecipe::to_yaml() const {
    YAML::Emitter e;
    e.SetDoublePrecision(17);
    e << YAML::BeginMap;
    e << YAML::Key << "potential" << YAML::Value << potential.string();
    e << YAML::Key << "seed" << YAML::Value << seed;
    e << YAML::Key << "composition" << YAML::Value << YAML::Flow << YAML::BeginMap;
    for (std::size_t t = 0; t < composition.species.size(); ++t)
        e << YAML::Key << composition.species[t].element << YAML::Value << composition.fractions[t];
    e << YAML::EndMap;
    e << YAML::Key << "start" << YAML::Value << YAML::BeginMap << YAML::Key << "kind" << YAML::Value << start;
    if (start == "random")
        e << YAML::Key << "atoms" << YAML::Value << atoms << YAML::Key << "density_per_A3" << YAML::Value
          << density_per_A3 << YAML::Key << "min_distance_A" << YAML::Value << min_distance_A;
    else if (start == "data")
        e << YAML::Key << "file" << YAML::Value << data_file.string();
    else
        e << YAML::Key << "lattice_constant_A" << YAML::Value << lattice_constant_A << YAML::Key << "cells"
          << YAML::Value << YAML::Flow << YAML::BeginSeq << cells[0] << cells[1] << cells[2] << YAML::EndSeq;
    e << YAML::EndMap;
    e << YAML::Key << "md" << YAML::Value << YAML::BeginMap << YAML::Key << "timestep_fs" << YAML::Value
      << timestep_ps * 1e3 << YAML::Key << "thermostat_damp_ps" << YAML::Value << thermostat_damp_ps << YAML::Key
      << "barostat_damp_ps" << YAML::Value << barostat_damp_ps << YAML::Key << "pressure_bar" << YAML::Value
      << pressure_bar << YAML::Key << "coupling" << YAML::Value << coupling << YAML::EndMap;
    e << YAML::Key << "melt" << YAML::Value << YAML::BeginMap << YAML::Key << "temperature_K" << YAML::Value << melt_T_K
      << YAML::Key << "time_ps" << YAML::Value << melt_ps << YAML::EndMap;
    e << YAML::Key << "quench" << YAML::Value << YAML::BeginMap << YAML::Key << "to_K" << YAML::Value << quench_to_K
      << YAML::Key << "rate_K_per_ps" << YAML::Value << quench_rate_K_per_ps << YAML::Key << "hold_ps" << YAML::Value
      << hold_ps << YAML::EndMap;
    e << YAML::Key << "minimize" << YAML::Value << YAML::BeginMap << YAML::Key << "enabled" << YAML::Value << minimize
      << YAML::Key << "algorithm" << YAML::Value << min_algorithm << YAML::Key << "force_tol_eV_per_A" << YAML::Value
      << min_force_tol_eV_per_A << YAML::Key << "energy_tol" << YAML::Value << min_energy_tol << YAML::Key
      << "max_iterations" << YAML::Value << min_max_iterations << YAML::Key << "relax_box" << YAML::Value
      << minimize_box << YAML::EndMap;
    if (swap_every_steps > 0)
        e << YAML::Key << "swaps" << YAML::Value << YAML::BeginMap << YAML::Key << "every_steps" << YAML::Value
          << swap_every_steps << YAML::Key << "attempts" << YAML::Value << swap_attempts << YAML::EndMap;
    e << YAML::Key << "output" << YAML::Value << YAML::BeginMap << YAML::Key << "thermo_every_steps" << YAML::Value
      << thermo_every_steps << YAML::Key << "dump_every_steps" << YAML::Value << dump_every_steps << YAML::EndMap;
    e << YAML::EndMap;
    return std::string(e.c_str()) + "\n";
}

}  // namespace stz::atom
