#pragma once
// Full FFT solve of the periodic Eshelby problem (MODEL.md §3, Khachaturyan microelasticity).
//
// Total strain eps(x) = E + eps~(x) with eps~ periodic and zero-mean; stress
// sigma = C : (eps - eps*). For k != 0 the fluctuation is eps~(k) = Gamma0(n) : C : eps*(k)
// with the isotropic periodic Green operator (n = k / |k|); the mean stress is
// C : (E - <eps*>). The operator depends on the direction of k only, so fields do not
// depend on the voxel size.
//
// Choices (documented in docs/elasticity.md): the Nyquist component of k on an even axis
// is set to zero (its sign is undefined, and this keeps the operator Hermitian so the
// inverse transform is exactly real); a wavevector that becomes zero this way carries
// no stress, like k = 0.
//
// FFTW plans are made once in the constructor (FFTW_ESTIMATE) and reused. Transforms run
// single-threaded per component, with OpenMP over components and over wavevectors, so
// results are bit-identical whatever the thread count.
#include <memory>

#include "stz/core/grid.hpp"
#include "stz/core/sym_tensor.hpp"
#include "stz/elasticity/isotropic.hpp"
#include "stz/elasticity/tensor_field.hpp"

namespace stz {

class FftSolver {
public:
    FftSolver(const Grid& grid, const IsotropicElasticity& material);
    ~FftSolver();
    FftSolver(FftSolver&&) noexcept;
    FftSolver& operator=(FftSolver&&) noexcept;
    FftSolver(const FftSolver&) = delete;
    FftSolver& operator=(const FftSolver&) = delete;

    [[nodiscard]] const Grid& grid() const;
    [[nodiscard]] const IsotropicElasticity& material() const;

    /// The zero-mean (fluctuation) part of the stress caused by `eigenstrain`, in GPa.
    /// Overwrites `stress`, which must be on the same grid.
    void fluctuation_stress(const TensorField& eigenstrain, TensorField& stress);

    /// The full stress for mean total strain `mean_strain`:
    /// fluctuation + C : (mean_strain - <eigenstrain>). In 2D, mean_strain must be in-plane.
    void stress(const TensorField& eigenstrain, const SymTensor& mean_strain, TensorField& stress);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Mean stress C : (mean_strain - mean_eigenstrain) (GPa).
[[nodiscard]] SymTensor mean_stress(const IsotropicElasticity& material,
                                    const SymTensor& mean_strain,
                                    const SymTensor& mean_eigenstrain);

/// Adds a uniform tensor to every voxel of `field` (e.g. the mean stress).
void add_uniform(TensorField& field, const SymTensor& t);

}  // namespace stz
