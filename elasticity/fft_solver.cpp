#include "stz/elasticity/fft_solver.hpp"

#include <fftw3.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <mutex>
#include <vector>

#include "stz/core/error.hpp"
#include "elasticity/fftw_util.hpp"
#include "stz/internal/omp.hpp"

namespace stz {

std::mutex& detail::fftw_planner_mutex() {
    static std::mutex m;
    return m;
}

namespace {

std::mutex& planner_mutex() { return detail::fftw_planner_mutex(); }

using cplx = std::complex<double>;

using detail::fftw_buffer;
using detail::FftwBuffer;

/// Signed frequency of FFT index j on an axis of n points, with the Nyquist frequency of
/// an even axis mapped to 0 (see the header).
double axis_frequency(int j, int n) {
    if (2 * j == n) return 0.0;
    const int m = (2 * j < n) ? j : j - n;
    return static_cast<double>(m) / static_cast<double>(n);
}

/// Stress sigma^(k) = C : (Gamma0(n) : C : e - e) for one wavevector direction n (unit),
/// in place on the six Voigt components e (tensor shears) of eps*^(k).
void apply_green(const double n[3], double lambda, double mu, cplx e[6]) {
    // Eigenstress s = C : eps*.
    const cplx tr = e[0] + e[1] + e[2];
    const cplx s[6] = {lambda * tr + 2 * mu * e[0], lambda * tr + 2 * mu * e[1],
                       lambda * tr + 2 * mu * e[2], 2 * mu * e[3],
                       2 * mu * e[4],               2 * mu * e[5]};
    // t = s . n (s symmetric; Voigt 3 = yz, 4 = xz, 5 = xy).
    const cplx t[3] = {s[0] * n[0] + s[5] * n[1] + s[4] * n[2],
                       s[5] * n[0] + s[1] * n[1] + s[3] * n[2],
                       s[4] * n[0] + s[3] * n[1] + s[2] * n[2]};
    const cplx nt = t[0] * n[0] + t[1] * n[1] + t[2] * n[2];
    // Displacement amplitude direction v = K(n)^-1 t with K = mu I + (lambda + mu) n n.
    const double alpha = (lambda + mu) / (lambda + 2 * mu);
    const cplx v[3] = {(t[0] - alpha * n[0] * nt) / mu, (t[1] - alpha * n[1] * nt) / mu,
                       (t[2] - alpha * n[2] * nt) / mu};
    // Compatible strain eps~ = sym(n (x) v); stress = C : eps~ - s.
    const cplx ex = n[0] * v[0], ey = n[1] * v[1], ez = n[2] * v[2];
    const cplx etr = ex + ey + ez;
    e[0] = lambda * etr + 2 * mu * ex - s[0];
    e[1] = lambda * etr + 2 * mu * ey - s[1];
    e[2] = lambda * etr + 2 * mu * ez - s[2];
    e[3] = mu * (n[1] * v[2] + n[2] * v[1]) - s[3];
    e[4] = mu * (n[0] * v[2] + n[2] * v[0]) - s[4];
    e[5] = mu * (n[0] * v[1] + n[1] * v[0]) - s[5];
}

}  // namespace

struct FftSolver::Impl {
    Grid grid;
    IsotropicElasticity material;
    int ncomp = 0;
    std::size_t n_real = 0, n_cplx = 0;
    std::vector<FftwBuffer<double>> real;
    std::vector<FftwBuffer<fftw_complex>> spec;
    fftw_plan forward = nullptr, backward = nullptr;

    Impl(const Grid& g, const IsotropicElasticity& m) : grid(g), material(m) {
        STZ_REQUIRE(g.nx >= 2 && g.ny >= 2 && (g.nz == 1 || g.nz >= 2),
                    "FFT grid must be at least 2x2 (2D) or 2x2x2 (3D), got "
                        << g.nx << "x" << g.ny << "x" << g.nz);
        ncomp = g.dim() == 2 ? 4 : 6;
        n_real = g.size();
        n_cplx = static_cast<std::size_t>(g.nz) * g.ny * (g.nx / 2 + 1);
        for (int c = 0; c < ncomp; ++c) {
            real.push_back(fftw_buffer<double>(n_real));
            spec.push_back(fftw_buffer<fftw_complex>(n_cplx));
        }
        const int rank = g.dim();
        const int dims3[3] = {g.nz, g.ny, g.nx};
        const int* dims = rank == 2 ? dims3 + 1 : dims3;
        // The planner is not thread-safe; plans are made here once, executed many times
        // (fftw_execute_dft_* on other buffers of the same alignment is thread-safe). A
        // process-wide mutex, not an OpenMP critical: solvers are also built on threads
        // that OpenMP does not know (concurrent runs of `stzkmc sweep`).
        {
            const std::lock_guard<std::mutex> lock(planner_mutex());
            forward = fftw_plan_dft_r2c(rank, dims, real[0].get(), spec[0].get(), FFTW_ESTIMATE);
            backward = fftw_plan_dft_c2r(rank, dims, spec[0].get(), real[0].get(),
                                         FFTW_ESTIMATE | FFTW_DESTROY_INPUT);
        }
        STZ_REQUIRE(forward && backward, "FFTW could not plan a transform of "
                                             << g.nx << "x" << g.ny << "x" << g.nz);
    }
    ~Impl() {
        {
            const std::lock_guard<std::mutex> lock(planner_mutex());
            if (forward) fftw_destroy_plan(forward);
            if (backward) fftw_destroy_plan(backward);
        }
    }

    /// Slot s of a field of this dimension -> Voigt index.
    int voigt_of_slot(int s) const {
        static constexpr int k2d[4] = {0, 1, 2, 5};
        return ncomp == 4 ? k2d[s] : s;
    }

    void solve(const TensorField& eig, TensorField& out) {
        STZ_REQUIRE(eig.grid() == grid && out.grid() == grid,
                    "field grid does not match the solver's grid");
STZ_OMP(parallel for schedule(static) if (n_real >= 4096))
        for (int c = 0; c < ncomp; ++c) {
            std::copy(eig.slot(c).begin(), eig.slot(c).end(), real[c].get());
            fftw_execute_dft_r2c(forward, real[c].get(), spec[c].get());
        }
        apply_operator();
STZ_OMP(parallel for schedule(static) if (n_real >= 4096))
        for (int c = 0; c < ncomp; ++c) {
            fftw_execute_dft_c2r(backward, spec[c].get(), real[c].get());
            const double inv_n = 1.0 / static_cast<double>(n_real);
            auto dst = out.slot(c);
            const double* src = real[c].get();
            for (std::size_t i = 0; i < n_real; ++i) dst[i] = src[i] * inv_n;
        }
    }

    void apply_operator() {
        const int nxh = grid.nx / 2 + 1;
        const double lambda = material.lame_lambda_GPa(), mu = material.shear_modulus_GPa();
        const int rows = grid.ny * grid.nz;
STZ_OMP(parallel for schedule(static) if (n_real >= 4096))
        for (int row = 0; row < rows; ++row) {
            const int jy = row % grid.ny, jz = row / grid.ny;
            const double ky = axis_frequency(jy, grid.ny);
            const double kz = grid.nz == 1 ? 0.0 : axis_frequency(jz, grid.nz);
            for (int jx = 0; jx < nxh; ++jx) {
                const std::size_t idx = static_cast<std::size_t>(row) * nxh + jx;
                const double kx = axis_frequency(jx, grid.nx);
                const double k2 = kx * kx + ky * ky + kz * kz;
                if (k2 == 0.0) {  // k = 0 (mean, handled outside) or all-Nyquist: no stress
                    for (int c = 0; c < ncomp; ++c) spec[c][idx][0] = spec[c][idx][1] = 0.0;
                    continue;
                }
                const double inv = 1.0 / std::sqrt(k2);
                const double n[3] = {kx * inv, ky * inv, kz * inv};
                cplx e[6] = {};
                for (int c = 0; c < ncomp; ++c)
                    e[voigt_of_slot(c)] = cplx(spec[c][idx][0], spec[c][idx][1]);
                apply_green(n, lambda, mu, e);
                for (int c = 0; c < ncomp; ++c) {
                    spec[c][idx][0] = e[voigt_of_slot(c)].real();
                    spec[c][idx][1] = e[voigt_of_slot(c)].imag();
                }
            }
        }
    }
};

FftSolver::FftSolver(const Grid& grid, const IsotropicElasticity& material)
    : impl_(std::make_unique<Impl>(grid, material)) {}
FftSolver::~FftSolver() = default;
FftSolver::FftSolver(FftSolver&&) noexcept = default;
FftSolver& FftSolver::operator=(FftSolver&&) noexcept = default;

const Grid& FftSolver::grid() const { return impl_->grid; }
const IsotropicElasticity& FftSolver::material() const { return impl_->material; }

void FftSolver::fluctuation_stress(const TensorField& eigenstrain, TensorField& stress) {
    impl_->solve(eigenstrain, stress);
}

void FftSolver::stress(const TensorField& eigenstrain, const SymTensor& mean_strain,
                       TensorField& out) {
    STZ_REQUIRE(grid().dim() == 3 || (mean_strain.zz == 0 && mean_strain.xz == 0 &&
                                      mean_strain.yz == 0),
                "a 2D (plane strain) mean strain must be in-plane (zz, xz, yz = 0)");
    impl_->solve(eigenstrain, out);
    add_uniform(out, mean_stress(impl_->material, mean_strain, eigenstrain.mean()));
}

SymTensor mean_stress(const IsotropicElasticity& material, const SymTensor& mean_strain,
                      const SymTensor& mean_eigenstrain) {
    return material.stress(mean_strain - mean_eigenstrain);
}

void add_uniform(TensorField& field, const SymTensor& t) {
    const auto v = t.voigt();
    for (int s = 0; s < field.stored_components(); ++s) {
        const double a = v[static_cast<int>(field.slot_component(s))];
        for (double& x : field.slot(s)) x += a;
    }
}

}  // namespace stz
