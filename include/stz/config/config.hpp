#pragma once
// Plain, validated configuration structs: what a parameter YAML file holds.
//
// The physics never sees YAML: stz::load_config() (config/load_config.hpp) is the
// one place that reads a file, checks every key and fills these structs. Each
// field documents its unit and meaning; the YAML key is the field name.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "stz/core/grid.hpp"
#include "stz/core/sym_tensor.hpp"

namespace stz {

/// YAML section `grid`: the periodic voxel lattice (MODEL.md §1).
struct GridConfig {
    int nx = 0;                  ///< voxels along x (>= 2)
    int ny = 0;                  ///< voxels along y (>= 2)
    int nz = 1;                  ///< voxels along z; 1 = 2D plane strain, otherwise >= 2
    double voxel_size_nm = 0.7;  ///< voxel edge l0 in nm (> 0); one STZ per voxel

    [[nodiscard]] Grid grid() const { return Grid{nx, ny, nz}; }
};

/// YAML section `material`: the homogeneous isotropic elastic medium (MODEL.md §3).
struct MaterialConfig {
    double young_modulus_GPa = 0;  ///< Young's modulus E in GPa (> 0)
    double poisson_ratio = 0;      ///< Poisson's ratio nu, -1 < nu < 0.5
};

/// How the sample is loaded; names are the YAML spellings.
enum class LoadingMode {
    uniaxial_tension,      ///< strain along y (2D) or z (3D), other mean stresses zero
    uniaxial_compression,  ///< same axis, compressive; reported strain and stress positive
    pure_shear,            ///< eps_xx - eps_yy prescribed, other mean stresses zero
    simple_shear,          ///< engineering shear 2 eps_xy prescribed, other mean stresses zero
};

/// YAML section `loading` (optional): strain-controlled loading (MODEL.md §4).
struct LoadingConfig {
    LoadingMode mode = LoadingMode::uniaxial_tension;  ///< loading path (mixed boundary condition)
    double strain_rate_per_s = 1e-4;  ///< applied strain rate (> 0), 1/s (Table 1: 1e-4 .. 1e2)
    double strain_step = 1e-5;        ///< applied strain increment per loading step (> 0)
    double final_strain = 0.05;       ///< stop when the applied strain reaches this (> 0)
    double final_plastic_strain = 0;  ///< also stop at this plastic strain (0 = no such limit)
};

/// Shape of the activation energy barrier spectrum (AEBS) from which barriers are drawn.
enum class BarrierDistribution {
    gaussian,  ///< N(barrier_mean_eV, barrier_std_eV), draws <= 0 redrawn (MODEL.md §2)
    uniform,   ///< U[barrier_min_eV, barrier_max_eV] (earlier STZ-kMC codes)
};

/// YAML section `catalog` (optional): the heterogeneously randomized event catalog (§2).
struct CatalogConfig {
    int modes = 20;                   ///< shear modes per voxel M (>= 1)
    BarrierDistribution barrier_distribution = BarrierDistribution::gaussian;
    double barrier_mean_eV = 2.0;     ///< Q, mean unsoftened barrier dF*, eV (> 0)
    double barrier_std_eV = 0.2;      ///< s_Q, Gaussian width, eV (> 0); see docs/model-choices.md
    double barrier_min_eV = 1.5;      ///< uniform: lower bound, eV (> 0)
    double barrier_max_eV = 2.5;      ///< uniform: upper bound, eV (> barrier_min_eV)
    double gamma_star = 0.14;         ///< characteristic shear strain gamma* (003-eq 4), > 0
    /// STZ volume V in nm^3 (> 0); if absent, stz_volume_factor * voxel_size_nm^3.
    std::optional<double> stz_volume_nm3;
    double stz_volume_factor = 2.0;   ///< V / l0^3 when stz_volume_nm3 is absent (> 0); see docs/model-choices.md

    /// The STZ volume V (nm^3) for voxel edge l0 (nm).
    [[nodiscard]] double stz_volume(double voxel_size_nm) const {
        return stz_volume_nm3 ? *stz_volume_nm3
                              : stz_volume_factor * voxel_size_nm * voxel_size_nm * voxel_size_nm;
    }
};

/// How thermal events are timed (MODEL.md §4).
enum class KmcScheme {
    continuous,  ///< waiting times -ln(u)/R, several events per strain step (default)
    paper,       ///< 003-eqs 6-7: at most one event per step, with probability 1 - exp(-dt R)
};

/// Order in which athermally unstable modes (barrier <= 0) fire.
enum class AvalancheOrder {
    lowest_first,  ///< the lowest barrier fires, stresses update, repeat (default)
    all_unstable,  ///< every unstable voxel fires its lowest mode at once, then re-solve
};

/// How the next thermal event is selected.
enum class EventSelection {
    tree,      ///< every rate recomputed after each event, sum tree over voxel totals
    direct,    ///< every rate recomputed and searched linearly (003-eq 7; the reference)
    thinning,  ///< exact rejection over block rate bounds, far-field stress deferred (default)
};

/// YAML section `kinetics` (optional): rates and event selection (003-eqs 5-7).
struct KineticsConfig {
    double temperature_K = 300;              ///< T (> 0), K
    double attempt_frequency_per_s = 1e13;   ///< nu0 (> 0), 1/s (Debye frequency)
    KmcScheme scheme = KmcScheme::continuous;
    AvalancheOrder avalanche = AvalancheOrder::lowest_first;
    EventSelection selection = EventSelection::thinning;
};

/// YAML section `softening` (optional): strain-induced softening (003-eqs 9-12).
struct SofteningConfig {
    double kappa_p = 13;                 ///< permanent softening coefficient (>= 0)
    double kappa_t = 39;                 ///< temporary softening coefficient (>= 0)
    double eta_max = 0.5108256237659907; ///< cap on eta (>= 0); seed -ln 0.6; YAML accepts "-ln 0.6"
    double relaxation_barrier_eV = 0.37; ///< Q_act of the diffusional relaxation time tau, eV (> 0)
};

/// YAML section `processing` (optional): the processing map of paper 003 §2.4 and §4.1
/// (MODEL.md §7). The mean barrier depends linearly on log10 of the cooling rate r,
///   Q(r) = barrier_intercept_eV + barrier_slope_eV_per_decade * log10(r / (1 K/s)),
/// and the softening cap is eta_max(r) = ln(Q(r) / saturated_barrier_eV). With a cooling
/// rate, the loader sets catalog.barrier_mean_eV = Q(r) and softening.eta_max = eta_max(r),
/// whatever those keys say (the cooling rate decides); without one, the map is only kept.
struct ProcessingConfig {
    std::optional<double> cooling_rate_K_per_s;         ///< the glass's cooling rate r, K/s (> 0)
    std::optional<double> barrier_intercept_eV;         ///< Q at r = 1 K/s, eV (finite)
    std::optional<double> barrier_slope_eV_per_decade;  ///< dQ / d log10(r), eV (finite)
    std::optional<double> saturated_barrier_eV;         ///< Q_sat, supercooled liquid, eV (> 0)
};

/// YAML section `output` (optional): what a run writes besides the curve.
struct OutputConfig {
    /// Plastic strains at which field snapshots are written (each > 0, increasing).
    std::vector<double> snapshot_plastic_strains = {0.02};
    double curve_interval_strain = 1e-4;  ///< applied-strain spacing of stress_strain.csv rows (> 0)
    double progress_interval_s = 5;       ///< seconds between progress log lines (> 0)
    double extreme_strain_threshold = 0.7;///< von Mises strain above which a voxel is extreme
};

/// YAML section `run` (optional): reproducibility and limits.
struct RunConfig {
    std::uint64_t seed = 1;        ///< random seed; a run is determined by parameters + seed
    std::int64_t max_events = 0;   ///< stop after this many events (0 = no limit)
};

/// YAML section `eshelby` (needed by `stzkmc eshelby`): one inclusion in the periodic cell.
struct EshelbyConfig {
    double radius_voxels = 16;  ///< inclusion radius in voxels (> 0, smaller than half the cell)
    SymTensor eigenstrain;      ///< uniform eigenstrain inside (tensor components, dimensionless)
    double applied_strain = 0;  ///< applied strain of `loading.mode` (dimensionless)
};

/// A whole parameter file. `source` is the file it came from (for messages).
struct Config {
    std::string source;
    /// Fragments merged in through `include:` (directly or nested), in the order they were
    /// read, relative to the folder of the file that was loaded (absolute where an include
    /// gave an absolute path); for the record only (to_yaml writes them as a comment).
    std::vector<std::string> included_files;
    GridConfig grid;
    MaterialConfig material;
    LoadingConfig loading;
    CatalogConfig catalog;
    KineticsConfig kinetics;
    SofteningConfig softening;
    OutputConfig output;
    RunConfig run;
    std::optional<EshelbyConfig> eshelby;
    std::optional<ProcessingConfig> processing;
    /// True when catalog.barrier_mean_eV and softening.eta_max were derived from
    /// processing.cooling_rate_K_per_s through the processing map (set by the loader).
    bool derived_from_map = false;
    /// Top-level key `provenance` (optional, any YAML shape, not validated): where the
    /// parameters came from, as YAML text; empty if absent. to_yaml writes it back.
    std::string provenance_yaml;
};

/// YAML spellings of the enumerations ("uniaxial_tension", "gaussian", ...).
[[nodiscard]] const char* to_string(LoadingMode mode);
[[nodiscard]] const char* to_string(BarrierDistribution d);
[[nodiscard]] const char* to_string(KmcScheme s);
[[nodiscard]] const char* to_string(AvalancheOrder a);
[[nodiscard]] const char* to_string(EventSelection e);

}  // namespace stz
