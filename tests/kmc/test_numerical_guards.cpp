// Numerical guards of the kMC engine (docs/reliability.md, "Numerical guards"): absurd
// constants are refused when the Simulation is built, a non-finite stress is reported with
// the voxel and the point of the run, and a state where no event can happen lets time run
// on instead of dividing by a zero total rate or spinning.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "kmc_test_util.hpp"
#include "stz/core/error.hpp"
#include "stz/elasticity/fft_solver.hpp"
#include "stz/kmc/simulation.hpp"

namespace {

using stz::test::small_config;

/// The message of the stz::Error that `f` throws ("" if it returns).
std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const stz::Error& e) {
        return e.what();
    }
    return "";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("constants whose rates would overflow are refused when the Simulation is built") {
    // A Config built in code skips the loader's bounds; the engine checks what it derives.
    auto c = small_config(8);
    c.kinetics.temperature_K = 1e-320;  // k_B T underflows to 0: 1 / k_B T = inf
    CHECK(contains(error_of([&] { stz::Simulation s(c); }), "kinetics.temperature_K = "));
    CHECK(contains(error_of([&] { stz::Simulation s(c); }), "1 / k_B T overflow"));

    c = small_config(8);
    c.kinetics.attempt_frequency_per_s = 1e306;  // x 8*8 voxels x 6 modes > DBL_MAX
    CHECK(contains(error_of([&] { stz::Simulation s(c); }),
                   "kinetics.attempt_frequency_per_s = 1e+306 /s: the total rate N M nu0 would overflow"));

    c = small_config(8);
    c.grid.voxel_size_nm = 1e200;  // V = 2 l0^3 = inf
    CHECK(contains(error_of([&] { stz::Simulation s(c); }), "the STZ volume must be positive and finite, got inf"));

    c = small_config(8);
    c.grid.nx = 1;
    CHECK(contains(error_of([&] { stz::Simulation s(c); }), "grid 1 x 8 x 1: expected nx, ny >= 2 and nz >= 1"));

    // The bounds are not too tight: the extremes the loader accepts build.
    c = small_config(8);
    c.kinetics.temperature_K = 1e-3;
    c.kinetics.attempt_frequency_per_s = 1e20;
    CHECK(error_of([&] { stz::Simulation s(c); }).empty());
}

TEST_CASE("a non-finite stress is reported with the voxel and the point of the run") {
    // gamma* = 1e200: the first event's stress is ~1e202 GPa and the work c p on the next
    // refresh overflows to inf, so Q = -inf. Each selection must stop with the voxel and the
    // applied strain instead of firing on with meaningless rates.
    for (auto sel : {stz::EventSelection::direct, stz::EventSelection::tree, stz::EventSelection::thinning}) {
        CAPTURE(static_cast<int>(sel));
        auto c = small_config(8);
        c.catalog.gamma_star = 1e200;
        c.kinetics.selection = sel;
        std::string msg;
        int steps = 0;
        {
            stz::Simulation s(c);
            msg = error_of([&] {
                for (; steps < 100; ++steps) s.step();
            });
        }
        INFO(msg);
        CHECK(steps < 100);  // it did stop
        CHECK(contains(msg, "non-finite"));
        CHECK(contains(msg, "voxel "));
        // The first event (athermal, at the end of the first 1 s interval to strain 1e-4)
        // makes the overflow; the next refresh reports it.
        CHECK(contains(msg, "at applied strain 0.0001, t = 1 s, after 1 events, in loading interval 1"));
    }
}

TEST_CASE("thinning: a non-finite stress after an FFT flush is reported with the voxel") {
    // gamma* = 1e306: the eigenstrain of one event times the shear modulus overflows, so the
    // FFT solve of the whole field gives inf/NaN. The block check stops the step first; a
    // flush (synchronize) of that state must then be refused by the field check, not
    // leave non-finite values in the stored field.
    auto c = small_config(8);
    c.catalog.gamma_star = 1e306;
    c.kinetics.selection = stz::EventSelection::thinning;
    stz::Simulation s(c);
    const std::string first = error_of([&] {
        for (int k = 0; k < 100; ++k) s.step();
    });
    INFO(first);
    REQUIRE(contains(first, "non-finite"));
    const std::string msg = error_of([&] { s.synchronize(); });
    INFO(msg);
    CHECK(contains(msg, "non-finite stress work "));
    CHECK(contains(msg, " after the FFT solve of flush "));
    CHECK(contains(msg, "voxel "));
    CHECK(contains(msg, "at applied strain 0.0001, t = 1 s"));
}

TEST_CASE("no event possible (all rates 0): time runs to the end, no division by zero") {
    // At 1 mK every thermal rate nu0 exp(-Q / k_B T) with Q ~ 2 eV underflows to exactly 0;
    // at zero load no barrier is <= 0. Correct physics: nothing happens, and a hold of 1000 s
    // ends at t = 1000 s (exactly: the intervals add up in binary to it) after no event, for
    // every selection and both schemes. A division by the zero total or a loop waiting for
    // an event would fail or time out here.
    for (auto scheme : {stz::KmcScheme::continuous, stz::KmcScheme::paper}) {
        for (auto sel : {stz::EventSelection::direct, stz::EventSelection::tree, stz::EventSelection::thinning}) {
            CAPTURE(static_cast<int>(scheme));
            CAPTURE(static_cast<int>(sel));
            auto c = small_config(8);
            c.kinetics.temperature_K = 1e-3;
            c.kinetics.scheme = scheme;
            c.kinetics.selection = sel;
            c.loading.strain_step = 1e-4;
            c.loading.strain_rate_per_s = 1e-4;  // 1 s intervals
            stz::Simulation s(c);
            CHECK(s.total_rate_per_s() == 0.0);
            s.hold(1000.0);
            CHECK(s.time_s() == doctest::Approx(1000.0).epsilon(1e-12));
            CHECK(s.counts().thermal == 0);
            CHECK(s.counts().athermal == 0);
            CHECK(s.counts().steps == 1000);
            CHECK(s.stress_GPa() == 0.0);
        }
    }
}

TEST_CASE("the smallest grids (2 x 2, 2 x 5, 3 x 3, 2 x 2 x 2) run with exact, finite stresses") {
    // Not degenerate for the solver: after events the incrementally updated stress equals
    // a full FFT solve of the plastic eigenstrain to 1e-10 of its scale (as on 16 x 16 in
    // test_simulation), and the mean stress obeys the mixed boundary condition. A solver
    // mishandling the Nyquist mode of a 2-voxel axis would fail the comparison.
    struct Case {
        int nx, ny, nz;
    };
    for (const Case k : {Case{2, 2, 1}, Case{2, 5, 1}, Case{3, 3, 1}, Case{2, 2, 2}}) {
        for (auto sel : {stz::EventSelection::direct, stz::EventSelection::thinning}) {
            CAPTURE(k.nx);
            CAPTURE(k.ny);
            CAPTURE(k.nz);
            CAPTURE(static_cast<int>(sel));
            auto c = small_config(2, k.nz);
            c.grid.nx = k.nx;
            c.grid.ny = k.ny;
            c.kinetics.selection = sel;
            stz::Simulation sim(c);
            while (sim.counts().thermal + sim.counts().athermal < 5 && sim.applied_strain() < 0.2) sim.step();
            REQUIRE(sim.counts().thermal + sim.counts().athermal >= 5);
            sim.synchronize();
            const stz::Grid& g = sim.grid();
            stz::TensorField eig(g), full(g);
            for (std::size_t i = 0; i < g.size(); ++i) eig.set(i, sim.plastic_eigenstrain(i));
            stz::FftSolver solver(g, stz::IsotropicElasticity(69.46, 0.365));
            solver.stress(eig, sim.mean_fields().strain, full);
            double err = 0, scale = 0;
            for (std::size_t i = 0; i < g.size(); ++i) {
                REQUIRE(std::isfinite(norm(sim.stress(i))));
                err = std::max(err, norm(full.at(i) - sim.stress(i)));
                scale = std::max(scale, norm(full.at(i)));
            }
            CHECK(err < 1e-10 * scale);
            CHECK(std::abs(sim.mean_fields().stress.xx) < 1e-12);  // uniaxial tension along y (2D) / z (3D)
        }
    }
}
