#pragma once
// The heterogeneously randomized event catalog (MODEL.md §2, 003-sec 2.3): every voxel has
// M shear modes, each an unsoftened barrier dF (eV) drawn from the AEBS and an eigenstrain
// (gamma*/2) sum_b z_b B_b with z_b iid N(0, 1) over the deviatoric basis B_b
// (eigen_basis.hpp): in 2D [[e1, e3], [e3, -e1]] with e1, e3 ~ N(0, 1) gamma*/2 (003-eq 4).
//
// Voxel i's catalog at generation g is a pure function of (seed, i, g) through the
// counter-based generator, so it is the same whatever the thread count or the order in
// which voxels are drawn, and a transformed voxel's new catalog does not depend on when
// other voxels transformed.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "stz/config/config.hpp"
#include "stz/core/grid.hpp"

namespace stz {

class Catalog {
public:
    Catalog(const Grid& grid, const CatalogConfig& cfg, std::uint64_t seed);

    [[nodiscard]] int modes() const { return modes_; }
    /// Deviatoric basis size: 2 in 2D, 5 in 3D.
    [[nodiscard]] int basis_size() const { return nb_; }
    [[nodiscard]] std::size_t voxels() const { return n_; }

    /// Unsoftened barriers dF of voxel i's modes, eV.
    [[nodiscard]] std::span<const double> barriers(std::size_t i) const {
        return {barrier_.data() + i * modes_, static_cast<std::size_t>(modes_)};
    }
    /// Eigenstrain coefficients of mode m of voxel i on the deviatoric basis (already
    /// scaled by gamma*/2): the eigenstrain is sum_b c_b B_b.
    [[nodiscard]] std::span<const double> eigenstrain(std::size_t i, int m) const {
        return {coeff_.data() + (i * modes_ + m) * nb_, static_cast<std::size_t>(nb_)};
    }
    /// Squared von Mises strain (003-eq 2) of that eigenstrain: sum_b c_b^2 for the
    /// orthogonal basis with B_b : B_b = 2.
    [[nodiscard]] double von_mises_squared(std::size_t i, int m) const;
    /// Largest Euclidean norm |c_m| of voxel i's eigenstrain coefficient vectors.
    [[nodiscard]] double max_mode_norm(std::size_t i) const;
    /// Generation of voxel i (number of times it transformed).
    [[nodiscard]] std::uint32_t generation(std::size_t i) const { return generation_[i]; }
    [[nodiscard]] const std::vector<std::uint32_t>& generations() const { return generation_; }

    /// Voxel i transformed: generation + 1 and a fresh catalog for it.
    void advance_generation(std::size_t i);

    /// Sets every voxel's generation and redraws its catalog (checkpoint restart): the
    /// catalog is a pure function of (seed, voxel, generation), so this restores it exactly.
    void restore_generations(std::vector<std::uint32_t> generations);

    /// Mean of all barriers (eV), for the AEBS shift.
    [[nodiscard]] double mean_barrier() const;

private:
    void draw(std::size_t i);

    CatalogConfig cfg_;
    std::uint64_t seed_;
    std::size_t n_;
    int modes_, nb_;
    std::vector<double> barrier_;  // [voxel][mode]
    std::vector<double> coeff_;    // [voxel][mode][basis]
    std::vector<std::uint32_t> generation_;
};

}  // namespace stz
