#include "stz/calibration/calibration_spec.hpp"

#include <yaml-cpp/yaml.h>

#include <memory>

#include "src/config/yaml_reader.hpp"
#include "stz/core/error.hpp"

namespace stz {

using detail::NumberRange;
using detail::YamlReader;
using detail::YamlSource;
using detail::scalar_text;
using detail::yaml_bool;

namespace {

/// An input path: resolved against the calibration file's folder, and it must exist.
std::optional<std::filesystem::path> input_path(YamlReader& r, const std::string& key,
                                                const std::filesystem::path& folder) {
    auto text = r.optional_converted(key, "the path of a CSV file", scalar_text);
    if (!text) return std::nullopt;
    std::filesystem::path p(*text);
    if (p.is_relative()) p = (folder / p).lexically_normal();
    if (!std::filesystem::is_regular_file(p))
        r.fail(key, "no file at " + p.string() + " (relative paths are read from the calibration "
                    "file's folder)");
    return p;
}

}  // namespace

CalibrationSpec parse_calibration_spec(const std::string& yaml_text,
                                       const std::filesystem::path& file) {
    const std::string name = file.string();
    auto src = std::make_shared<YamlSource>();
    src->name = name;
    const YAML::Node root = detail::load_mapping_document(
        yaml_text, name, "a mapping with at least inputs: (art_events: ...)");
    const std::filesystem::path folder = file.parent_path();
    CalibrationSpec s;
    s.file = file;
    YamlReader top(root, src, "", 1);

    YamlReader in = top.section("inputs");
    s.art_events = input_path(in, "art_events", folder);
    s.stz_clusters = input_path(in, "stz_clusters", folder);
    s.barrier_vs_cooling_rate = input_path(in, "barrier_vs_cooling_rate", folder);
    s.material_file = input_path(in, "material", folder);
    in.finish();
    if (!s.art_events && !s.stz_clusters && !s.barrier_vs_cooling_rate)
        in.fail_here("expected at least one of art_events, stz_clusters, barrier_vs_cooling_rate");

    if (auto m = top.optional_section("material")) {
        if (m->has("atomic_volume_A3"))
            s.atomic_volume_A3 = m->required_double("atomic_volume_A3", NumberRange::positive());
        if (m->has("cohesive_energy_eV"))
            s.cohesive_energy_eV = m->required_double("cohesive_energy_eV", NumberRange::positive());
        m->finish();
        if (s.material_file && (s.atomic_volume_A3 || s.cohesive_energy_eV))
            m->fail_here("give the material either as numbers here or as inputs.material (a CSV "
                         "file), not both");
    }
    if (auto a = top.optional_section("aebs")) {
        if (auto e = a->optional_number_list("strain_windows", NumberRange::positive(), true))
            s.strain_edges = *e;
        if (a->has("cooling_rate_K_per_s"))
            s.aebs_cooling_rate_K_per_s =
                a->required_double("cooling_rate_K_per_s", NumberRange::positive());
        s.min_events_per_window =
            a->optional_int("min_events_per_window", s.min_events_per_window, NumberRange::at_least(2));
        s.histogram_bin_eV = a->optional_double("histogram_bin_eV", s.histogram_bin_eV,
                                                NumberRange::positive());
        a->finish();
    }
    if (auto so = top.optional_section("softening")) {
        s.kappa_ratio = so->optional_double("kappa_ratio", s.kappa_ratio, NumberRange::at_least(0));
        if (auto b = so->optional_converted("required", "true or false", yaml_bool))
            s.softening_required = *b;
        so->finish();
    }
    if (auto p = top.optional_section("processing_map")) {
        if (p->has("target_cooling_rate_K_per_s"))
            s.target_cooling_rate_K_per_s =
                p->required_double("target_cooling_rate_K_per_s", NumberRange::positive());
        if (p->has("saturated_barrier_eV"))
            s.saturated_barrier_eV = p->required_double("saturated_barrier_eV", NumberRange::positive());
        if (auto b = p->optional_number_list("band_log10_rate", NumberRange::any(), true)) {
            if (b->size() != 2)
                p->fail("band_log10_rate", "expected two numbers [low, high] (log10 of K/s)");
            s.band_log10_rate = *b;
        }
        p->finish();
    }
    if (auto z = top.optional_section("stz_size")) {
        if (auto b = z->optional_converted("set_volume", "true or false", yaml_bool))
            s.set_stz_volume = *b;
        if (auto b = z->optional_converted("exclude_spanning", "true or false", yaml_bool))
            s.exclude_spanning_clusters = *b;
        z->finish();
    }
    if (auto m = top.optional_section("modes")) {
        s.formation_energy_fraction = m->optional_double(
            "formation_energy_fraction", s.formation_energy_fraction, NumberRange{{{0, false}}, {{1, true}}});
        m->finish();
    }
    s.confidence = top.optional_double("confidence", s.confidence, NumberRange::open(0, 1));
    top.finish();
    return s;
}

CalibrationSpec load_calibration_spec(const std::filesystem::path& file) {
    return parse_calibration_spec(detail::read_text_file(file, "calibration file"), file);
}

}  // namespace stz
