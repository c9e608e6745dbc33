// Google Benchmark cases for the elastic solver: full FFT solve and incremental update.
// Run: build/bin/stz_benchmarks --benchmark_filter=Elastic
#include <benchmark/benchmark.h>

#include <array>
#include <random>

#include "stz/elasticity/eigen_basis.hpp"
#include "stz/elasticity/influence_kernels.hpp"

namespace {

const stz::IsotropicElasticity kGlass(69.46, 0.365);

stz::Grid grid_of(const benchmark::State& st) {
    const int n = static_cast<int>(st.range(0));
    return st.range(1) == 3 ? stz::Grid{n, n, n} : stz::Grid{n, n, 1};
}

void ElasticFullSolve(benchmark::State& st) {
    const stz::Grid g = grid_of(st);
    stz::FftSolver solver(g, kGlass);
    stz::TensorField eig(g), sig(g);
    eig.set(0, stz::deviatoric_basis(g.dim(), 0));
    for (auto _ : st) {
        solver.fluctuation_stress(eig, sig);
        benchmark::DoNotOptimize(sig.slot(0).data());
    }
    st.SetItemsProcessed(st.iterations() * static_cast<int64_t>(g.size()));
}

void ElasticIncrementalUpdate(benchmark::State& st) {
    const stz::Grid g = grid_of(st);
    stz::FftSolver solver(g, kGlass);
    const stz::InfluenceKernels kernels(solver);
    stz::TensorField sig(g);
    std::mt19937_64 rng(1);
    std::uniform_int_distribution<std::size_t> site(0, g.size() - 1);
    std::array<double, 5> dc{0.07, -0.03, 0.02, 0.05, -0.01};
    const std::span<const double> c(dc.data(), kernels.basis_size());
    for (auto _ : st) {
        kernels.add_source(sig, site(rng), c);
        benchmark::DoNotOptimize(sig.slot(0).data());
    }
    st.SetItemsProcessed(st.iterations() * static_cast<int64_t>(g.size()));
}

}  // namespace

BENCHMARK(ElasticFullSolve)->Args({128, 2})->Args({512, 2})->Args({32, 3})->Args({64, 3})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(ElasticIncrementalUpdate)->Args({128, 2})->Args({512, 2})->Args({32, 3})->Args({64, 3})
    ->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
