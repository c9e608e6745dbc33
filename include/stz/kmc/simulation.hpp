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
// Selection (kinetics.selection):
//   direct    every rate recomputed after each event and searched linearly (003-eq 7);
//   tree      every rate recomputed (O(N M)), a sum tree over voxel totals;
//   thinning  (default) exact rejection sampling over block rate bounds: the stress work
//             of an event is applied at once near it and deferred (with a bound)
//             elsewhere, a block's rates are recomputed only when its bound has loosened by
//             e^theta, and the far-field work is brought up to date by one FFT convolution
//             every so often (docs/performance.md). Same dynamics as direct, in
//             distribution.
// Any mode with Q <= 0 fires at once (athermal avalanche), lowest barrier first.
//
// Random numbers come from the counter-based generator keyed by (seed, purpose, counter):
// catalog draws by (voxel, generation), thermal decisions by their sequence number. A run
// is determined by its parameters and seed, whatever the thread count.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "stz/config/config.hpp"
#include "stz/elasticity/influence_kernels.hpp"
#include "stz/elasticity/matrix_convolution.hpp"
#include "stz/elasticity/mixed_bc.hpp"
#include "stz/kmc/block_layout.hpp"
#include "stz/kmc/catalog.hpp"
#include "stz/kmc/sum_tree.hpp"

namespace stz {

class StateReader;
class StateWriter;

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

    /// Pausing long loading intervals (checkpoints of runs whose yield bursts take minutes
    /// per interval): in the continuous scheme, `check` is called every 64 thermal events
    /// inside an interval, between two events; when it returns true, advance() returns with
    /// the interval still open (interval_open()), and finish_interval() continues it exactly
    /// as if it had not stopped (same events, same numbers). advance() refuses to start a
    /// new interval while one is open. An empty function (the default) never pauses.
    void set_pause_check(std::function<bool()> check);
    [[nodiscard]] bool interval_open() const { return interval_.open; }
    void finish_interval();

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
    /// Avalanches recorded (each when it ends) since the start, or since the last
    /// take_avalanches().
    [[nodiscard]] const std::vector<Avalanche>& avalanches() const { return avalanches_; }
    /// Hands over the avalanches recorded so far and forgets them, so that a long run's
    /// memory and checkpoints do not grow with them (the run job streams them to
    /// avalanches.csv). counts().avalanches and Avalanche::index keep counting from the start.
    [[nodiscard]] std::vector<Avalanche> take_avalanches() { return std::exchange(avalanches_, {}); }

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

    /// Lowest barrier over all modes (eV) and the sum of all rates (1/s) in force now
    /// (with thinning both are computed on demand: O(N M)).
    [[nodiscard]] double min_barrier_eV() const;
    [[nodiscard]] double total_rate_per_s() const;
    /// Stress work per unit eigenstrain coefficient of voxel i, p_b = 1/2 V sigma_i : B_b
    /// (eV) for the deviatoric basis B_b (b < deviatoric_basis_size): what every barrier of
    /// the voxel sees (003-eq 8: Q_m = dF_m e^-eta - c_m . p). Exact on every path (with
    /// thinning: stored work plus the deferred events not stored there).
    [[nodiscard]] std::array<double, 5> stress_work_eV(std::size_t i) const;
    /// Barrier (eV) of mode m of voxel i with the current stresses (003-eq 8).
    [[nodiscard]] double mode_barrier_eV(std::size_t i, int m) const;
    /// The thermal event (voxel, mode) that uniform u in [0, 1) selects with the rates of
    /// the last refresh: probability k_(i,m) / R (tests use fixed uniforms).
    [[nodiscard]] std::pair<std::size_t, int> select_thermal(double u) const;
    /// Draws the next thermal event from the current state the configured way, without
    /// firing it: voxel, mode and delay (s); false when none falls within `duration_s`.
    /// Advances the thermal draw counter only (tests of the samplers' law).
    bool propose_thermal(double duration_s, std::size_t* voxel, int* mode, double* delay_s);

    /// Thinning only: stores the deferred work of the pending events (one FFT convolution,
    /// as every flush_every events) and rebases the block bounds on the exact drifts; a no-op
    /// otherwise. The law of the dynamics is unchanged, not the realization: the bounds
    /// decide which candidates are drawn.
    void synchronize();
    /// Thinning only: checks the invariants exactness rests on, for every voxel and mode:
    /// rate <= its block's bound and Q >= its block's lower bound (O(N M), for tests).
    /// Throws stz::Error naming the first violation.
    void check_bounds() const;
    /// Thinning statistics since the start (zeros for the other selections).
    struct ThinningCounts {
        std::int64_t candidates = 0;      ///< proposals drawn from the bounds
        std::int64_t block_refreshes = 0; ///< blocks whose rates were recomputed
        std::int64_t flushes = 0;         ///< FFT solves bringing deferred stress up to date
        std::int64_t exact_voxels = 0;    ///< voxels evaluated with the exact stress
    };
    [[nodiscard]] const ThinningCounts& thinning_counts() const { return thin_counts_; }

    // ------------------------------------------------------------ checkpoints
    /// Appends the complete dynamic state (fields, softening, catalog generations, rates,
    /// thinning bounds and deferred events, counters, avalanches) to `out`. A Simulation
    /// built from the same Config that restores it continues exactly as this one would:
    /// same events, same floating-point values (kmc/simulation_state.cpp).
    void save_state(StateWriter& out) const;
    /// Replaces this Simulation's state by the one `in` holds (written by save_state() of a
    /// Simulation with the same Config). Throws stz::Error if it does not fit the grid.
    void restore_state(StateReader& in);

private:
    void refresh();                                  // barriers, rates, tree, qmin: O(N M)
    double voxel_refresh(std::size_t i, double* mode_rates, double* qmin, int* argmin) const;
    void project(std::size_t i, double* p) const;    // sigma_i : B_b, scaled to eV (exact)
    void project_stored(std::size_t i, double* p) const;  // same from the stored field only
    double rates_from_work(std::size_t i, const double* p, double* mode_rates, double* qmin,
                           int* argmin) const;
    /// Barriers of voxel i's modes from its work p (003-eq 8; into q unless null): returns the
    /// lowest, its mode in argmin. What rates_from_work and the bounds compute them with.
    double barriers_from_work(std::size_t i, const double* p, double* q, int* argmin) const;
    void refresh_rates();                            // refresh() or thin_refresh()
    bool lowest_unstable(std::size_t* voxel, int* mode);  // Q <= 0 mode to fire next, if any
    std::vector<std::pair<std::size_t, int>> all_unstable_modes();

    // Thinning path (kmc/thinning.cpp).
    void thin_init();
    void thin_event(std::size_t j, const double* c);   // near-field stress, bound growth
    /// Stores source j's work in a box and follows its voxels' drifts; returns their largest
    /// |delta| after the update.
    double thin_store_tracked(std::size_t j, const double* c, const int lo[3], const int ext[3]);
    void thin_store_lines(std::size_t j, const double* c);  // 2D: the grid lines through j
    [[nodiscard]] bool on_line(std::size_t i, std::size_t j) const;  // stored at once there
    void thin_catch_up(std::size_t b, std::size_t j, const double* c);  // deferred part, into b
    double thin_add_work(std::size_t j, const double* c, const int lo[3], const int ext[3],
                         bool track);  // p (and delta) in a box from source j; max |delta|^2
    void thin_project(std::size_t i, double* p) const;  // exact p of voxel i (thinning)
    void thin_mean_changed();                           // mean-stress part of the bounds
    void thin_refresh();                                // refresh blocks whose bounds loosened
    void thin_refresh_block(std::size_t b);             // catch up, then exact rates
    void thin_refresh_voxel(std::size_t i, double* q);  // reference := stored; rates (q: M)
    void thin_flush();                                  // deferred stress by one FFT solve
    void thin_update_stress() const;                    // fluct_ from plastic_, if stale
    void thin_rebase();                                 // after a flush: exact drifts
    double block_deviation(std::size_t b) const;        // bound on |p - p_ref|, eV
    double voxel_deviation(std::size_t i) const;        // the same for one voxel (tighter)
    /// First accepted thermal event within `duration_s` of the current time: voxel, mode and
    /// its delay. False when none falls inside.
    bool thin_sample(double duration_s, std::size_t* voxel, int* mode, double* delay_s);
    bool thin_lowest_unstable(std::size_t* voxel, int* mode, bool collect_all,
                              std::vector<std::pair<std::size_t, int>>* all);
    void set_time_and_strain(double t, double applied_strain);
    void update_mean();                              // mean fields from strain and <eps*>
    void fire(std::size_t i, int m, bool athermal);  // transform, no refresh
    void relax_athermal();                           // avalanche until every Q > 0
    void run_interval();                             // the open interval, until done or paused
    void advance_paper(double d_strain, double duration_s);

    Config cfg_;
    Grid grid_;
    int nb_, modes_;
    std::size_t n_;
    IsotropicElasticity material_;
    mutable FftSolver solver_;  // (thinning: the stress is solved on demand, thin_update_stress)
    InfluenceKernels kernels_;
    MixedBoundary bc_;
    Catalog catalog_;

    // Physical constants of the run.
    double kT_eV_, inv_kT_, nu0_, tau_s_, half_v_eV_per_GPa_;
    std::vector<std::array<double, 6>> basis_weights_;  // sigma : B_b = sum_k w_bk sigma_k (Voigt)

    // State.
    mutable TensorField fluct_;         // zero-mean fluctuation stress, GPa (thinning: solved
                                        // when asked for, see thin_update_stress)
    mutable bool stress_stale_ = false;
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

    // Thinning path.
    bool thin_ = false;
    BlockLayout blocks_;
    std::vector<double> work_norm_;     // per block offset: max |dp/dc|_2 (work_bounds.hpp)
    std::vector<double> rhat_;          // per voxel: rate bound at its block's reference
    std::vector<double> cmax_;          // per voxel: max_m |c_m|
    std::vector<double> brhat_, bqlo_, bcmax_, bdev_, bmean_ref_;  // per block
    std::vector<double> jker_;          // work kernel J(r) = dp_b / dc_c [offset][b][c], eV
    std::vector<double> pwd_;           // per voxel [voxel][2 basis]: the stored fluctuation work
                                        // p (eV), then delta: its exact change since the block's
                                        // refresh from events stored at once
    std::vector<double> pref_;          // per voxel [voxel][basis]: p (mean included) its block's
                                        // rates were computed from, eV
    std::vector<double> bdelta_;        // per block: max over its voxels of |delta_i|
    int line_half_ = -1;                // 2D: rows/columns within this of a source stored at once
    std::vector<std::size_t> bapplied_; // per block: pending events its refreshes went through
    std::vector<double> btau_;          // per block: of those, the ones whose bound there
                                        // exceeds btau_ were stored in it (all if < 0)
    std::vector<unsigned char> bstale_; // per block: must be refreshed
    std::vector<unsigned char> blevel_; // per block: slack level in force
    SumTree btree_;                     // block bounds brhat * slack(level)
    static constexpr int kLevels = 5;   // slack levels theta_max / 16 .. theta_max
    double theta_max_ = 6.0;            // loosening (in kT) at which a block is refreshed
    std::array<double, kLevels> level_theta_{}, level_slack_{};
    double mean_dev_ = 0;               // accumulated |dp| of the mean stress, eV
    std::array<double, 5> pmean_{};     // p of the mean stress at the last update
    struct Pending {
        std::size_t voxel;
        std::array<double, 5> c;
        double cn;           // |c|
        int x, y, z;         // voxel coordinates
        int bx, by, bz;      // its block's coordinates on the block grid
    };
    [[nodiscard]] Pending make_pending(std::size_t j, const double* c) const;
    /// A refresh stores a pending far event in its block only if the event can move the
    /// block's work by more than this (eV); the others stay in its bound (docs/performance.md).
    double catch_up_min_eV_ = 0;

    std::vector<Pending> pending_;      // events whose far-field stress is not yet stored
    std::size_t flush_every_ = 1;
    mutable TensorField eig_scratch_;
    std::unique_ptr<MatrixConvolution> work_conv_;  // thinning: p of every voxel by FFT
    ThinningCounts thin_counts_;

    /// The loading interval in progress (continuous scheme): what a paused one needs to go on.
    struct OpenInterval {
        bool open = false;
        double rate = 0, duration = 0, t_end = 0, strain_end = 0;  // 1/s, s, s, -
        std::int64_t events_before = 0;  // events before the interval (the stall guard)
        std::int64_t thermal = 0;        // thermal events in it so far
        std::int64_t thermal_at_resume = 0;  // (never pause twice at the same event)
    };
    OpenInterval interval_;
    std::function<bool()> pause_check_;

    EventCounts counts_;
    EventInfo last_;
    std::vector<Avalanche> avalanches_;
};

}  // namespace stz
