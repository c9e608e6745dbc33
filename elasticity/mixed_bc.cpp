#include "stz/elasticity/mixed_bc.hpp"

#include <Eigen/Dense>
#include <cmath>

#include "stz/core/error.hpp"

namespace stz {

namespace {

const double kSqrt2 = std::sqrt(2.0);

// Mandel coordinates of the free components: 2D (xx, yy, sqrt2 xy);
// 3D (xx, yy, zz, sqrt2 yz, sqrt2 xz, sqrt2 xy). The Frobenius product is the dot product.
std::array<double, 6> to_mandel(int dim, const SymTensor& t) {
    if (dim == 2) return {t.xx, t.yy, kSqrt2 * t.xy, 0, 0, 0};
    return {t.xx, t.yy, t.zz, kSqrt2 * t.yz, kSqrt2 * t.xz, kSqrt2 * t.xy};
}

SymTensor from_mandel(int dim, const std::array<double, 6>& v) {
    if (dim == 2) return {v[0], v[1], 0, 0, 0, v[2] / kSqrt2};
    return {v[0], v[1], v[2], v[3] / kSqrt2, v[4] / kSqrt2, v[5] / kSqrt2};
}

}  // namespace

MixedBoundary::MixedBoundary(LoadingMode mode, int dim, const IsotropicElasticity& material)
    : mode_(mode), dim_(dim), material_(material), m_(dim == 2 ? 3 : 6) {
    STZ_REQUIRE(dim == 2 || dim == 3, "dimension must be 2 or 3, got " << dim);
    SymTensor dir;
    switch (mode) {
        case LoadingMode::uniaxial_tension:
        case LoadingMode::uniaxial_compression:
            (dim == 2 ? dir.yy : dir.zz) = 1.0;
            a_ = b_ = (mode == LoadingMode::uniaxial_tension) ? 1.0 : -1.0;
            break;
        case LoadingMode::pure_shear:
            dir.xx = 1.0 / kSqrt2;
            dir.yy = -1.0 / kSqrt2;
            a_ = kSqrt2;
            b_ = 1.0 / kSqrt2;
            break;
        case LoadingMode::simple_shear:
            dir.xy = 1.0 / kSqrt2;  // (xy + yx)/sqrt2 has unit Frobenius norm
            a_ = kSqrt2;
            b_ = 1.0 / kSqrt2;
            break;
    }
    n_ = to_mandel(dim, dir);

    // Stiffness restricted to the free components, in Mandel form (columns = C : unit tensors).
    Eigen::MatrixXd cff(m_, m_);
    Eigen::VectorXd cfz(m_);
    for (int j = 0; j < m_; ++j) {
        std::array<double, 6> e{};
        e[j] = 1.0;
        const auto col = to_mandel(dim, material.stress(from_mandel(dim, e)));
        for (int i = 0; i < m_; ++i) cff(i, j) = col[i];
    }
    const auto zcol = to_mandel(dim, material.stress(SymTensor{0, 0, 1, 0, 0, 0}));
    for (int i = 0; i < m_; ++i) cfz(i) = zcol[i];
    const Eigen::LDLT<Eigen::MatrixXd> ldlt(cff);
    STZ_REQUIRE(ldlt.info() == Eigen::Success, "elastic stiffness is not invertible");
    Eigen::VectorXd nv(m_);
    for (int i = 0; i < m_; ++i) nv(i) = n_[i];
    const Eigen::VectorXd cn = ldlt.solve(nv);
    const Eigen::VectorXd cz = ldlt.solve(cfz);
    for (int i = 0; i < m_; ++i) {
        cinv_n_[i] = cn(i);
        cinv_cfz_[i] = dim == 2 ? cz(i) : 0.0;
    }
    n_cinv_n_ = nv.dot(cn);
}

MeanFields MixedBoundary::solve(double loading_strain, const SymTensor& mean_eig) const {
    STZ_REQUIRE(std::isfinite(loading_strain), "applied strain is not finite: " << loading_strain);
    const auto ef = to_mandel(dim_, mean_eig);
    // In 2D, E_zz = 0 while <eps*_zz> may not be: its stress C_fz (0 - <eps*_zz>) acts on the
    // free components and is compensated in E.
    const double ez = dim_ == 2 ? mean_eig.zz : 0.0;
    double n_ef = 0, n_cz = 0;
    for (int i = 0; i < m_; ++i) {
        n_ef += n_[i] * ef[i];
        n_cz += n_[i] * cinv_cfz_[i];
    }
    // E_f = ef + C_ff^-1 (s N + C_fz ez);  N . E_f = loading_strain / a.
    const double s = (loading_strain / a_ - n_ef - n_cz * ez) / n_cinv_n_;
    std::array<double, 6> e{};
    for (int i = 0; i < m_; ++i) e[i] = ef[i] + s * cinv_n_[i] + ez * cinv_cfz_[i];

    MeanFields out;
    out.strain = from_mandel(dim_, e);
    out.stress = material_.stress(out.strain - mean_eig);
    out.loading_strain = this->loading_strain(out.strain);
    out.loading_stress = this->loading_stress(out.stress);
    return out;
}

double MixedBoundary::loading_strain(const SymTensor& mean_strain) const {
    const auto e = to_mandel(dim_, mean_strain);
    double d = 0;
    for (int i = 0; i < m_; ++i) d += n_[i] * e[i];
    return a_ * d;
}

double MixedBoundary::loading_stress(const SymTensor& mean_stress) const {
    const auto e = to_mandel(dim_, mean_stress);
    double d = 0;
    for (int i = 0; i < m_; ++i) d += n_[i] * e[i];
    return b_ * d;
}

double MixedBoundary::apparent_modulus_GPa() const { return b_ / (a_ * n_cinv_n_); }

}  // namespace stz
