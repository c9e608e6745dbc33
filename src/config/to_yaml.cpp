// to_yaml: a Config back to parameter-file text, every key written out. Numbers use the
// shortest form that reads back exactly, so parse(to_yaml(c)) == c bit for bit.
#include <yaml-cpp/yaml.h>

#include "src/config/loading_mode.hpp"
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

void emit_loading(YAML::Emitter& out, const LoadingConfig& l) {
    std::string modes;
    for (const auto& n : detail::loading_mode_names()) modes += (modes.empty() ? "" : ", ") + n;
    out << YAML::Key << "loading" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "mode" << YAML::Value << to_string(l.mode)
        << YAML::Comment("one of " + modes);
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

}  // namespace

std::string to_yaml(const Config& cfg) {
    YAML::Emitter out;
    out << YAML::Comment("stzkmc parameters" +
                         (cfg.source.empty() ? std::string() : " read from " + cfg.source) +
                         ", every key resolved (see docs/parameters/)");
    out << YAML::BeginMap;
    emit_grid(out, cfg.grid);
    emit_material(out, cfg.material);
    emit_loading(out, cfg.loading);
    if (cfg.eshelby) emit_eshelby(out, *cfg.eshelby);
    out << YAML::EndMap;
    STZ_REQUIRE(out.good(), "to_yaml: YAML emitter failed: " << out.GetLastError());
    return std::string(out.c_str()) + "\n";
}

}  // namespace stz
