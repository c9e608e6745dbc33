// to_yaml: a Config back to parameter-file text, every key written out. Numbers use the
// shortest form that reads back exactly, so parse(to_yaml(c)) == c bit for bit.
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <utility>

#include "src/config/enum_names.hpp"
#include "src/config/yaml_reader.hpp"
#include "stz/config/load_config.hpp"
#include "stz/core/error.hpp"

namespace stz {

namespace {

// Plain scalars such as 0.7 or 1e-05 stay unquoted, so they read back as numbers.
std::string num(double v) {
    return detail::format_number(v);
}

void emit_grid(YAML::Emitter& out, const GridConfig& g) {
    out << YAML::Key << "grid" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "nx" << YAML::Value << g.nx;
    out << YAML::Key << "ny" << YAML::Value << g.ny;
    out << YAML::Key << "nz" << YAML::Value << g.nz << YAML::Comment("1 = 2D plane strain");
    out << YAML::Key << "voxel_size_nm" << YAML::Value << num(g.voxel_size_nm)
        << YAML::Comment("voxel edge = one STZ");
    out << YAML::EndMap;
}

void emit_material(YAML::Emitter& out, const MaterialConfig& m) {
    out << YAML::Key << "material" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "young_modulus_GPa" << YAML::Value << num(m.young_modulus_GPa);
    out << YAML::Key << "poisson_ratio" << YAML::Value << num(m.poisson_ratio);
    out << YAML::EndMap;
}

/// `key: value  # comment`, the value a number in its shortest exact form.
void emit_number(YAML::Emitter& out, const char* key, double v, const std::string& comment) {
    out << YAML::Key << key << YAML::Value << num(v);
    if (!comment.empty()) out << YAML::Comment(comment);
}

/// `key: name  # one of a, b, c`.
template <class E>
void emit_enum(YAML::Emitter& out, const char* key, E value) {
    out << YAML::Key << key << YAML::Value << to_string(value)
        << YAML::Comment("one of " + detail::enum_name_list<E>());
}

void emit_loading(YAML::Emitter& out, const LoadingConfig& l) {
    out << YAML::Key << "loading" << YAML::Value << YAML::BeginMap;
    emit_enum(out, "mode", l.mode);
    emit_number(out, "strain_rate_per_s", l.strain_rate_per_s, "1/s");
    emit_number(out, "strain_step", l.strain_step, "applied strain per loading step");
    emit_number(out, "final_strain", l.final_strain, "applied strain at which the run stops");
    emit_number(out, "final_plastic_strain", l.final_plastic_strain, "0 = no limit");
    out << YAML::EndMap;
}

constexpr const char* kDerived = "; from processing.cooling_rate_K_per_s";

void emit_catalog(YAML::Emitter& out, const CatalogConfig& c, bool derived) {
    out << YAML::Key << "catalog" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "modes" << YAML::Value << c.modes << YAML::Comment("shear modes per voxel");
    emit_enum(out, "barrier_distribution", c.barrier_distribution);
    // Only the keys of the chosen distribution: the others would be rejected on reading.
    if (c.barrier_distribution == BarrierDistribution::gaussian) {
        emit_number(out, "barrier_mean_eV", c.barrier_mean_eV,
                    derived ? std::string("eV") + kDerived : "eV");
        emit_number(out, "barrier_std_eV", c.barrier_std_eV, "eV");
    } else {
        emit_number(out, "barrier_min_eV", c.barrier_min_eV, "eV");
        emit_number(out, "barrier_max_eV", c.barrier_max_eV, "eV");
    }
    emit_number(out, "gamma_star", c.gamma_star, "characteristic shear strain");
    if (c.stz_volume_nm3) {
        emit_number(out, "stz_volume_nm3", *c.stz_volume_nm3, "nm^3");
    } else {
        emit_number(out, "stz_volume_factor", c.stz_volume_factor, "STZ volume / voxel_size_nm^3");
    }
    out << YAML::EndMap;
}

void emit_kinetics(YAML::Emitter& out, const KineticsConfig& k) {
    out << YAML::Key << "kinetics" << YAML::Value << YAML::BeginMap;
    emit_number(out, "temperature_K", k.temperature_K, "K");
    emit_number(out, "attempt_frequency_per_s", k.attempt_frequency_per_s, "1/s");
    emit_enum(out, "scheme", k.scheme);
    emit_enum(out, "avalanche", k.avalanche);
    emit_enum(out, "selection", k.selection);
    out << YAML::EndMap;
}

void emit_softening(YAML::Emitter& out, const SofteningConfig& s, bool derived) {
    out << YAML::Key << "softening" << YAML::Value << YAML::BeginMap;
    emit_number(out, "kappa_p", s.kappa_p, "permanent");
    emit_number(out, "kappa_t", s.kappa_t, "temporary");
    // The paper's spelling as a reminder: `eta_max: 0.5108256237659907  # = -ln 0.6`.
    std::string ln_form;
    if (const double x = std::exp(-s.eta_max); x > 0) {
        char buf[32];
        const auto end = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::general, 6).ptr;
        ln_form = "= -ln " + std::string(buf, end);
    }
    if (derived) ln_form += kDerived;
    emit_number(out, "eta_max", s.eta_max, ln_form);
    emit_number(out, "relaxation_barrier_eV", s.relaxation_barrier_eV, "eV");
    out << YAML::EndMap;
}

void emit_processing(YAML::Emitter& out, const ProcessingConfig& p) {
    out << YAML::Key << "processing" << YAML::Value << YAML::BeginMap;
    // Written whether or not they were used: reading back derives the same values.
    const std::pair<const char*, const std::optional<double>*> keys[] = {
        {"barrier_intercept_eV", &p.barrier_intercept_eV},
        {"barrier_slope_eV_per_decade", &p.barrier_slope_eV_per_decade},
        {"saturated_barrier_eV", &p.saturated_barrier_eV},
        {"cooling_rate_K_per_s", &p.cooling_rate_K_per_s}};
    const char* comments[] = {"eV, Q at 1 K/s: Q(r) = intercept + slope * log10(r / (K/s))",
                              "eV per decade of cooling rate", "eV, Q_sat",
                              "K/s; decides catalog.barrier_mean_eV and softening.eta_max"};
    for (std::size_t i = 0; i < std::size(keys); ++i) {
        if (*keys[i].second) emit_number(out, keys[i].first, **keys[i].second, comments[i]);
    }
    out << YAML::EndMap;
}

void emit_output(YAML::Emitter& out, const OutputConfig& o) {
    out << YAML::Key << "output" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "snapshot_plastic_strains" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (double v : o.snapshot_plastic_strains) out << num(v);
    out << YAML::EndSeq << YAML::Comment("plastic strains");
    emit_number(out, "curve_interval_strain", o.curve_interval_strain, "applied strain");
    emit_number(out, "progress_interval_s", o.progress_interval_s, "s");
    emit_number(out, "extreme_strain_threshold", o.extreme_strain_threshold, "von Mises strain");
    out << YAML::EndMap;
}

void emit_run(YAML::Emitter& out, const RunConfig& r) {
    out << YAML::Key << "run" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "seed" << YAML::Value << std::to_string(r.seed);
    out << YAML::Key << "max_events" << YAML::Value << std::to_string(r.max_events)
        << YAML::Comment("0 = no limit");
    out << YAML::EndMap;
}

void emit_eshelby(YAML::Emitter& out, const EshelbyConfig& e) {
    out << YAML::Key << "eshelby" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "radius_voxels" << YAML::Value << num(e.radius_voxels);
    out << YAML::Key << "eigenstrain" << YAML::Value << YAML::Flow << YAML::BeginMap;
    const SymTensor& s = e.eigenstrain;
    const std::pair<const char*, double> parts[] = {{"xx", s.xx}, {"yy", s.yy}, {"zz", s.zz},
                                                    {"yz", s.yz}, {"xz", s.xz}, {"xy", s.xy}};
    for (const auto& [key, value] : parts) out << YAML::Key << key << YAML::Value << num(value);
    out << YAML::EndMap << YAML::Comment("tensor components, not engineering shear");
    out << YAML::Key << "applied_strain" << YAML::Value << num(e.applied_strain)
        << YAML::Comment("along loading.mode");
    out << YAML::EndMap;
}

/// `provenance:` with the YAML it was read as (content kept; layout and comments are not).
void emit_provenance(YAML::Emitter& out, const std::string& yaml) {
    YAML::Node node;
    try {
        node = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
        throw Error("to_yaml: Config::provenance_yaml is not valid YAML: " + e.msg);
    }
    out << YAML::Key << "provenance" << YAML::Value << node;
}

}  // namespace

std::string to_yaml(const Config& cfg) {
    YAML::Emitter out;
    std::string header = "stzkmc parameters" +
                         (cfg.source.empty() ? std::string() : " read from " + cfg.source) +
                         ", every key resolved (see docs/parameters/)";
    // The includes are merged in already: named for the record, not as a key.
    for (const auto& file : cfg.included_files) header += "\nincluded: " + file;
    out << YAML::Comment(header);
    out << YAML::BeginMap;
    emit_grid(out, cfg.grid);
    emit_material(out, cfg.material);
    emit_loading(out, cfg.loading);
    emit_catalog(out, cfg.catalog, cfg.derived_from_map);
    emit_kinetics(out, cfg.kinetics);
    emit_softening(out, cfg.softening, cfg.derived_from_map);
    if (cfg.processing) emit_processing(out, *cfg.processing);
    emit_output(out, cfg.output);
    emit_run(out, cfg.run);
    if (cfg.eshelby) emit_eshelby(out, *cfg.eshelby);
    if (!cfg.provenance_yaml.empty()) emit_provenance(out, cfg.provenance_yaml);
    out << YAML::EndMap;
    STZ_REQUIRE(out.good(), "to_yaml: YAML emitter failed: " << out.GetLastError());
    return std::string(out.c_str()) + "\n";
}

}  // namespace stz
