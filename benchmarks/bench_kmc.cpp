// Google Benchmark cases for the kMC engine: loading steps of a Table 1 glass near yield,
// direct (003-eq 7) against thinning, reported as events per second.
// Run: build/bin/stz_benchmarks --benchmark_filter=Kmc
// The figures in docs/benchmarks.md come from `stzkmc bench kmc` (whole runs, peak memory).
#include <benchmark/benchmark.h>

#include "stz/kmc/simulation.hpp"

namespace {

stz::Config table1(int n, stz::EventSelection sel) {
    stz::Config c;
    c.source = "benchmark";
    c.grid.nx = c.grid.ny = n;
    c.grid.voxel_size_nm = 0.7;
    c.material = {69.46, 0.365};
    c.loading.strain_rate_per_s = 1e-4;
    c.loading.strain_step = 1e-5;
    c.catalog.modes = 20;
    c.catalog.gamma_star = 0.14;
    c.catalog.stz_volume_factor = 2.0;
    c.kinetics.selection = sel;
    return c;
}

void run_steps(benchmark::State& st, stz::EventSelection sel) {
    const int n = static_cast<int>(st.range(0));
    // Start near yield: strain 1.7 %, reached at 1 /s (few thermal events on the way).
    stz::Simulation sim(table1(n, sel));
    sim.load_to(0.017, 1.0);
    std::int64_t events = 0;
    for (auto _ : st) {
        const auto before = sim.counts().thermal + sim.counts().athermal;
        sim.step();
        events += sim.counts().thermal + sim.counts().athermal - before;
    }
    st.counters["events_per_s"] =
        benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

void KmcDirectSteps(benchmark::State& st) { run_steps(st, stz::EventSelection::direct); }
void KmcThinningSteps(benchmark::State& st) { run_steps(st, stz::EventSelection::thinning); }

}  // namespace

BENCHMARK(KmcDirectSteps)->Arg(64)->Arg(128)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(KmcThinningSteps)->Arg(64)->Arg(128)->Arg(256)->Unit(benchmark::kMillisecond)->MinTime(2.0);
