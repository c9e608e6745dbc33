// Checkpoints of a Simulation: its complete dynamic state, written and read field by field.
//
// What is saved is everything the next event depends on, bit for bit (also in the middle of
// a loading interval, paused between two events): the stored stress
// field and the deferred events of the thinning path, the rates and bounds as of their
// last refresh (the thinning path draws its candidates from these bounds, so even state
// that is "only" a bound changes which random numbers are consumed), the softening
// variables, the Kahan sums of the mean eigenstrain, and the counters that key the random
// numbers. What is not saved is rebuilt by the constructor from the Config: the grid,
// kernels, boundary condition, block layout and slack levels, and the catalog, which is a
// pure function of (seed, voxel, generation) and is redrawn from the saved generations.
#include <cstdint>
#include <string>

#include "stz/core/error.hpp"
#include "stz/io/state_file.hpp"
#include "stz/kmc/simulation.hpp"

namespace stz {

namespace {

void put_tensor(StateWriter& w, const SymTensor& t) {
    for (double v : t.voigt()) w.put(v);
}

SymTensor get_tensor(StateReader& r, const char* what) {
    std::array<double, 6> v{};
    for (double& x : v) x = r.get<double>(what);
    return SymTensor::from_voigt(v);
}

template <std::size_t N>
void put_array(StateWriter& w, const std::array<double, N>& a) {
    for (double v : a) w.put(v);
}

template <std::size_t N>
void get_array(StateReader& r, std::array<double, N>& a, const char* what) {
    for (double& v : a) v = r.get<double>(what);
}

/// Replaces `v` by the saved vector, which must have v's length.
template <class T>
void get_same_size(StateReader& r, std::vector<T>& v, const char* what) {
    v = r.get_vector<T>(what, v.size());
}

}  // namespace

void Simulation::save_state(StateWriter& w) const {
    w.put<std::uint64_t>(n_);
    w.put<std::int32_t>(modes_);
    w.put<std::int32_t>(thin_ ? 1 : 0);

    w.put(t_);
    w.put(strain_);
    put_tensor(w, mean_.strain);
    put_tensor(w, mean_.stress);
    w.put(mean_.loading_strain);
    w.put(mean_.loading_stress);
    put_array(w, mean_voigt_);

    if (thin_) thin_update_stress();  // (a function of the eigenstrain field: no state change)
    w.put<std::int32_t>(fluct_.stored_components());
    for (int s = 0; s < fluct_.stored_components(); ++s) {
        const auto slot = fluct_.slot(s);
        w.put<std::uint64_t>(slot.size());
        w.put_bytes(slot.data(), slot.size_bytes());
    }
    w.put_vector(plastic_);
    put_array(w, plastic_sum_);
    put_array(w, plastic_comp_);
    w.put_vector(eta_p_);
    w.put_vector(eta_t_);
    w.put_vector(t_last_);
    w.put_vector(catalog_.generations());

    w.put_vector(tree_.nodes());
    w.put_vector(mode_rate_);
    w.put_vector(vqmin_);
    w.put_vector(vqarg_);
    w.put(qmin_);
    w.put<std::uint64_t>(qmin_voxel_);
    w.put(direct_total_);

    if (thin_) {
        w.put_vector(rhat_);
        w.put_vector(cmax_);
        w.put_vector(brhat_);
        w.put_vector(bqlo_);
        w.put_vector(bcmax_);
        w.put_vector(bdev_);
        w.put_vector(pwd_);
        w.put_vector(pref_);
        w.put_vector(bdelta_);
        w.put_vector(bmean_ref_);
        w.put_vector(bapplied_);
        w.put_vector(btau_);
        w.put_vector(bstale_);
        w.put_vector(blevel_);
        w.put_vector(btree_.nodes());
        w.put(mean_dev_);
        put_array(w, pmean_);
        w.put<std::uint64_t>(pending_.size());
        for (const Pending& p : pending_) {
            w.put<std::uint64_t>(p.voxel);
            put_array(w, p.c);
        }
        w.put(thin_counts_.candidates);
        w.put(thin_counts_.block_refreshes);
        w.put(thin_counts_.flushes);
        w.put(thin_counts_.exact_voxels);
    }

    w.put<std::int32_t>(interval_.open ? 1 : 0);
    for (double v : {interval_.rate, interval_.duration, interval_.t_end, interval_.strain_end})
        w.put(v);
    w.put(interval_.events_before);
    w.put(interval_.thermal);

    w.put(counts_.thermal);
    w.put(counts_.athermal);
    w.put(counts_.avalanches);
    w.put(counts_.steps);
    w.put(counts_.thermal_draws);
    w.put<std::uint64_t>(last_.voxel);
    w.put<std::int32_t>(last_.mode);
    w.put<std::int32_t>(last_.athermal ? 1 : 0);
    w.put(last_.barrier_eV);
    w.put(last_.time_s);
    w.put<std::uint64_t>(avalanches_.size());
    for (const Avalanche& a : avalanches_) {
        w.put(a.index);
        w.put(a.applied_strain);
        w.put(a.time_s);
        w.put(a.events);
        w.put(a.voxels);
        w.put(a.stress_before_GPa);
        w.put(a.stress_after_GPa);
        w.put(a.plastic_strain_after);
    }
}

void Simulation::restore_state(StateReader& r) {
    const auto n = r.get<std::uint64_t>("voxel count");
    const auto modes = r.get<std::int32_t>("mode count");
    const auto thin = r.get<std::int32_t>("selection");
    STZ_REQUIRE(n == n_ && modes == modes_ && (thin != 0) == thin_,
                r.file().string() << ": checkpoint of " << n << " voxels, M = " << modes
                                  << (thin ? ", thinning" : "") << "; this run has " << n_
                                  << " voxels, M = " << modes_ << (thin_ ? ", thinning" : ""));

    t_ = r.get<double>("time");
    strain_ = r.get<double>("applied strain");
    mean_.strain = get_tensor(r, "mean strain");
    mean_.stress = get_tensor(r, "mean stress");
    mean_.loading_strain = r.get<double>("loading strain");
    mean_.loading_stress = r.get<double>("loading stress");
    get_array(r, mean_voigt_, "mean stress (Voigt)");

    const auto slots = r.get<std::int32_t>("stress components");
    STZ_REQUIRE(slots == fluct_.stored_components(),
                r.file().string() << ": checkpoint has " << slots << " stress components, this run "
                                  << fluct_.stored_components());
    for (int s = 0; s < fluct_.stored_components(); ++s) {
        const auto saved = r.get_vector<double>("fluctuation stress", n_);
        const auto slot = fluct_.slot(s);
        std::copy(saved.begin(), saved.end(), slot.begin());
    }
    get_same_size(r, plastic_, "plastic eigenstrain");
    stress_stale_ = thin_;  // thinning: solved again from the eigenstrain when asked for
    get_array(r, plastic_sum_, "eigenstrain sum");
    get_array(r, plastic_comp_, "eigenstrain sum compensation");
    get_same_size(r, eta_p_, "permanent softening");
    get_same_size(r, eta_t_, "temporary softening");
    get_same_size(r, t_last_, "time of last transformation");
    catalog_.restore_generations(r.get_vector<std::uint32_t>("catalog generations", n_));

    tree_.set_nodes(r.get_vector<double>("rate tree", tree_.nodes().size()));
    get_same_size(r, mode_rate_, "mode rates");
    get_same_size(r, vqmin_, "lowest barriers");
    get_same_size(r, vqarg_, "lowest-barrier modes");
    qmin_ = r.get<double>("lowest barrier");
    qmin_voxel_ = static_cast<std::size_t>(r.get<std::uint64_t>("lowest-barrier voxel"));
    STZ_REQUIRE(qmin_voxel_ < n_, r.file().string() << ": lowest-barrier voxel out of range");
    direct_total_ = r.get<double>("total rate");

    if (thin_) {
        get_same_size(r, rhat_, "rate bounds");
        get_same_size(r, cmax_, "largest mode norms");
        get_same_size(r, brhat_, "block rate bounds");
        get_same_size(r, bqlo_, "block barrier bounds");
        get_same_size(r, bcmax_, "block mode norms");
        get_same_size(r, bdev_, "block deviations");
        get_same_size(r, pwd_, "stored work and its drifts");
        get_same_size(r, pref_, "reference work");
        get_same_size(r, bdelta_, "block work drifts");
        get_same_size(r, bmean_ref_, "block mean references");
        get_same_size(r, bapplied_, "block pending counts");
        get_same_size(r, btau_, "block catch-up thresholds");
        get_same_size(r, bstale_, "block stale flags");
        get_same_size(r, blevel_, "block slack levels");
        btree_.set_nodes(r.get_vector<double>("block tree", btree_.nodes().size()));
        mean_dev_ = r.get<double>("mean-stress deviation");
        get_array(r, pmean_, "mean-stress work");
        const auto pending = r.get<std::uint64_t>("deferred events");
        STZ_REQUIRE(pending <= n_ * 1024, r.file().string() << ": " << pending
                                                            << " deferred events is corrupt");
        pending_.clear();
        for (std::uint64_t k = 0; k < pending; ++k) {
            const auto voxel = static_cast<std::size_t>(r.get<std::uint64_t>("deferred event voxel"));
            STZ_REQUIRE(voxel < n_, r.file().string() << ": deferred event voxel out of range");
            std::array<double, 5> c{};
            get_array(r, c, "deferred event eigenstrain");
            pending_.push_back(make_pending(voxel, c.data()));
        }
        thin_counts_.candidates = r.get<std::int64_t>("thinning counts");
        thin_counts_.block_refreshes = r.get<std::int64_t>("thinning counts");
        thin_counts_.flushes = r.get<std::int64_t>("thinning counts");
        thin_counts_.exact_voxels = r.get<std::int64_t>("thinning counts");
    }

    interval_ = OpenInterval{};
    interval_.open = r.get<std::int32_t>("open interval") != 0;
    for (double* v : {&interval_.rate, &interval_.duration, &interval_.t_end, &interval_.strain_end})
        *v = r.get<double>("open interval");
    interval_.events_before = r.get<std::int64_t>("open interval");
    interval_.thermal = r.get<std::int64_t>("open interval");

    counts_.thermal = r.get<std::int64_t>("event counts");
    counts_.athermal = r.get<std::int64_t>("event counts");
    counts_.avalanches = r.get<std::int64_t>("event counts");
    counts_.steps = r.get<std::int64_t>("event counts");
    counts_.thermal_draws = r.get<std::int64_t>("event counts");
    last_.voxel = static_cast<std::size_t>(r.get<std::uint64_t>("last event"));
    last_.mode = r.get<std::int32_t>("last event");
    last_.athermal = r.get<std::int32_t>("last event") != 0;
    last_.barrier_eV = r.get<double>("last event");
    last_.time_s = r.get<double>("last event");
    const auto avalanches = r.get<std::uint64_t>("avalanche count");
    STZ_REQUIRE(avalanches <= static_cast<std::uint64_t>(counts_.athermal) + 1,
                r.file().string() << ": " << avalanches << " avalanches for "
                                  << counts_.athermal << " athermal events is corrupt");
    avalanches_.clear();
    for (std::uint64_t k = 0; k < avalanches; ++k) {
        Avalanche a;
        a.index = r.get<std::int64_t>("avalanche");
        a.applied_strain = r.get<double>("avalanche");
        a.time_s = r.get<double>("avalanche");
        a.events = r.get<std::int64_t>("avalanche");
        a.voxels = r.get<std::int64_t>("avalanche");
        a.stress_before_GPa = r.get<double>("avalanche");
        a.stress_after_GPa = r.get<double>("avalanche");
        a.plastic_strain_after = r.get<double>("avalanche");
        avalanches_.push_back(a);
    }
}

}  // namespace stz
