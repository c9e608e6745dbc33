#include "stz/kmc/simulation.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>
#include <utility>
#include <unordered_map>

#include "stz/core/error.hpp"
#include "stz/core/random.hpp"
#include "stz/core/units.hpp"
#include "stz/elasticity/eigen_basis.hpp"
#include "stz/internal/omp.hpp"
#include "kmc/guard_messages.hpp"

namespace stz {

namespace {

void validate(const Config& c) {
    const auto& k = c.kinetics;
    STZ_REQUIRE(k.temperature_K > 0 && k.attempt_frequency_per_s > 0,
                c.source << ": kinetics.temperature_K and attempt_frequency_per_s must be positive");
    // The derived constants must be finite (a Config built in code skips the loader's
    // bounds): 1 / k_B T, and the largest total rate N M nu0 (every Q <= 0) with room for
    // the thinning bounds' slack (at most e^4) below the double range.
    const double kT = units::kBoltzmannEvPerK * k.temperature_K;
    STZ_REQUIRE(std::isfinite(kT) && std::isfinite(1.0 / kT),
                c.source << ": kinetics.temperature_K = " << k.temperature_K
                         << " K makes 1 / k_B T overflow; expected 0.001..100000 K");
    const double max_total = k.attempt_frequency_per_s * static_cast<double>(c.catalog.modes) *
                             static_cast<double>(c.grid.nx) * c.grid.ny * c.grid.nz;
    STZ_REQUIRE(max_total <= 1e300,
                c.source << ": kinetics.attempt_frequency_per_s = " << k.attempt_frequency_per_s
                         << " /s: the total rate N M nu0 would overflow; expected at most 1e20");
    STZ_REQUIRE(c.grid.nx >= 2 && c.grid.ny >= 2 && c.grid.nz >= 1,
                c.source << ": grid " << c.grid.nx << " x " << c.grid.ny << " x " << c.grid.nz
                         << ": expected nx, ny >= 2 and nz >= 1");
    STZ_REQUIRE(c.loading.strain_rate_per_s > 0 && c.loading.strain_step > 0,
                c.source << ": loading.strain_rate_per_s and strain_step must be positive");
    STZ_REQUIRE(c.softening.eta_max >= 0 && c.softening.kappa_p >= 0 && c.softening.kappa_t >= 0,
                c.source << ": softening coefficients must be non-negative");
    const double v = c.catalog.stz_volume(c.grid.voxel_size_nm);
    STZ_REQUIRE(v > 0 && std::isfinite(v),
                c.source << ": the STZ volume must be positive and finite, got " << v
                         << " nm^3 (catalog.stz_volume_nm3 or stz_volume_factor * "
                            "grid.voxel_size_nm^3)");
}

/// Voigt weights w with sigma : B = sum_k w_k sigma_k (tensor shears counted twice).
std::array<double, 6> contraction_weights(const SymTensor& b) {
    return {b.xx, b.yy, b.zz, 2 * b.yz, 2 * b.xz, 2 * b.xy};
}

}  // namespace

Simulation::Simulation(const Config& cfg)
    : cfg_((validate(cfg), cfg)),
      grid_(cfg.grid.grid()),
      nb_(deviatoric_basis_size(grid_.dim())),
      modes_(cfg.catalog.modes),
      n_(grid_.size()),
      material_(cfg.material.young_modulus_GPa, cfg.material.poisson_ratio),
      solver_(grid_, material_),
      kernels_(solver_),
      bc_(cfg.loading.mode, grid_.dim(), material_),
      catalog_(grid_, cfg.catalog, cfg.run.seed),
      fluct_(grid_),
      tree_(grid_.size()) {
    kT_eV_ = units::kBoltzmannEvPerK * cfg.kinetics.temperature_K;
    inv_kT_ = 1.0 / kT_eV_;
    nu0_ = cfg.kinetics.attempt_frequency_per_s;
    // 003-eq 9: relaxation time of the temporary softening.
    tau_s_ = 1.0 / (nu0_ * std::exp(-cfg.softening.relaxation_barrier_eV * inv_kT_));
    // 1/2 V sigma : eps in eV for sigma in GPa and V in nm^3.
    half_v_eV_per_GPa_ = 0.5 * cfg.catalog.stz_volume(cfg.grid.voxel_size_nm) * units::kEvPerGPaNm3;
    for (int b = 0; b < nb_; ++b)
        basis_weights_.push_back(contraction_weights(deviatoric_basis(grid_.dim(), b)));
    for (int s = 0; s < fluct_.stored_components(); ++s)
        voigt_slot_[s] = static_cast<int>(fluct_.slot_component(s));

    plastic_.assign(n_ * nb_, 0.0);
    eta_p_.assign(n_, 0.0);
    eta_t_.assign(n_, 0.0);
    t_last_.assign(n_, 0.0);
    vqmin_.assign(n_, 0.0);
    vqarg_.assign(n_, 0);
    if (cfg.kinetics.selection == EventSelection::direct) mode_rate_.assign(n_ * modes_, 0.0);
    thin_ = cfg.kinetics.selection == EventSelection::thinning;
    set_time_and_strain(0.0, 0.0);
    if (thin_)
        thin_init();
    else
        refresh();
    relax_athermal();
}

// ------------------------------------------------------------------ observation

double Simulation::plastic_strain() const {
    return mean_.loading_strain - mean_.loading_stress / bc_.apparent_modulus_GPa();
}

SymTensor Simulation::stress(std::size_t i) const {
    if (thin_) thin_update_stress();
    return fluct_.at(i) + mean_.stress;
}

SymTensor Simulation::plastic_eigenstrain(std::size_t i) const {
    return from_deviatoric_coefficients(grid_.dim(),
                                        std::span<const double>(plastic_.data() + i * nb_, nb_));
}

SymTensor Simulation::total_strain(std::size_t i) const {
    return material_.strain(stress(i)) + plastic_eigenstrain(i);
}

SymTensor Simulation::mean_eigenstrain() const {
    std::array<double, 5> c{};
    for (int b = 0; b < nb_; ++b) c[b] = plastic_sum_[b] / static_cast<double>(n_);
    return from_deviatoric_coefficients(grid_.dim(), std::span<const double>(c.data(), nb_));
}

double Simulation::softening(std::size_t i) const {
    // 003-eq 10 with the cap. The temporary part is skipped once it has decayed below
    // exp(-700) (~1e-304): that also keeps exp() off its slow underflow path.
    double eta = eta_p_[i];
    const double x = (t_ - t_last_[i]) / tau_s_;
    if (eta_t_[i] != 0.0 && x < 700.0) eta += eta_t_[i] * std::exp(-x);
    return std::min(cfg_.softening.eta_max, eta);
}

double Simulation::aebs_shift() const {
    double softened = 0, plain = 0;
    for (std::size_t i = 0; i < n_; ++i) {
        double s = 0;
        for (double q : catalog_.barriers(i)) s += q;
        plain += s;
        softened += s * std::exp(-softening(i));
    }
    return 1.0 - softened / plain;
}

double Simulation::total_rate_per_s() const {
    if (thin_) {
        double total = 0;
        for (std::size_t i = 0; i < n_; ++i) {
            double p[5], q;
            int arg;
            project(i, p);
            total += rates_from_work(i, p, nullptr, &q, &arg);
        }
        return total;
    }
    return cfg_.kinetics.selection == EventSelection::direct ? direct_total_ : tree_.total();
}

double Simulation::min_barrier_eV() const {
    if (!thin_) return qmin_;
    double qlo = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < n_; ++i) {
        double p[5];
        int arg;
        project(i, p);
        qlo = std::min(qlo, barriers_from_work(i, p, nullptr, &arg));
    }
    return qlo;
}

std::array<double, 5> Simulation::stress_work_eV(std::size_t i) const {
    STZ_REQUIRE(i < n_, "stress_work_eV: voxel " << i << " out of range (" << n_ << " voxels)");
    std::array<double, 5> p{};
    project(i, p.data());
    return p;
}

double Simulation::mode_barrier_eV(std::size_t i, int m) const {
    double p[5];
    project(i, p);
    const double f = std::exp(-softening(i));
    const auto c = catalog_.eigenstrain(i, m);
    double work = 0;
    for (int b = 0; b < nb_; ++b) work += c[b] * p[b];
    return catalog_.barriers(i)[m] * f - work;
}

// ------------------------------------------------------------------ rates

void Simulation::project(std::size_t i, double* p) const {
    if (thin_)
        thin_project(i, p);
    else
        project_stored(i, p);  // the direct and tree paths store every event's stress at once
}

void Simulation::project_stored(std::size_t i, double* p) const {
    // Stress components read straight from the field slots (hot path: no SymTensor).
    auto v = mean_voigt_;
    for (int s = 0; s < fluct_.stored_components(); ++s) v[voigt_slot_[s]] += fluct_.slot(s)[i];
    for (int b = 0; b < nb_; ++b) {
        double d = 0;
        for (int k = 0; k < 6; ++k) d += basis_weights_[b][k] * v[k];
        p[b] = half_v_eV_per_GPa_ * d;  // eV per unit eigenstrain coefficient
    }
}

double Simulation::voxel_refresh(std::size_t i, double* mode_rates, double* qmin,
                                 int* argmin) const {
    double p[5];
    project_stored(i, p);
    return rates_from_work(i, p, mode_rates, qmin, argmin);
}

double Simulation::barriers_from_work(std::size_t i, const double* p, double* q, int* argmin) const {
    const double eta = softening(i);
    const double f = eta == 0.0 ? 1.0 : std::exp(-eta);  // exp(-0) == 1 exactly
    const auto dF = catalog_.barriers(i);
    double qlo = std::numeric_limits<double>::infinity();
    int arg = 0;
    for (int m = 0; m < modes_; ++m) {
        const double* c = catalog_.eigenstrain(i, m).data();
        double work = 0;
        for (int b = 0; b < nb_; ++b) work += c[b] * p[b];
        const double qm = dF[m] * f - work;  // 003-eq 8
        if (q) q[m] = qm;
        if (qm < qlo) {
            qlo = qm;
            arg = m;
        }
    }
    *argmin = arg;
    return qlo;
}

double Simulation::rates_from_work(std::size_t i, const double* p, double* mode_rates,
                                   double* qmin, int* argmin) const {
    double qbuf[256];
    std::vector<double> big;
    double* q = qbuf;
    if (modes_ > 256) {
        big.resize(static_cast<std::size_t>(modes_));
        q = big.data();
    }
    *qmin = barriers_from_work(i, p, q, argmin);
    double sum = 0;
    for (int m = 0; m < modes_; ++m) {
        // Modes with Q <= 0 are athermal and fire before any thermal selection; their rate
        // is capped at nu0 so that sums stay finite.
        const double r = nu0_ * std::exp(-std::max(q[m], 0.0) * inv_kT_);  // 003-eq 5
        if (mode_rates) mode_rates[m] = r;
        sum += r;
    }
    return sum;
}

void Simulation::refresh() {
    const long long n = static_cast<long long>(n_);
    const bool direct = cfg_.kinetics.selection == EventSelection::direct;
    // Small grids run serially: a parallel region costs more than it saves below ~4k voxels.
    STZ_OMP(parallel for schedule(static) if (n >= 4096))
    for (long long ii = 0; ii < n; ++ii) {
        const std::size_t i = static_cast<std::size_t>(ii);
        double q;
        int arg;
        const double r =
            voxel_refresh(i, direct ? mode_rate_.data() + i * modes_ : nullptr, &q, &arg);
        tree_.set(i, r);
        vqmin_[i] = q;
        vqarg_[i] = arg;
    }
    tree_.rebuild();
    // Lowest barrier (ties: lowest voxel index), and a guard against non-finite stresses.
    qmin_ = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < n_; ++i) {
        if (!std::isfinite(vqmin_[i]))
            throw Error(fmt::format("non-finite barrier {} at {} {}: the stress field is not "
                                    "finite (an overflow in the work 1/2 V sigma : eps, or NaN "
                                    "from the elasticity solve)",
                                    vqmin_[i], detail::voxel_text(grid_, i, stress(i)), detail::run_point(strain_, t_, counts_)));
        if (vqmin_[i] < qmin_) {
            qmin_ = vqmin_[i];
            qmin_voxel_ = i;
        }
    }
    if (direct) {
        double s = 0;
        for (double r : mode_rate_) s += r;  // 003-eq 7, in index order
        direct_total_ = s;
    }
    const double total = total_rate_per_s();
    if (!std::isfinite(total)) {
        // Every barrier is finite here, so each rate is at most nu0: name the voxel whose
        // rate sum is not finite, or say that the sum overflowed.
        std::size_t bad = n_;
        for (std::size_t i = 0; i < n_ && bad == n_; ++i)
            if (!std::isfinite(tree_.weight(i))) bad = i;
        throw Error(fmt::format(
            "total rate is not finite ({}) {}: {} (kinetics.attempt_frequency_per_s = {} /s, "
            "temperature_K = {})",
            total, detail::run_point(strain_, t_, counts_),
            bad < n_ ? fmt::format("the rate of {} is {}", detail::voxel_text(grid_, bad, stress(bad)),
                                   tree_.weight(bad))
                     : std::string("the sum of finite rates overflowed"),
            nu0_, cfg_.kinetics.temperature_K));
    }
}

// ------------------------------------------------------------------ events

void Simulation::set_time_and_strain(double t, double applied_strain) {
    t_ = t;
    strain_ = applied_strain;
    update_mean();
}

void Simulation::update_mean() {
    mean_ = bc_.solve(strain_, mean_eigenstrain());
    mean_voigt_ = mean_.stress.voigt();
    if (thin_ && btree_.size() > 0) thin_mean_changed();
}

void Simulation::refresh_rates() {
    if (thin_)
        thin_refresh();
    else
        refresh();
}

bool Simulation::lowest_unstable(std::size_t* voxel, int* mode) {
    if (thin_) return thin_lowest_unstable(voxel, mode, false, nullptr);
    if (qmin_ > 0) return false;
    *voxel = qmin_voxel_;
    *mode = vqarg_[qmin_voxel_];
    return true;
}

std::vector<std::pair<std::size_t, int>> Simulation::all_unstable_modes() {
    std::vector<std::pair<std::size_t, int>> unstable;
    if (thin_) {
        std::size_t v;
        int m;
        thin_lowest_unstable(&v, &m, true, &unstable);
        std::sort(unstable.begin(), unstable.end());
        return unstable;
    }
    for (std::size_t i = 0; i < n_; ++i)
        if (vqmin_[i] <= 0) unstable.emplace_back(i, vqarg_[i]);
    return unstable;
}

void Simulation::fire(std::size_t i, int m, bool athermal) {
    std::array<double, 5> c{};
    const auto src = catalog_.eigenstrain(i, m);
    std::copy(src.begin(), src.end(), c.begin());
    const std::span<const double> dc(c.data(), nb_);
    last_ = EventInfo{i, m, athermal, mode_barrier_eV(i, m), t_};

    if (thin_)
        thin_event(i, c.data());  // near field now, far field deferred
    else
        kernels_.add_source(fluct_, i, dc);
    double ev2 = 0;
    for (int b = 0; b < nb_; ++b) {
        plastic_[i * nb_ + b] += c[b];
        // Kahan summation keeps <eps*> (and so the boundary condition) exact over 1e8 events.
        const double y = c[b] - plastic_comp_[b];
        const double s = plastic_sum_[b] + y;
        plastic_comp_[b] = (s - plastic_sum_[b]) - y;
        plastic_sum_[b] = s;
        ev2 += c[b] * c[b];
    }
    // 003-eqs 11-12 with the cap: E_v^2 = sum_b c_b^2 is the squared von Mises strain.
    const auto& sc = cfg_.softening;
    eta_p_[i] = std::min(sc.eta_max, eta_p_[i] + sc.kappa_p * ev2);
    eta_t_[i] = sc.kappa_t * ev2;
    t_last_[i] = t_;
    catalog_.advance_generation(i);
    if (thin_) cmax_[i] = catalog_.max_mode_norm(i);
    (athermal ? counts_.athermal : counts_.thermal) += 1;
    update_mean();
}

void Simulation::relax_athermal() {
    std::size_t next_voxel = 0;
    int next_mode = 0;
    if (!lowest_unstable(&next_voxel, &next_mode)) return;
    Avalanche a;
    a.index = counts_.avalanches;
    a.applied_strain = applied_strain();
    a.time_s = t_;
    a.stress_before_GPa = stress_GPa();
    std::unordered_map<std::size_t, std::int64_t> fired;  // events per voxel in this avalanche
    // A runaway avalanche is a bug or absurd parameters, never a silently wrong curve.
    const std::int64_t limit = 1000 * static_cast<std::int64_t>(n_) + 1000000;
    constexpr std::int64_t kMaxPerVoxel = 1000;
    auto count = [&](std::size_t i) {
        if (++fired[i] > kMaxPerVoxel)
            throw Error(
                "athermal avalanche at applied strain " + std::to_string(applied_strain()) +
                ": voxel " + std::to_string(i) + " transformed " + std::to_string(kMaxPerVoxel) +
                " times at frozen time. The work its own back-stress does on a reverse mode "
                "exceeds the softened barriers (dF exp(-eta_max) < 1/2 V sigma_self : eps), so "
                "it flips for ever: lower catalog.stz_volume_factor (V), gamma_star or eta_max "
                "(see docs/model-choices.md)");
    };
    const auto t_start = std::chrono::steady_clock::now();
    auto t_log = t_start;
    for (;;) {
        if (const auto now = std::chrono::steady_clock::now();
            std::chrono::duration<double>(now - t_log).count() >= 10.0) {
            t_log = now;
            std::int64_t most = 0;
            for (const auto& [voxel, k] : fired) most = std::max(most, k);
            spdlog::info("athermal avalanche at applied strain {:.6g}: {} events so far on {} voxels (at most {} "
                         "on one) in {:.0f} s",
                         applied_strain(), a.events, fired.size(), most,
                         std::chrono::duration<double>(now - t_start).count());
        }
        if (cfg_.kinetics.avalanche == AvalancheOrder::lowest_first) {
            fire(next_voxel, next_mode, true);
            count(next_voxel);
            ++a.events;
        } else {
            // Every unstable voxel fires its lowest mode, in index order, then re-solve.
            for (const auto& [i, m] : all_unstable_modes()) {
                fire(i, m, true);
                count(i);
                ++a.events;
            }
        }
        refresh_rates();
        if (a.events > limit)
            throw Error("athermal avalanche did not end after " + std::to_string(a.events) +
                        " events at applied strain " + std::to_string(applied_strain()));
        if (!lowest_unstable(&next_voxel, &next_mode)) break;
    }
    a.voxels = static_cast<std::int64_t>(fired.size());
    a.stress_after_GPa = stress_GPa();
    a.plastic_strain_after = plastic_strain();
    avalanches_.push_back(a);
    ++counts_.avalanches;
}

std::pair<std::size_t, int> Simulation::select_thermal(double u) const {
    if (thin_) {
        // On demand (tests): exact rates of every mode, searched in index order.
        std::vector<double> r(n_ * modes_);
        double total = 0;
        for (std::size_t i = 0; i < n_; ++i) {
            double p[5], q;
            int arg;
            project(i, p);
            rates_from_work(i, p, r.data() + i * modes_, &q, &arg);
        }
        for (double x : r) total += x;
        const std::size_t k = cumulative_pick(r, u * total);
        return {k / modes_, static_cast<int>(k % modes_)};
    }
    if (cfg_.kinetics.selection == EventSelection::direct) {
        // 003-eq 7: linear cumulative search over all N M rates.
        const std::size_t k = cumulative_pick(mode_rate_, u * direct_total_);
        return {k / modes_, static_cast<int>(k % modes_)};
    }
    double rest = 0;
    const std::size_t voxel = tree_.select(u, &rest);
    std::vector<double> r(modes_);
    double q, p[5];
    int arg;
    project(voxel, p);
    rates_from_work(voxel, p, r.data(), &q, &arg);
    return {voxel, static_cast<int>(cumulative_pick(r, rest))};
}

bool Simulation::propose_thermal(double duration_s, std::size_t* voxel, int* mode,
                                 double* delay_s) {
    if (thin_) return thin_sample(duration_s, voxel, mode, delay_s);
    const double total = total_rate_per_s();
    CounterRng rng(cfg_.run.seed, RngStream::thermal,
                   static_cast<std::uint64_t>(counts_.thermal_draws++));
    const double u_wait = rng.uniform(), u_select = rng.uniform();
    const double wait =
        total > 0 ? -std::log(u_wait) / total : std::numeric_limits<double>::infinity();
    if (wait >= duration_s) return false;
    std::tie(*voxel, *mode) = select_thermal(u_select);
    *delay_s = wait;
    return true;
}

// ------------------------------------------------------------------ loading

void Simulation::step() { advance(cfg_.loading.strain_step, cfg_.loading.strain_step / cfg_.loading.strain_rate_per_s); }

void Simulation::advance(double d_strain, double duration_s) {
    STZ_REQUIRE(std::isfinite(d_strain) && std::isfinite(duration_s) && duration_s > 0,
                "advance: need a finite strain change and a positive duration, got "
                    << d_strain << " over " << duration_s << " s");
    STZ_REQUIRE(!interval_.open, "advance: a paused loading interval must be finished first "
                                 "(finish_interval)");
    if (cfg_.kinetics.scheme == KmcScheme::paper) {
        advance_paper(d_strain, duration_s);
        ++counts_.steps;
        return;
    }
    interval_ = OpenInterval{};
    interval_.open = true;
    interval_.rate = d_strain / duration_s;
    interval_.duration = duration_s;
    interval_.t_end = t_ + duration_s;
    interval_.strain_end = strain_ + d_strain;
    interval_.events_before = counts_.thermal + counts_.athermal;
    run_interval();
}

void Simulation::set_pause_check(std::function<bool()> check) { pause_check_ = std::move(check); }

void Simulation::finish_interval() {
    STZ_REQUIRE(interval_.open, "finish_interval: no loading interval is paused");
    run_interval();
}

void Simulation::run_interval() {
    OpenInterval& iv = interval_;
    const double rate = iv.rate, t_end = iv.t_end, strain_end = iv.strain_end;
    const double duration_s = iv.duration;
    // Events within this loading interval (thermal ones and the avalanches they set off): a
    // count far beyond any plausible one (1000 per voxel) means the simulated time hardly
    // advances and the run would never reach the interval's end. Refuse with the numbers
    // instead of spinning; log them every 10 s meanwhile.
    const std::int64_t limit = 1000 * static_cast<std::int64_t>(n_) + 100000;
    std::int64_t events = 0;
    const auto t_start = std::chrono::steady_clock::now();
    auto t_log = t_start;
    auto guard = [&] {
        events = counts_.thermal + counts_.athermal - iv.events_before;  // the avalanches they set off included
        if (++iv.thermal % 64 == 0) {
            const auto now = std::chrono::steady_clock::now();
            if (std::chrono::duration<double>(now - t_log).count() >= 10.0) {
                t_log = now;
                spdlog::info("events at applied strain {:.6g}: {} in this loading interval so far ({} thermal), "
                             "simulated time {:.3g} of {:.3g} s",
                             applied_strain(), events, iv.thermal, t_ - (t_end - duration_s), duration_s);
            }
        }
        // Projection: once the count is well past any burst a loading interval sees (10 per
        // voxel), refuse as soon as the rate of events per simulated second, kept up, would
        // exceed the limit before the interval ends. A stall (time frozen at ~1e-6 of the
        // interval) is then refused after ~10 N events instead of 1000 N.
        const double reached = (t_ - (t_end - duration_s)) / duration_s;
        const bool stalled = events > limit / 100 && static_cast<double>(events) > reached * static_cast<double>(limit);
        if (events > limit || stalled)
            throw Error("events at applied strain " + std::to_string(applied_strain()) + ": " +
                        std::to_string(events) + " (" + std::to_string(iv.thermal) +
                        " thermal, the rest in the avalanches they set off) in one loading interval of " + std::to_string(duration_s) +
                        " s, reaching only " + std::to_string(t_ - (t_end - duration_s)) +
                        " s of it" + (events > limit ? std::string() : " (at this pace the interval would need more than " + std::to_string(limit) + ")") +
                        ": the events follow one another at almost no waiting time (the work term leaves "
                        "barriers of a few k_B T, and each event unsettles others). Typical causes: an STZ volume or "
                        "eigenstrain too large for the barriers (lower catalog.stz_volume_nm3 / stz_volume_factor or "
                        "gamma_star), or a barrier spectrum so wide that many modes sit a few k_B T above zero and "
                        "the glass flows without load (lower catalog.barrier_std_eV or raise barrier_mean_eV); see "
                        "docs/model-choices.md");
    };
    // Between two events the state is complete (no event half done): the one point where a
    // long interval may pause for a checkpoint. Asked every 64 thermal events.
    auto pause = [&] { return pause_check_ && iv.thermal % 64 == 0 && iv.thermal > iv.thermal_at_resume && pause_check_(); };
    auto close = [&] {
        iv.open = false;
        ++counts_.steps;
    };
    iv.thermal_at_resume = iv.thermal;
    if (thin_) {
        // Thinning: candidates from the bounds, each accepted with rate / bound.
        std::size_t voxel = 0;
        int mode = 0;
        double delay = 0;
        for (;;) {
            if (pause()) return;
            if (!thin_sample(t_end - t_, &voxel, &mode, &delay)) break;
            set_time_and_strain(t_ + delay, strain_ + rate * delay);
            fire(voxel, mode, false);
            guard();
            refresh_rates();
            relax_athermal();
            if (cfg_.run.max_events > 0 &&
                counts_.thermal + counts_.athermal >= cfg_.run.max_events)
                return close();
        }
        set_time_and_strain(t_end, strain_end);
        refresh_rates();
        relax_athermal();
        return close();
    }
    for (;;) {
        if (pause()) return;
        const double total = total_rate_per_s();
        CounterRng rng(cfg_.run.seed, RngStream::thermal,
                       static_cast<std::uint64_t>(counts_.thermal_draws++));
        const double u_wait = rng.uniform(), u_select = rng.uniform();
        // Rates are held constant until the next event or the end of the interval.
        const double wait = total > 0 ? -std::log(u_wait) / total
                                      : std::numeric_limits<double>::infinity();
        if (t_ + wait >= t_end) break;
        // Select with the rates that were in force during the wait, then move to the event.
        const auto [voxel, mode] = select_thermal(u_select);
        set_time_and_strain(t_ + wait, strain_ + rate * wait);
        fire(voxel, mode, false);
        guard();
        refresh();
        relax_athermal();
        if (cfg_.run.max_events > 0 && counts_.thermal + counts_.athermal >= cfg_.run.max_events)
            return close();
    }
    set_time_and_strain(t_end, strain_end);
    refresh();
    relax_athermal();
    close();
}

void Simulation::advance_paper(double d_strain, double duration_s) {
    // 003-eqs 6-7: impose the strain increment, relax athermally, then at most one thermal
    // event with probability 1 - exp(-dt / t_res), t_res = 1 / R.
    if (thin_) {
        // Voxels that transformed in the previous step (all at its end, time t_) had their
        // bounds set with the temporary softening eta_t at its peak; it decays in tau
        // (~1e-7 s), which only raises their barriers, so the bounds stay valid but can
        // exceed the rates by e^(dF (e^-eta_p - e^-eta) / kT), up to 1e9. In the continuous
        // scheme later events nearby refresh such blocks; here, with at most one event per
        // step, they pile up and the candidates of a step grow by as much (a 64^2 run near
        // yield stalled at seconds per step). Their blocks are refreshed at the new time: a
        // valid, tighter bound (the law is unchanged). No extra state: t_last_ and t_ are
        // in the checkpoint, so a resumed run refreshes the same blocks.
        for (std::size_t i = 0; i < n_; ++i)
            if (t_last_[i] == t_ && eta_t_[i] != 0.0) bstale_[blocks_.block_of(i)] = 1;
    }
    set_time_and_strain(t_ + duration_s, strain_ + d_strain);
    refresh_rates();
    relax_athermal();
    if (thin_) {
        // The first event of the bounded process falls inside dt with probability
        // 1 - exp(-dt R) once thinned: the same law as the draw below.
        std::size_t voxel = 0;
        int mode = 0;
        double delay = 0;
        if (thin_sample(duration_s, &voxel, &mode, &delay)) {
            fire(voxel, mode, false);
            refresh_rates();
            relax_athermal();
        }
        return;
    }
    const double total = total_rate_per_s();
    CounterRng rng(cfg_.run.seed, RngStream::thermal,
                   static_cast<std::uint64_t>(counts_.thermal_draws++));
    const double eta = rng.uniform(), zeta = rng.uniform();
    if (total > 0 && eta > std::exp(-duration_s * total)) {
        const auto [voxel, mode] = select_thermal(zeta);
        fire(voxel, mode, false);
        refresh();
        relax_athermal();
    }
}

void Simulation::load_to(double target_strain, double strain_rate_per_s) {
    STZ_REQUIRE(strain_rate_per_s > 0, "load_to: strain rate must be positive");
    const double h = cfg_.loading.strain_step;
    while (std::abs(target_strain - strain_) > 1e-15) {
        const double d = std::clamp(target_strain - strain_, -h, h);
        advance(d, std::abs(d) / strain_rate_per_s);
    }
}

void Simulation::hold(double duration_s) {
    STZ_REQUIRE(duration_s >= 0, "hold: duration must be non-negative");
    const double dt = cfg_.loading.strain_step / cfg_.loading.strain_rate_per_s;
    double left = duration_s;
    while (left > 0) {
        const double d = std::min(dt, left);
        advance(0.0, d);
        left -= d;
    }
}

}  // namespace stz
