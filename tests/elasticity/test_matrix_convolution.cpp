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

TEST_CASE("matrix convolution equals the periodic sum over every source") {
    // Random kernel and input; the direct sum is O(N^2). Tolerance 1e-12 relative to the
    // largest output: FFT round-off grows like log N times machine epsilon.
    struct Case {
        int nx, ny, nz, nb;
    };
    for (const Case& k : {Case{7, 5, 1, 2}, Case{8, 6, 1, 2}, Case{4, 6, 3, 5}, Case{5, 4, 2, 3}}) {
        CAPTURE(k.nx);
        CAPTURE(k.ny);
        CAPTURE(k.nz);
        CAPTURE(k.nb);
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
