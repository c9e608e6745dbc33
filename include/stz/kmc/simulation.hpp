#pragma once
// The STZ kinetic Monte Carlo engine (MODEL.md §1, §2, §4): configure, step, observe.
//
//   stz::Simulation sim(cfg);                 // catalog drawn, stresses zero, t = 0
//   while (sim.applied_strain() < 0.05) sim.step();
//   double s = sim.stress_GPa();              // loading stress (work-conjugate to the strain)
//
// State: per voxel the accumulated plastic eigenstrain, generation and catalog (Catalog),
// softening (eta_p, eta_t, time of last transformation); the zero-mean fluctuation stress
// (incremental kernel updates) plus the mean fields of the mixed boundary condition.
//
// Kinetics: barrier Q = dF exp(-eta(t)) - 1/2 V sigma : eps_m (003-eq 8), rate
// k = nu0 exp(-Q / kT) (003-eq 5), softening by 003-eqs 10-12 with the cap eta_max.
// Every event changes every voxel's stress, so after each event all voxel rate totals are
// recomputed (O(N M), parallel); selection walks a sum tree over voxel totals and then the
// M modes of one voxel (or, with kinetics.selection = direct, searches all N M rates
// linearly, 003-eq 7). Any mode with Q <= 0 fires at once (athermal avalanche).
//
// Random numbers come from the counter-based generator keyed by (seed, purpose, counter):
// catalog draws by (voxel, generation), thermal decisions by their sequence number. A run
// is determined by its parameters and seed, whatever the thread count.
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "stz/config/config.hpp"
#include "stz/elasticity/influence_kernels.hpp"
#include "stz/elasticity/mixed_bc.hpp"
#include "stz/kmc/catalog.hpp"
#include "stz/kmc/sum_tree.hpp"

namespace stz {

/// One athermal avalanche: modes with Q <= 0 firing at frozen time until none is left.
struct Avalanche {
    std::int64_t index = 0;         ///< 0, 1, 2, ... in order of occurrence
    double applied_strain = 0;      ///< when it happened
    double time_s = 0;
    std::int64_t events = 0;        ///< transformations in it
    std::int64_t voxels = 0;        ///< distinct voxels that transformed
    double stress_before_GPa = 0;   ///< loading stress before and after
    double stress_after_GPa = 0;
    double plastic_strain_after = 0;
};

/// Event counts since the start.
struct EventCounts {
    std::int64_t thermal = 0;
    std::int64_t athermal = 0;
    std::int64_t avalanches = 0;
    std::int64_t steps = 0;           ///< loading intervals advanced
    std::int64_t thermal_draws = 0;   ///< thermal decisions drawn (RNG counter)
};

/// The last transformation (for tests and tracing).
struct EventInfo {
    std::size_t voxel = 0;
    int mode = 0;
    bool athermal = false;
    double barrier_eV = 0;  ///< Q of the mode when it fired
    double time_s = 0;
};

class Simulation {
public:
    /// Builds the catalog, the FFT solver and the influence kernels (a few full solves).
    /// Throws stz::Error for inconsistent parameters.
    explicit Simulation(const Config& cfg);

    // --------------------------------------------------------------- loading
    /// One loading step: loading.strain_step at loading.strain_rate_per_s.
    void step();
    /// One interval of `duration_s` during which the applied strain changes linearly by
    /// `d_strain` (negative unloads; 0 holds), with thermal events inside it by the
    /// configured scheme, and athermal avalanches whenever a barrier is <= 0.
    void advance(double d_strain, double duration_s);
    /// Load (or unload) to `target_strain` at |rate| in steps of loading.strain_step.
    void load_to(double target_strain, double strain_rate_per_s);
    /// Hold the applied strain for `duration_s`, in intervals of strain_step / strain_rate.
    void hold(double duration_s);

    // --------------------------------------------------------------- observe
    [[nodiscard]] const Config& config() const { return cfg_; }
    [[nodiscard]] const Grid& grid() const { return grid_; }
    [[nodiscard]] double time_s() const { return t_; }
    [[nodiscard]] double applied_strain() const { return mean_.loading_strain; }
    /// Loading stress (GPa): sigma_yy (2D) / sigma_zz (3D) in tension, see MixedBoundary.
    [[nodiscard]] double stress_GPa() const { return mean_.loading_stress; }
    /// Plastic strain: applied strain - stress / apparent modulus.
    [[nodiscard]] double plastic_strain() const;
    [[nodiscard]] double apparent_modulus_GPa() const { return bc_.apparent_modulus_GPa(); }
    [[nodiscard]] const MeanFields& mean_fields() const { return mean_; }
    [[nodiscard]] const EventCounts& counts() const { return counts_; }
    [[nodiscard]] const EventInfo& last_event() const { return last_; }
    [[nodiscard]] const Catalog& catalog() const { return catalog_; }
    /// Avalanches so far (each recorded when it ends).
    [[nodiscard]] const std::vector<Avalanche>& avalanches() const { return avalanches_; }

    /// Stress at voxel i (GPa): fluctuation + mean.
    [[nodiscard]] SymTensor stress(std::size_t i) const;
    /// Accumulated plastic eigenstrain of voxel i.
    [[nodiscard]] SymTensor plastic_eigenstrain(std::size_t i) const;
    /// Local total strain of voxel i: C^-1 : sigma + eps*.
    [[nodiscard]] SymTensor total_strain(std::size_t i) const;
    /// Mean plastic eigenstrain <eps*>.
    [[nodiscard]] SymTensor mean_eigenstrain() const;
    /// Softening eta_i(t) of voxel i now (003-eq 10 with the cap).
    [[nodiscard]] double softening(std::size_t i) const;
    /// AEBS shift dQ/Q = 1 - <dF exp(-eta)> / <dF> over all modes of all voxels (MODEL.md §5).
    [[nodiscard]] double aebs_shift() const;

    /// Lowest barrier over all modes (eV) and the sum of all rates (1/s), as last refreshed.
    [[nodiscard]] double min_barrier_eV() const { return qmin_; }
    [[nodiscard]] double total_rate_per_s() const;
    /// Barrier (eV) of mode m of voxel i with the current stresses (003-eq 8).
    [[nodiscard]] double mode_barrier_eV(std::size_t i, int m) const;
    /// The thermal event (voxel, mode) that uniform u in [0, 1) selects with the rates of
    /// the last refresh: probability k_(i,m) / R (tests use fixed uniforms).
    [[nodiscard]] std::pair<std::size_t, int> select_thermal(double u) const;

private:
    void refresh();                                  // barriers, rates, tree, qmin: O(N M)
    double voxel_refresh(std::size_t i, double* mode_rates, double* qmin, int* argmin) const;
    void project(std::size_t i, double* p) const;    // sigma_i : B_b, scaled to eV
    void set_time_and_strain(double t, double applied_strain);
    void update_mean();                              // mean fields from strain and <eps*>
    void fire(std::size_t i, int m, bool athermal);  // transform, no refresh
    void relax_athermal();                           // avalanche until every Q > 0
    void advance_continuous(double d_strain, double duration_s);
    void advance_paper(double d_strain, double duration_s);

    Config cfg_;
    Grid grid_;
    int nb_, modes_;
    std::size_t n_;
    IsotropicElasticity material_;
    FftSolver solver_;
    InfluenceKernels kernels_;
    MixedBoundary bc_;
    Catalog catalog_;

    // Physical constants of the run.
    double kT_eV_, inv_kT_, nu0_, tau_s_, half_v_eV_per_GPa_;
    std::vector<std::array<double, 6>> basis_weights_;  // sigma : B_b = sum_k w_bk sigma_k (Voigt)

    // State.
    TensorField fluct_;                 // zero-mean fluctuation stress, GPa
    std::vector<double> plastic_;       // accumulated eigenstrain coefficients [voxel][basis]
    std::array<double, 5> plastic_sum_{}, plastic_comp_{};  // Kahan sum over voxels
    std::vector<double> eta_p_, eta_t_, t_last_;
    double t_ = 0, strain_ = 0;
    MeanFields mean_{};
    std::array<double, 6> mean_voigt_{};  // mean_.stress in Voigt order (hot path)
    std::array<int, 6> voigt_slot_{};     // field slot -> Voigt index

    // Rates (as of the last refresh).
    SumTree tree_;
    std::vector<double> mode_rate_;     // direct selection only: [voxel][mode]
    std::vector<double> vqmin_;         // lowest barrier per voxel
    std::vector<int> vqarg_;            // and its mode
    double qmin_ = 0;
    std::size_t qmin_voxel_ = 0;
    double direct_total_ = 0;

    EventCounts counts_;
    EventInfo last_;
    std::vector<Avalanche> avalanches_;
};

}  // namespace stz
