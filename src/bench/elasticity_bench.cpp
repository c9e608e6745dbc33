#include "stz/bench/elasticity_bench.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <random>
#include <sstream>

#include "stz/core/build_info.hpp"
#include "stz/elasticity/eigen_basis.hpp"
#include "stz/elasticity/influence_kernels.hpp"

namespace stz {

namespace {
using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}
}  // namespace

std::vector<Grid> default_elasticity_bench_grids() {
    return {Grid{64, 64, 1},   Grid{128, 128, 1}, Grid{256, 256, 1}, Grid{512, 512, 1},
            Grid{1024, 1024, 1}, Grid{32, 32, 32}, Grid{64, 64, 64},  Grid{128, 128, 128}};
}

std::vector<ElasticityBenchRow> bench_elasticity(const ElasticityBenchOptions& opt) {
    const IsotropicElasticity glass(69.46, 0.365);  // seed Table 1
    std::vector<ElasticityBenchRow> rows;
    for (const Grid& g : opt.grids) {
        ElasticityBenchRow row;
        row.grid = g;
        row.threads = thread_count();
        auto t0 = Clock::now();
        FftSolver solver(g, glass);
        const InfluenceKernels kernels(solver);
        row.setup_s = seconds_since(t0);
        row.kernel_memory_MB = double(kernels.memory_bytes()) / (1024.0 * 1024.0);

        // A random plastic eigenstrain field, as in a deformed sample.
        std::mt19937_64 rng(1);
        std::normal_distribution<double> z(0.0, 0.07);
        TensorField eig(g), sig(g);
        const int nb = kernels.basis_size();
        for (std::size_t i = 0; i < g.size(); ++i) {
            std::array<double, 5> c{};
            for (int b = 0; b < nb; ++b) c[b] = z(rng);
            eig.set(i, from_deviatoric_coefficients(g.dim(), std::span<const double>(c.data(), nb)));
        }
        solver.fluctuation_stress(eig, sig);  // warm-up
        t0 = Clock::now();
        do {
            solver.fluctuation_stress(eig, sig);
            ++row.full_solves;
        } while (seconds_since(t0) < opt.min_seconds || row.full_solves < 2);
        row.full_solve_ms = 1e3 * seconds_since(t0) / row.full_solves;

        std::uniform_int_distribution<std::size_t> site(0, g.size() - 1);
        std::array<double, 5> dc{};
        t0 = Clock::now();
        do {
            for (int b = 0; b < nb; ++b) dc[b] = z(rng);
            kernels.add_source(sig, site(rng), std::span<const double>(dc.data(), nb));
            ++row.updates;
        } while (seconds_since(t0) < opt.min_seconds || row.updates < 5);
        row.incremental_update_ms = 1e3 * seconds_since(t0) / row.updates;
        row.update_ns_per_voxel = 1e6 * row.incremental_update_ms / double(g.size());
        spdlog::info("bench elasticity {}x{}x{}: full solve {:.3f} ms, update {:.4f} ms", g.nx,
                     g.ny, g.nz, row.full_solve_ms, row.incremental_update_ms);
        rows.push_back(row);
    }
    return rows;
}

std::string to_markdown(const std::vector<ElasticityBenchRow>& rows) {
    std::ostringstream os;
    os << "| grid | voxels | threads | setup (s) | full solve (ms) | incremental update (ms) "
          "| update (ns/voxel) | full / update | kernel memory (MB) |\n"
       << "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    char buf[256];
    for (const auto& r : rows) {
        const std::string grid = r.grid.dim() == 2
                                     ? std::to_string(r.grid.nx) + "x" + std::to_string(r.grid.ny)
                                     : std::to_string(r.grid.nx) + "x" + std::to_string(r.grid.ny) +
                                           "x" + std::to_string(r.grid.nz);
        std::snprintf(buf, sizeof buf, "| %s | %zu | %d | %.3f | %.3f | %.4f | %.3f | %.1f | %.1f |\n",
                      grid.c_str(), r.grid.size(), r.threads, r.setup_s, r.full_solve_ms,
                      r.incremental_update_ms, r.update_ns_per_voxel,
                      r.full_solve_ms / r.incremental_update_ms, r.kernel_memory_MB);
        os << buf;
    }
    return os.str();
}

}  // namespace stz
