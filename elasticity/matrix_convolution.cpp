#include "stz/elasticity/matrix_convolution.hpp"

#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <mutex>
#include <utility>
#include <vector>

#include "stz/core/error.hpp"
#include "elasticity/fftw_util.hpp"
#include "stz/internal/omp.hpp"

namespace stz {

using detail::fftw_buffer;
using detail::FftwBuffer;

struct MatrixConvolution::Impl {
    Grid grid;
    int nb = 0;
    std::size_t n_real = 0, n_cplx = 0;
    std::vector<FftwBuffer<double>> real;          // nb real fields
    std::vector<FftwBuffer<fftw_complex>> spec;    // nb spectra of the input
    std::vector<FftwBuffer<fftw_complex>> out_spec;  // nb spectra of the output
    std::vector<FftwBuffer<fftw_complex>> kspec;   // nb * nb kernel spectra [b][c] (general)
    // Even, symmetric kernel (J(-r) = J(r), J_bc = J_cb, as the work kernel of an elastic
    // Green operator): its spectra are real and symmetric, nb (nb + 1) / 2 real arrays for
    // b <= c, [b][c] at rspec_index(b, c).
    bool even_symmetric = false;
    std::vector<FftwBuffer<double>> rspec;
    fftw_plan forward = nullptr, backward = nullptr;

    Impl(const Grid& g, int nb_in, const double* kernel) : grid(g), nb(nb_in) {
        STZ_REQUIRE(nb >= 1 && nb <= 5, "matrix convolution: basis size " << nb << " not in 1..5");
        n_real = g.size();
        n_cplx = static_cast<std::size_t>(g.nz) * g.ny * (g.nx / 2 + 1);
        for (int b = 0; b < nb; ++b) {
            real.push_back(fftw_buffer<double>(n_real));
            spec.push_back(fftw_buffer<fftw_complex>(n_cplx));
            out_spec.push_back(fftw_buffer<fftw_complex>(n_cplx));
        }
        const int rank = g.dim();
        const int dims3[3] = {g.nz, g.ny, g.nx};
        const int* dims = rank == 2 ? dims3 + 1 : dims3;
        {
            const std::lock_guard<std::mutex> lock(detail::fftw_planner_mutex());
            // FFTW_ESTIMATE: the same algorithm, and so the same round-off, on every run.
            forward = fftw_plan_dft_r2c(rank, dims, real[0].get(), spec[0].get(), FFTW_ESTIMATE);
            backward = fftw_plan_dft_c2r(rank, dims, out_spec[0].get(), real[0].get(),
                                         FFTW_ESTIMATE | FFTW_DESTROY_INPUT);
        }
        STZ_REQUIRE(forward && backward, "FFTW could not plan a transform of "
                                             << g.nx << "x" << g.ny << "x" << g.nz);
        const std::size_t nn = static_cast<std::size_t>(nb) * nb;
        double re_max = 0, im_max = 0;
        for (std::size_t bc = 0; bc < nn; ++bc) {
            kspec.push_back(fftw_buffer<fftw_complex>(n_cplx));
            double* r = real[0].get();
            for (std::size_t i = 0; i < n_real; ++i) r[i] = kernel[i * nn + bc];
            fftw_execute_dft_r2c(forward, r, kspec.back().get());
            for (std::size_t k = 0; k < n_cplx; ++k) {
                re_max = std::max(re_max, std::abs(kspec.back()[k][0]));
                im_max = std::max(im_max, std::abs(kspec.back()[k][1]));
            }
        }
        // Even and symmetric up to round-off (the transform's is ~1e-16 relative)?
        const double tol = kSymmetryTolerance * re_max;
        even_symmetric = im_max <= tol;
        for (int b = 0; b < nb && even_symmetric; ++b)
            for (int c = b + 1; c < nb && even_symmetric; ++c) {
                const fftw_complex* x = kspec[static_cast<std::size_t>(b) * nb + c].get();
                const fftw_complex* y = kspec[static_cast<std::size_t>(c) * nb + b].get();
                for (std::size_t k = 0; k < n_cplx; ++k)
                    if (std::abs(x[k][0] - y[k][0]) > tol) {
                        even_symmetric = false;
                        break;
                    }
            }
        if (even_symmetric) {
            for (int b = 0; b < nb; ++b)
                for (int c = b; c < nb; ++c) {
                    rspec.push_back(fftw_buffer<double>(n_cplx));
                    const fftw_complex* x = kspec[static_cast<std::size_t>(b) * nb + c].get();
                    const fftw_complex* y = kspec[static_cast<std::size_t>(c) * nb + b].get();
                    double* o = rspec.back().get();
                    for (std::size_t k = 0; k < n_cplx; ++k) o[k] = 0.5 * (x[k][0] + y[k][0]);
                }
            kspec.clear();
        }
    }
    /// Spectra of an even, symmetric kernel are real and symmetric to this fraction of their
    /// largest value (the transforms' round-off is ~1e-16 of it); then only those are kept.
    static constexpr double kSymmetryTolerance = 1e-11;
    [[nodiscard]] std::size_t rspec_index(int b, int c) const {
        if (b > c) std::swap(b, c);
        // Rows b' < b hold nb - b' entries each.
        return static_cast<std::size_t>(b * nb - b * (b - 1) / 2 + (c - b));
    }
    ~Impl() {
        const std::lock_guard<std::mutex> lock(detail::fftw_planner_mutex());
        if (forward) fftw_destroy_plan(forward);
        if (backward) fftw_destroy_plan(backward);
    }

    /// real[b] := N (J * in)_b (FFTW's inverse is unnormalized; apply() divides).
    void convolve(const double* in) {
        const long long n = static_cast<long long>(n_real);
        const bool par = n_real >= 4096;
        // One pass over `in` for all components (it is [voxel][nb]).
        double* r[5];
        for (int c = 0; c < nb; ++c) r[c] = real[c].get();
        const int nbc = nb;
        STZ_OMP(parallel for schedule(static) if (par))
        for (long long i = 0; i < n; ++i)
            for (int c = 0; c < nbc; ++c) r[c][i] = in[static_cast<std::size_t>(i) * nbc + c];
        STZ_OMP(parallel for schedule(static) if (par))
        for (int c = 0; c < nb; ++c) fftw_execute_dft_r2c(forward, r[c], spec[c].get());
        // out^_b(k) = sum_c J^_bc(k) in^_c(k).
        STZ_OMP(parallel for schedule(static) if (par))
        for (int b = 0; b < nb; ++b) {
            fftw_complex* o = out_spec[b].get();
            for (std::size_t k = 0; k < n_cplx; ++k) o[k][0] = o[k][1] = 0.0;
            for (int c = 0; c < nb; ++c) {
                const fftw_complex* x = spec[c].get();
                if (even_symmetric) {
                    const double* kr = rspec[rspec_index(b, c)].get();
                    for (std::size_t k = 0; k < n_cplx; ++k) {
                        o[k][0] += kr[k] * x[k][0];
                        o[k][1] += kr[k] * x[k][1];
                    }
                    continue;
                }
                const fftw_complex* kj = kspec[static_cast<std::size_t>(b) * nb + c].get();
                for (std::size_t k = 0; k < n_cplx; ++k) {
                    o[k][0] += kj[k][0] * x[k][0] - kj[k][1] * x[k][1];
                    o[k][1] += kj[k][0] * x[k][1] + kj[k][1] * x[k][0];
                }
            }
            fftw_execute_dft_c2r(backward, o, real[b].get());
        }
    }

    void apply(const double* in, double* out, std::size_t stride) {
        convolve(in);
        const long long n = static_cast<long long>(n_real);
        const double* r[5];
        for (int b = 0; b < nb; ++b) r[b] = real[b].get();
        const int nbc = nb;
        // One pass over `out` for all components, with FFTW's 1/N.
        const double inv_n = 1.0 / static_cast<double>(n_real);
        STZ_OMP(parallel for schedule(static) if (n_real >= 4096))
        for (long long i = 0; i < n; ++i)
            for (int b = 0; b < nbc; ++b) out[static_cast<std::size_t>(i) * stride + b] = r[b][i] * inv_n;
    }
};

MatrixConvolution::MatrixConvolution(const Grid& grid, int nb, const double* kernel)
    : impl_(std::make_unique<Impl>(grid, nb, kernel)) {}
MatrixConvolution::~MatrixConvolution() = default;
MatrixConvolution::MatrixConvolution(MatrixConvolution&&) noexcept = default;
MatrixConvolution& MatrixConvolution::operator=(MatrixConvolution&&) noexcept = default;

void MatrixConvolution::apply(const double* in, double* out, std::size_t out_stride) {
    impl_->apply(in, out, out_stride);
}

bool MatrixConvolution::even_symmetric() const { return impl_->even_symmetric; }

std::size_t MatrixConvolution::memory_bytes() const {
    const std::size_t nb = static_cast<std::size_t>(impl_->nb);
    const std::size_t kernel = impl_->even_symmetric ? nb * (nb + 1) / 2 * impl_->n_cplx * sizeof(double)
                                                     : nb * nb * impl_->n_cplx * sizeof(fftw_complex);
    return nb * impl_->n_real * sizeof(double) + 2 * nb * impl_->n_cplx * sizeof(fftw_complex) + kernel;
}

}  // namespace stz
