// Catalog statistics (MODEL.md §2): barrier spectrum, eigenstrain moments and isotropy,
// reproducibility from the seed.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "kmc/kmc_test_util.hpp"
#include "stz/elasticity/eigen_basis.hpp"
#include "stz/kmc/catalog.hpp"

#ifdef STZ_WITH_OPENMP
#include <omp.h>
#endif

using namespace stz;

namespace {
struct Moments {
    double mean = 0, var = 0;
    std::size_t n = 0;
    void add(double x) {  // Welford
        ++n;
        const double d = x - mean;
        mean += d / n;
        var += d * (x - mean);
    }
    [[nodiscard]] double variance() const { return var / n; }
    [[nodiscard]] double se_mean() const { return std::sqrt(variance() / n); }
};
}  // namespace

TEST_CASE("Gaussian barriers: mean Q and width s_Q; every barrier positive") {
    const Grid g{64, 64, 1};
    CatalogConfig cc;
    cc.modes = 20;  // 81920 draws
    const Catalog cat(g, cc, 7);
    Moments m;
    for (std::size_t i = 0; i < g.size(); ++i)
        for (double q : cat.barriers(i)) {
            CHECK_FALSE(q <= 0.0);
            m.add(q);
        }
    // 5 standard errors: SE(mean) = s/sqrt(n) = 7e-4 eV; SE(var) = s^2 sqrt(2/n) = 2e-4 eV^2.
    // Truncation at 0 is 10 sigma away and changes nothing at this precision.
    CHECK(std::abs(m.mean - 2.0) < 5 * m.se_mean());
    CHECK(std::abs(m.variance() - 0.04) < 5 * 0.04 * std::sqrt(2.0 / m.n));
}

TEST_CASE("uniform barriers stay in [min, max] with mean (min + max)/2") {
    const Grid g{32, 32, 1};
    CatalogConfig cc;
    cc.barrier_distribution = BarrierDistribution::uniform;
    cc.barrier_min_eV = 1.0;
    cc.barrier_max_eV = 3.0;
    const Catalog cat(g, cc, 3);
    Moments m;
    for (std::size_t i = 0; i < g.size(); ++i)
        for (double q : cat.barriers(i)) {
            CHECK((q >= 1.0 && q <= 3.0));
            m.add(q);
        }
    CHECK(std::abs(m.mean - 2.0) < 5 * m.se_mean());
    CHECK(std::abs(m.variance() - 4.0 / 12) < 0.01);  // 1/3 with SE 0.003 (n = 20480)
}

TEST_CASE("eigenstrains: zero mean, variance (gamma*/2)^2 per basis coefficient, isotropic") {
    for (int nz : {1, 16}) {
        const Grid g{32, 32, nz};
        CatalogConfig cc;
        cc.modes = 20;
        const Catalog cat(g, cc, 11);
        const double s2 = 0.07 * 0.07;  // (gamma*/2)^2 with gamma* = 0.14 (003-eq 4)
        Moments xx, yy, xy, d, ev2;
        for (std::size_t i = 0; i < g.size(); ++i)
            for (int m = 0; m < cat.modes(); ++m) {
                const SymTensor e = from_deviatoric_coefficients(g.dim(), cat.eigenstrain(i, m));
                CHECK(std::abs(e.trace()) < 1e-15);
                xx.add(e.xx);
                yy.add(e.yy);
                xy.add(e.xy);
                d.add(0.5 * (e.xx - e.yy));
                ev2.add(cat.von_mises_squared(i, m));
            }
        CAPTURE(g.dim());
        const double tol_var = 5 * std::sqrt(2.0 / xx.n);  // relative SE of a variance, 5 sigma
        CHECK(std::abs(xx.mean) < 5 * xx.se_mean());
        CHECK(std::abs(xy.mean) < 5 * xy.se_mean());
        // Isotropy: (xx - yy)/2 is xy rotated by 45 degrees, so both have variance s^2.
        CHECK(std::abs(xy.variance() / s2 - 1) < tol_var);
        CHECK(std::abs(d.variance() / s2 - 1) < tol_var);
        // xx and yy alike; in 3D Var(xx) = (1 + 1/3) s^2 (B1 and B2 both contribute).
        const double vxx = g.dim() == 2 ? s2 : 4.0 / 3.0 * s2;
        CHECK(std::abs(xx.variance() / vxx - 1) < tol_var);
        CHECK(std::abs(yy.variance() / vxx - 1) < tol_var);
        // <E_v^2> = (number of basis tensors) s^2: 2 s^2 in 2D (e1^2 + e3^2), 5 s^2 in 3D.
        const double nb = deviatoric_basis_size(g.dim());
        CHECK(std::abs(ev2.mean / (nb * s2) - 1) < 5 * std::sqrt(2.0 / nb / ev2.n));
    }
}

TEST_CASE("catalog is a pure function of (seed, voxel, generation)") {
    const Grid g{16, 16, 1};
    const CatalogConfig cc;
    Catalog a(g, cc, 5), b(g, cc, 5);
    const Catalog c(g, cc, 6);
    CHECK(a.barriers(10)[3] == b.barriers(10)[3]);
    CHECK(a.barriers(10)[3] != c.barriers(10)[3]);
    // Voxel 10's generation-2 catalog does not depend on what other voxels did.
    b.advance_generation(3);
    b.advance_generation(200);
    a.advance_generation(10);
    a.advance_generation(10);
    b.advance_generation(10);
    b.advance_generation(10);
    CHECK(a.generation(10) == 2);
    for (int m = 0; m < cc.modes; ++m) {
        CHECK(a.barriers(10)[m] == b.barriers(10)[m]);
        CHECK(a.eigenstrain(10, m)[1] == b.eigenstrain(10, m)[1]);
    }
    // A new generation is a new draw.
    const Catalog fresh(g, cc, 5);
    CHECK(a.barriers(10)[0] != fresh.barriers(10)[0]);
}

#ifdef STZ_WITH_OPENMP
TEST_CASE("catalog does not depend on the thread count") {
    const Grid g{24, 20, 1};
    const CatalogConfig cc;
    const int saved = omp_get_max_threads();
    omp_set_num_threads(1);
    const Catalog a(g, cc, 9);
    omp_set_num_threads(2);
    const Catalog b(g, cc, 9);
    omp_set_num_threads(saved);
    for (std::size_t i = 0; i < g.size(); ++i)
        for (int m = 0; m < cc.modes; ++m) {
            CHECK(a.barriers(i)[m] == b.barriers(i)[m]);
            CHECK(a.eigenstrain(i, m)[0] == b.eigenstrain(i, m)[0]);
        }
}
#endif
