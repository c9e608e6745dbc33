#include "src/config/sections.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <utility>

#include "src/config/cross_checks.hpp"
#include "src/config/enum_names.hpp"

namespace stz::detail {

GridConfig parse_grid(YamlReader r) {
    GridConfig g;
    g.nx = r.required_int("nx", NumberRange::at_least(2));
    g.ny = r.required_int("ny", NumberRange::at_least(2));
    // nz = 1 is the 2D plane-strain grid, nz >= 2 a 3D one: together simply nz >= 1.
    g.nz = r.optional_int("nz", g.nz, NumberRange::at_least(1));
    g.voxel_size_nm = r.optional_double("voxel_size_nm", g.voxel_size_nm, NumberRange::positive());
    // A voxel holds one STZ (~1 nm): the bounds keep V = factor * size^3 and the work
    // 1/2 V sigma : eps far from the ends of the double range (docs/reliability.md).
    if (g.voxel_size_nm < 1e-3 || g.voxel_size_nm > 1e4)
        r.fail("voxel_size_nm", "expected a voxel edge in 0.001..10000 nm (an STZ is about 1 nm), got " +
                                    format_number(g.voxel_size_nm));
    r.finish();

    // A few billion voxels is a typo (an extra digit), not a run: catch it here rather
    // than as an allocation failure deep inside the solver. Product in double: no overflow.
    const double total = static_cast<double>(g.nx) * g.ny * g.nz;
    constexpr double max_voxels = 2147483648.0;  // 2^31
    if (total > max_voxels) {
        char digits[64];  // the count in full: "4294967296", not "4.294967296e+09"
        const auto end =
            std::to_chars(digits, digits + sizeof digits, total, std::chars_format::fixed, 0).ptr;
        r.fail_here("nx*ny*nz = " + std::string(digits, end) +
                    " voxels; expected at most 2^31 = 2147483648 (the per-voxel fields would "
                    "need hundreds of GiB; most likely a typo)");
    }
    return g;
}

MaterialConfig parse_material(YamlReader r) {
    MaterialConfig m;
    m.young_modulus_GPa = r.positive_double("young_modulus_GPa");
    // The open interval keeps the bulk and shear moduli positive and finite.
    m.poisson_ratio = r.required_double("poisson_ratio", NumberRange::open(-1.0, 0.5));
    r.finish();
    return m;
}

LoadingConfig parse_loading(YamlReader r) {
    LoadingConfig l;
    const auto positive = NumberRange::positive();
    if (auto mode = optional_enum<LoadingMode>(r, "mode")) l.mode = *mode;
    l.strain_rate_per_s = r.optional_double("strain_rate_per_s", l.strain_rate_per_s, positive);
    l.strain_step = r.optional_double("strain_step", l.strain_step, positive);
    l.final_strain = r.optional_double("final_strain", l.final_strain, positive);
    // 0 = no plastic-strain limit.
    l.final_plastic_strain =
        r.optional_double("final_plastic_strain", l.final_plastic_strain, NumberRange::at_least(0));
    r.finish();
    // A step as large as the whole run would load in a single step.
    require_less(r, {"strain_step", l.strain_step}, {"final_strain", l.final_strain},
                 Constrained::lower);
    return l;
}

namespace {

SymTensor parse_eigenstrain(YamlReader r, const GridConfig& grid) {
    SymTensor e;
    const auto any = NumberRange::any();
    e.xx = r.optional_double("xx", 0.0, any);
    e.yy = r.optional_double("yy", 0.0, any);
    e.zz = r.optional_double("zz", 0.0, any);
    e.yz = r.optional_double("yz", 0.0, any);
    e.xz = r.optional_double("xz", 0.0, any);
    e.xy = r.optional_double("xy", 0.0, any);
    r.finish();
    if (grid.nz == 1) {
        // Plane strain: fields depend on x and y only, so there is no out-of-plane shear.
        for (const auto& [key, value] : {std::pair{"yz", e.yz}, std::pair{"xz", e.xz}}) {
            if (value != 0) {
                r.fail(key,
                       std::string("expected 0 in a 2D grid (grid.nz = 1, plane strain), got ") +
                           format_number(value));
            }
        }
    }
    return e;
}

}  // namespace

EshelbyConfig parse_eshelby(YamlReader r, const GridConfig& grid) {
    EshelbyConfig c;
    c.radius_voxels = r.optional_double("radius_voxels", c.radius_voxels, NumberRange::positive());
    // The inclusion must not touch its own periodic images.
    const int smallest =
        grid.nz == 1 ? std::min(grid.nx, grid.ny) : std::min({grid.nx, grid.ny, grid.nz});
    const NumberRange fits = NumberRange::open(0.0, smallest / 2.0);
    if (auto es = r.optional_section("eigenstrain")) c.eigenstrain = parse_eigenstrain(*es, grid);
    c.applied_strain = r.optional_double("applied_strain", c.applied_strain, NumberRange::any());
    r.finish();
    if (!fits.contains(c.radius_voxels)) {
        r.fail("radius_voxels", "expected " + fits.describe(false) +
                                    " (half the smallest grid size, " + std::to_string(smallest) +
                                    "), got " + format_number(c.radius_voxels) +
                                    (r.has("radius_voxels") ? "" : " (the default)"));
    }
    return c;
}

Config parse_document(YamlReader root, const std::string& source_name) {
    Config c;
    c.source = source_name;
    auto grid = root.optional_section("grid");
    auto material = root.optional_section("material");
    auto loading = root.optional_section("loading");
    auto catalog = root.optional_section("catalog");
    auto kinetics = root.optional_section("kinetics");
    auto softening = root.optional_section("softening");
    auto processing = root.optional_section("processing");
    auto output = root.optional_section("output");
    auto run = root.optional_section("run");
    auto eshelby = root.optional_section("eshelby");
    auto provenance = root.optional_converted(
        "provenance", "any YAML value", [](const YAML::Node& n) -> std::optional<std::string> {
            return YAML::Dump(n);  // kept as text: the physics never sees YAML
        });
    // Merged away by resolve_includes (includes.cpp), but listed among the valid keys.
    root.handled_elsewhere("include");
    // Unknown sections first: a misspelt section name is the likely cause of a missing one.
    root.finish();
    if (!grid) root.fail_missing("grid", "section");
    if (!material) root.fail_missing("material", "section");
    c.grid = parse_grid(std::move(*grid));
    c.material = parse_material(std::move(*material));
    if (loading) c.loading = parse_loading(std::move(*loading));
    if (catalog) c.catalog = parse_catalog(std::move(*catalog));
    if (kinetics) c.kinetics = parse_kinetics(std::move(*kinetics));
    if (softening) c.softening = parse_softening(std::move(*softening));
    if (output) c.output = parse_output(std::move(*output));
    if (run) c.run = parse_run(std::move(*run));
    if (eshelby) c.eshelby = parse_eshelby(std::move(*eshelby), c.grid);
    // After catalog and softening: a cooling rate replaces their barrier mean and cap.
    if (processing) parse_processing(std::move(*processing), c);
    if (provenance) c.provenance_yaml = std::move(*provenance);
    return c;
}

}  // namespace stz::detail
