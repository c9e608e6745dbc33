// The thinning path (kinetics.selection = thinning) against the direct method of 003-eq 7:
// its bounds hold, its sampler has the law k / R, athermal plasticity is the same event by
// event, and the stored plus deferred stress work equals that of a full FFT solve.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "kmc_test_util.hpp"
#include "stz/core/units.hpp"
#include "stz/elasticity/eigen_basis.hpp"
#include "stz/elasticity/fft_solver.hpp"
#include "stz/elasticity/isotropic.hpp"
#include "stz/kmc/simulation.hpp"

using namespace stz;
using stz::test::small_config;

namespace {
/// Largest deviation, relative to the largest value, of the exact stress work of every voxel
/// (Simulation::stress_work_eV: stored plus deferred) from 1/2 V sigma : B_b of a full FFT
/// solve of the eigenstrain field, and the same for the stress.
struct ExactnessError {
    double work = 0, stress = 0;
};
ExactnessError exactness_error(const Simulation& sim) {
    const Grid& g = sim.grid();
    TensorField eig(g), full(g);
    for (std::size_t i = 0; i < g.size(); ++i) eig.set(i, sim.plastic_eigenstrain(i));
    const Config& c = sim.config();
    FftSolver solver(g, IsotropicElasticity(c.material.young_modulus_GPa, c.material.poisson_ratio));
    solver.stress(eig, sim.mean_fields().strain, full);
    const double half_v = 0.5 * c.catalog.stz_volume(c.grid.voxel_size_nm) * units::kEvPerGPaNm3;
    const int nb = deviatoric_basis_size(g.dim());
    double ew = 0, sw = 0, es = 0, ss = 0;
    for (std::size_t i = 0; i < g.size(); ++i) {
        const auto p = sim.stress_work_eV(i);
        for (int b = 0; b < nb; ++b) {
            const double want = half_v * ddot(full.at(i), deviatoric_basis(g.dim(), b));
            ew = std::max(ew, std::abs(p[b] - want));
            sw = std::max(sw, std::abs(want));
        }
        es = std::max(es, norm(full.at(i) - sim.stress(i)));
        ss = std::max(ss, norm(full.at(i)));
    }
    return {ew / sw, es / ss};
}
}  // namespace

TEST_CASE("thinning: every rate stays below its block bound and every barrier above its lower bound") {
    // After every loading step (several thermal and athermal events each), in 2D and 3D,
    // through yield and flow: check_bounds() recomputes all N M rates exactly and throws on
    // any violation. Tolerance: 1e-9 relative, the round-off allowance built into the bound.
    for (int nz : {1, 16}) {
        Config c = small_config(nz == 1 ? 48 : 16, nz == 1 ? 1 : 16, 8, 7);
        if (nz > 1) c.catalog.stz_volume_factor = 1.0;  // 3D: V = l0^3 (docs/model-choices.md)
        Simulation sim(c);
        CAPTURE(nz);
        int checked = 0;
        while (sim.applied_strain() < (nz == 1 ? 0.03 : 0.045)) {
            sim.step();
            sim.check_bounds();
            ++checked;
        }
        CHECK(checked > 100);
        CHECK(sim.counts().thermal + sim.counts().athermal > (nz == 1 ? 50 : 10));
        CHECK(sim.thinning_counts().candidates >= sim.counts().thermal);
        CHECK(sim.thinning_counts().flushes > 0);  // the deferred path was exercised
    }
}

TEST_CASE("thinning: bounds and work stay exact with far blocks and stored grid lines") {
    // Grids with blocks beyond the near field, where an event's work is deferred except on
    // the rows and columns through it (stored at once, followed exactly per voxel): 128 x 64
    // (16 x 8 blocks of 8 x 8), and 70 x 45 (blocks of 7 x 5; the lines cross block edges
    // and wrap). After every loading step check_bounds() recomputes every rate (1e-9
    // relative, the round-off allowance of the bounds); every 20 steps the exact work of
    // every voxel (stored, caught up and deferred) is compared with that of a full FFT solve
    // of the eigenstrain (1e-10 relative: round-off of a few hundred kernel additions and of
    // the FFT convolution against the solve).
    for (const std::pair<int, int>& shape : {std::pair{128, 64}, std::pair{70, 45}}) {
        const int nx = shape.first, ny = shape.second;  // (not a structured binding: CAPTURE)
        CAPTURE(nx);
        Config c = small_config(8, 1, 8, 5);
        c.grid.nx = nx;
        c.grid.ny = ny;
        Simulation sim(c);
        int steps = 0;
        ExactnessError worst;
        while (sim.applied_strain() < 0.03) {
            sim.step();
            sim.check_bounds();
            if (++steps % 20 == 0) {
                const ExactnessError e = exactness_error(sim);
                worst.work = std::max(worst.work, e.work);
                worst.stress = std::max(worst.stress, e.stress);
            }
        }
        CHECK(worst.work < 1e-10);
        CHECK(worst.stress < 1e-10);
        CHECK(sim.counts().thermal + sim.counts().athermal > 200);
        CHECK(sim.thinning_counts().flushes > 0);
    }
}

TEST_CASE("thinning: stored plus deferred work equals that of a full FFT solve of the eigenstrain") {
    // 2D and 3D, before and after a flush (synchronize). Round-off of ~100 incremental kernel
    // additions and one FFT convolution against one solve: 1e-10 relative.
    for (int nz : {1, 16}) {
        CAPTURE(nz);
        Config c = small_config(nz == 1 ? 32 : 16, nz == 1 ? 1 : 16, 8, 3);
        if (nz > 1) c.catalog.stz_volume_factor = 1.0;
        Simulation sim(c);
        while (sim.counts().thermal + sim.counts().athermal < 60 && sim.applied_strain() < 0.1)
            sim.step();
        CHECK(sim.counts().thermal + sim.counts().athermal >= (nz == 1 ? 60 : 10));
        ExactnessError e = exactness_error(sim);
        CHECK(e.work < 1e-10);
        CHECK(e.stress < 1e-10);
        sim.synchronize();  // the stored work alone is now exact
        e = exactness_error(sim);
        CHECK(e.work < 1e-10);
        CHECK(e.stress < 1e-10);
    }
}

TEST_CASE("thinning: proposals have the law of the exact rates (chi-square and exponential delays)") {
    // A state with rates spread over decades (600 K, no load, so that many voxels share the
    // total); 40000 proposals from it (nothing fires). Voxel frequencies against k_i / R by
    // chi-square over cells with >= 20 expected counts (the rest pooled); the mean delay
    // against 1 / R.
    Config c = small_config(16, 1, 6, 11);
    c.kinetics.temperature_K = 600;
    Simulation sim(c);
    const Grid& g = sim.grid();
    const double kT = units::kBoltzmannEvPerK * 600;
    std::vector<double> rate(g.size(), 0.0);
    double total = 0;
    for (std::size_t i = 0; i < g.size(); ++i) {
        for (int m = 0; m < 6; ++m)
            rate[i] += 1e13 * std::exp(-std::max(sim.mode_barrier_eV(i, m), 0.0) / kT);
        total += rate[i];
    }
    CHECK(sim.total_rate_per_s() == doctest::Approx(total).epsilon(1e-12));
    const int n = 40000;
    std::vector<double> count(g.size(), 0.0);
    double delay_sum = 0;
    for (int j = 0; j < n; ++j) {
        std::size_t v = 0;
        int m = 0;
        double d = 0;
        REQUIRE(sim.propose_thermal(1e300, &v, &m, &d));
        count[v] += 1;
        delay_sum += d;
    }
    double chi2 = 0, pooled_obs = 0, pooled_exp = 0;
    int cells = 0;
    for (std::size_t i = 0; i < g.size(); ++i) {
        const double e = rate[i] / total * n;
        if (e >= 20) {
            chi2 += (count[i] - e) * (count[i] - e) / e;
            ++cells;
        } else {
            pooled_obs += count[i];
            pooled_exp += e;
        }
    }
    if (pooled_exp >= 20) {
        chi2 += (pooled_obs - pooled_exp) * (pooled_obs - pooled_exp) / pooled_exp;
        ++cells;
    }
    REQUIRE(cells >= 10);
    // 99.9 % point of chi-square with k - 1 dof is below k - 1 + 3.1 sqrt(2 (k - 1)) + 10.
    const double dof = cells - 1;
    CAPTURE(cells);
    CHECK(chi2 < dof + 3.1 * std::sqrt(2 * dof) + 10);
    // Mean of n exponential delays: relative SE 1 / sqrt(n) = 0.5 %; allow 4 SE.
    CHECK(delay_sum / n * total == doctest::Approx(1.0).epsilon(4.0 / std::sqrt(double(n))));
    CHECK(sim.thinning_counts().candidates >= n);
}

TEST_CASE("thinning and direct: athermal plasticity identical event by event") {
    // At 1 K a thermal rate is either ~nu0 (a barrier within ~1e-4 eV of 0 right after an
    // avalanche) or underflows to 0, so both paths are in effect deterministic: the same
    // events must fire in the same order. Stresses agree to round-off (FFT flushes against
    // incremental sums).
    Config a = small_config(24, 1, 8, 5);
    a.kinetics.temperature_K = 1;
    a.loading.strain_step = 2e-4;
    Config b = a;
    b.kinetics.selection = EventSelection::direct;
    a.kinetics.selection = EventSelection::thinning;
    Simulation sa(a), sb(b);
    std::int64_t steps = 0;
    while (sa.applied_strain() < 0.09) {
        sa.step();
        sb.step();
        ++steps;
        REQUIRE(sa.counts().athermal == sb.counts().athermal);
        REQUIRE(sa.counts().thermal == sb.counts().thermal);
        REQUIRE(sa.last_event().voxel == sb.last_event().voxel);
        REQUIRE(sa.last_event().mode == sb.last_event().mode);
        REQUIRE(sa.stress_GPa() == doctest::Approx(sb.stress_GPa()).epsilon(1e-9));
    }
    CHECK(sa.counts().athermal > 100);
    CHECK(sa.counts().athermal > 5 * sa.counts().thermal);
    REQUIRE(sa.avalanches().size() == sb.avalanches().size());
    for (std::size_t k = 0; k < sa.avalanches().size(); ++k)
        CHECK(sa.avalanches()[k].events == sb.avalanches()[k].events);
}
