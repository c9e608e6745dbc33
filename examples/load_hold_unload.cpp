// Library example: a loading path of your own with the kMC engine. Load in uniaxial
// tension past yield, hold the strain (stress relaxation), then unload to zero stress.
//
// Shows the public kMC API: parse_config (parameters from YAML text), Simulation::load_to,
// hold, advance, and the observers (applied strain, stress, plastic strain, event counts).
// The physics is params/table1.yaml (paper 003, Table 1) on a small grid.
//
// Usage: example_load_hold_unload [key.path=value ...]
//   e.g. example_load_hold_unload grid.nx=64 grid.ny=64 run.seed=7
// Each argument overrides one parameter, as `stzkmc run --set` does.
//
// Exit status 0 only if the stress did not grow over the hold, every unloading step
// without events had the slope of the apparent modulus (within 5 %), and a positive
// plastic strain remained after unloading.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "stz/config/load_config.hpp"
#include "stz/kmc/simulation.hpp"

namespace {

// params/table1.yaml with a 32 x 32 grid and M = 8 modes: seconds instead of days.
// A 32^2 grid yields at about 2-2.5 % applied strain.
constexpr const char* kParams = R"(
grid: {nx: 32, ny: 32, voxel_size_nm: 0.7}
material: {young_modulus_GPa: 69.46, poisson_ratio: 0.365}
loading: {mode: uniaxial_tension, strain_rate_per_s: 1.0e-4, strain_step: 1.0e-5}
catalog: {modes: 8, barrier_mean_eV: 2.0, barrier_std_eV: 0.2, gamma_star: 0.14,
          stz_volume_factor: 2.0}
kinetics: {temperature_K: 300, attempt_frequency_per_s: 1.0e13}
softening: {kappa_p: 13, kappa_t: 39, eta_max: -ln 0.6, relaxation_barrier_eV: 0.37}
run: {seed: 1}
)";

constexpr double kPeakStrain = 0.03;      // beyond yield
constexpr double kHoldSeconds = 100.0;    // at fixed applied strain
constexpr double kRowStrain = 0.0025;     // table spacing while loading and unloading
constexpr double kRowSeconds = 20.0;      // table spacing while holding
constexpr double kSlopeTolerance = 0.05;  // relative, on elastic unloading steps

std::int64_t events(const stz::Simulation& sim) {
    return sim.counts().thermal + sim.counts().athermal;
}

void print_row(const char* phase, const stz::Simulation& sim) {
    std::printf("%-8s %10.5f %11.5f %12.6f %9.2f %8lld %9lld\n", phase, sim.applied_strain(),
                sim.stress_GPa(), sim.plastic_strain(), sim.time_s(),
                static_cast<long long>(sim.counts().thermal),
                static_cast<long long>(sim.counts().athermal));
}

}  // namespace

int main(int argc, char** argv) try {
    const std::vector<std::string> overrides(argv + 1, argv + argc);
    if (!overrides.empty() && (overrides[0] == "-h" || overrides[0] == "--help")) {
        std::printf(
            "usage: %s [key.path=value ...]\n"
            "  load to %.3g strain, hold %.0f s, unload to zero stress on a 32x32 grid "
            "with the\n  params/table1.yaml physics; each argument overrides one "
            "parameter (docs/parameters/),\n  e.g. grid.nx=64 grid.ny=64 run.seed=7\n",
            argv[0], kPeakStrain, kHoldSeconds);
        return 0;
    }
    const stz::Config cfg = stz::parse_config(kParams, "load_hold_unload", overrides);
    stz::Simulation sim(cfg);
    const double modulus = sim.apparent_modulus_GPa();  // E / (1 - nu^2) in 2D
    const double rate = cfg.loading.strain_rate_per_s;
    const double h = cfg.loading.strain_step;
    std::printf("%dx%dx%d voxels, M = %d, seed %llu; apparent modulus %.4f GPa\n", cfg.grid.nx,
                cfg.grid.ny, cfg.grid.nz, cfg.catalog.modes,
                static_cast<unsigned long long>(cfg.run.seed), modulus);
    std::printf("%-8s %10s %11s %12s %9s %8s %9s\n", "phase", "strain", "stress_GPa", "plastic",
                "time_s", "thermal", "athermal");
    print_row("start", sim);

    // 1. Load: load_to in slices, so that the table gets a row every kRowStrain.
    for (double target = kRowStrain; target < kPeakStrain + 0.5 * kRowStrain;
         target += kRowStrain) {
        sim.load_to(std::min(target, kPeakStrain), rate);
        print_row("load", sim);
    }

    // 2. Hold: the applied strain stays; thermal events relax the stress.
    const double hold_start_stress = sim.stress_GPa();
    const double hold_start_plastic = sim.plastic_strain();
    for (double held = 0; held < kHoldSeconds - 1e-9; held += kRowSeconds) {
        sim.hold(std::min(kRowSeconds, kHoldSeconds - held));
        print_row("hold", sim);
    }
    const double hold_end_stress = sim.stress_GPa();
    const double hold_end_plastic = sim.plastic_strain();
    const double hold_relaxation = hold_start_stress - hold_end_stress;

    // 3. Unload at the loading rate to zero stress: whole steps while the stress stays
    // positive, then the elastic remainder -stress / E' (when no event fires in it).
    int elastic_steps = 0, bad_slopes = 0;
    double worst_slope_error = 0, next_row = sim.applied_strain() - kRowStrain;
    while (sim.stress_GPa() > 1e-9 && sim.applied_strain() > 0) {
        const double d = -std::min({h, sim.stress_GPa() / modulus, sim.applied_strain()});
        const double s0 = sim.stress_GPa(), e0 = sim.applied_strain();
        const std::int64_t n0 = events(sim);
        sim.advance(d, -d / rate);
        if (events(sim) == n0) {  // purely elastic: d stress / d strain is the modulus
            const double slope = (sim.stress_GPa() - s0) / (sim.applied_strain() - e0);
            const double err = std::abs(slope / modulus - 1);
            worst_slope_error = std::max(worst_slope_error, err);
            ++elastic_steps;
            if (err > kSlopeTolerance) ++bad_slopes;
        }
        if (sim.applied_strain() <= next_row) {
            print_row("unload", sim);
            next_row -= kRowStrain;
        }
    }
    print_row("end", sim);

    const double plastic = sim.plastic_strain();
    std::printf(
        "hold: stress %.5f -> %.5f GPa (relaxed by %.5f GPa), plastic strain %.6f -> "
        "%.6f\n",
        hold_start_stress, hold_end_stress, hold_relaxation, hold_start_plastic, hold_end_plastic);
    std::printf("unload: %d elastic steps, worst slope error %.2e (tolerance %.0f %%)\n",
                elastic_steps, worst_slope_error, 100 * kSlopeTolerance);
    std::printf("after unloading: applied strain %.6f, stress %.2e GPa, plastic strain %.6f\n",
                sim.applied_strain(), sim.stress_GPa(), plastic);

    bool ok = true;
    if (hold_relaxation < -1e-12) {
        std::printf("FAIL: the stress grew by %.3e GPa during the hold\n", -hold_relaxation);
        ok = false;
    }
    if (elastic_steps == 0 || bad_slopes > 0) {
        std::printf("FAIL: %d of %d elastic unloading steps off the apparent modulus\n", bad_slopes,
                    elastic_steps);
        ok = false;
    }
    if (!(plastic > 0)) {
        std::printf("FAIL: no plastic strain left after unloading (%.3e)\n", plastic);
        ok = false;
    }
    std::printf("%s\n", ok ? "OK" : "FAILED");
    return ok ? 0 : 1;
} catch (const std::exception& e) {
    std::fprintf(stderr, "example_load_hold_unload: %s\n", e.what());
    return 2;
}
