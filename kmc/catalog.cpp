#include "stz/kmc/catalog.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "stz/core/error.hpp"
#include "stz/core/random.hpp"
#include "stz/elasticity/eigen_basis.hpp"
#include "stz/internal/omp.hpp"

namespace stz {

Catalog::Catalog(const Grid& grid, const CatalogConfig& cfg, std::uint64_t seed)
    : cfg_(cfg),
      seed_(seed),
      n_(grid.size()),
      modes_(cfg.modes),
      nb_(deviatoric_basis_size(grid.dim())) {
    STZ_REQUIRE(modes_ >= 1, "catalog.modes must be at least 1, got " << modes_);
    barrier_.assign(n_ * modes_, 0.0);
    coeff_.assign(n_ * modes_ * nb_, 0.0);
    generation_.assign(n_, 0);
    const long long n = static_cast<long long>(n_);
    STZ_OMP(parallel for schedule(static) if (n >= 1024))
    for (long long i = 0; i < n; ++i) draw(static_cast<std::size_t>(i));
}

double Catalog::von_mises_squared(std::size_t i, int m) const {
    double s = 0;
    for (double c : eigenstrain(i, m)) s += c * c;
    return s;
}

double Catalog::max_mode_norm(std::size_t i) const {
    double c2max = 0;
    for (int m = 0; m < modes_; ++m) c2max = std::max(c2max, von_mises_squared(i, m));
    return std::sqrt(c2max);
}

void Catalog::advance_generation(std::size_t i) {
    ++generation_[i];
    draw(i);
}

void Catalog::restore_generations(std::vector<std::uint32_t> generations) {
    STZ_REQUIRE(generations.size() == n_, "catalog of " << n_ << " voxels cannot take "
                                                        << generations.size() << " generations");
    generation_ = std::move(generations);
    const long long n = static_cast<long long>(n_);
    STZ_OMP(parallel for schedule(static) if (n >= 1024))
    for (long long i = 0; i < n; ++i) draw(static_cast<std::size_t>(i));
}

void Catalog::draw(std::size_t i) {
    CounterRng rng(seed_, RngStream::catalog, i, generation_[i]);
    const double half_gamma = 0.5 * cfg_.gamma_star;
    for (int m = 0; m < modes_; ++m) {
        double q;
        if (cfg_.barrier_distribution == BarrierDistribution::gaussian) {
            // Draws <= 0 are redrawn (MODEL.md §2): a truncated Gaussian.
            do {
                q = cfg_.barrier_mean_eV + cfg_.barrier_std_eV * rng.normal();
            } while (q <= 0.0);
        } else {
            q = cfg_.barrier_min_eV + (cfg_.barrier_max_eV - cfg_.barrier_min_eV) * rng.uniform();
        }
        barrier_[i * modes_ + m] = q;
        double* c = coeff_.data() + (i * modes_ + m) * nb_;
        for (int b = 0; b < nb_; ++b) c[b] = half_gamma * rng.normal();
    }
}

double Catalog::mean_barrier() const {
    // Fixed-order blocked sum: deterministic and accurate enough for a diagnostic.
    double total = 0;
    for (double q : barrier_) total += q;
    return total / static_cast<double>(barrier_.size());
}

}  // namespace stz
