// MatrixConvolution (the thinning path's FFT recomputation of the stress work) against the
// periodic convolution summed directly, on odd, even and 3D grids.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "stz/core/error.hpp"
#include "stz/core/grid.hpp"
#include "stz/elasticity/matrix_convolution.hpp"

using stz::Grid;
using stz::MatrixConvolution;

namespace {
struct Case {
    int nx, ny, nz, nb;
};

/// Convolves a random input with a random kernel (made even and symmetric if `even`:
/// J(r) := the average of J(r), J(-r) and their transposes) and compares with the direct
/// sum, O(N^2). Tolerance 1e-12 relative to the largest output: FFT round-off grows like
/// log N times machine epsilon. Returns whether the convolution took the kernel as even.
bool check_against_direct_sum(const Case& k, bool even) {
    Grid g;
    g.nx = k.nx;
    g.ny = k.ny;
    g.nz = k.nz;
    const std::size_t n = g.size(), nb = static_cast<std::size_t>(k.nb);
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    std::vector<double> kern(n * nb * nb), in(n * nb);
    for (double& v : kern) v = u(rng);
    for (double& v : in) v = u(rng);
    const auto minus = [&](std::size_t r) {
        const int x = static_cast<int>(r % g.nx), y = static_cast<int>((r / g.nx) % g.ny),
                  z = static_cast<int>(r / (static_cast<std::size_t>(g.nx) * g.ny));
        return g.index((g.nx - x) % g.nx, (g.ny - y) % g.ny, (g.nz - z) % g.nz);
    };
    if (even) {
        std::vector<double> sym(kern.size());
        for (std::size_t r = 0; r < n; ++r)
            for (std::size_t b = 0; b < nb; ++b)
                for (std::size_t c = 0; c < nb; ++c) {
                    const std::size_t m = minus(r);
                    sym[(r * nb + b) * nb + c] = 0.25 * (kern[(r * nb + b) * nb + c] + kern[(r * nb + c) * nb + b] +
                                                         kern[(m * nb + b) * nb + c] + kern[(m * nb + c) * nb + b]);
                }
        kern = sym;
    }
    MatrixConvolution conv(g, k.nb, kern.data());
    const std::size_t stride = nb + 3;  // output entries beyond nb are left alone
    std::vector<double> out(n * stride, 7.0);
    conv.apply(in.data(), out.data(), stride);
    double err = 0, scale = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const int ix = static_cast<int>(i % g.nx), iy = static_cast<int>((i / g.nx) % g.ny),
                  iz = static_cast<int>(i / (static_cast<std::size_t>(g.nx) * g.ny));
        for (std::size_t b = 0; b < nb; ++b) {
            double want = 0;
            for (std::size_t j = 0; j < n; ++j) {
                const int jx = static_cast<int>(j % g.nx), jy = static_cast<int>((j / g.nx) % g.ny),
                          jz = static_cast<int>(j / (static_cast<std::size_t>(g.nx) * g.ny));
                const std::size_t r = g.index((ix - jx + g.nx) % g.nx, (iy - jy + g.ny) % g.ny,
                                              (iz - jz + g.nz) % g.nz);
                for (std::size_t c = 0; c < nb; ++c) want += kern[(r * nb + b) * nb + c] * in[j * nb + c];
            }
            err = std::max(err, std::abs(out[i * stride + b] - want));
            scale = std::max(scale, std::abs(want));
        }
        for (std::size_t b = nb; b < stride; ++b) CHECK(out[i * stride + b] == 7.0);
    }
    CHECK(err < 1e-12 * scale);
    return conv.even_symmetric();
}
}  // namespace

TEST_CASE("matrix convolution equals the periodic sum over every source") {
    for (const Case& k : {Case{7, 5, 1, 2}, Case{8, 6, 1, 2}, Case{4, 6, 3, 5}, Case{5, 4, 2, 3}}) {
        CAPTURE(k.nx);
        CAPTURE(k.ny);
        CAPTURE(k.nz);
        CAPTURE(k.nb);
        // A random kernel is neither even nor symmetric: the general complex spectra.
        CHECK_FALSE(check_against_direct_sum(k, false));
        // An even, symmetric one (as the work kernel): the real spectra for b <= c.
        CHECK(check_against_direct_sum(k, true));
    }
}

TEST_CASE("matrix convolution: a basis size outside 1..5 is refused") {
    Grid g;
    g.nx = 4;
    g.ny = 4;
    g.nz = 1;
    std::vector<double> kern(16 * 36, 0.0);
    CHECK_THROWS_WITH_AS(MatrixConvolution(g, 6, kern.data()), doctest::Contains("basis size 6"),
                         stz::Error);
}
