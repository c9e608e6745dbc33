// Consumer of the installed stzkmc package (see CMakeLists.txt): uses a generated header
// (version.hpp), compiled functions (build_info; the YAML loader, which pulls in yaml-cpp;
// the FFT solver, which pulls in FFTW) and a header-only one (von_mises_stress).
// Exit status 0 only if all of them agree with what is expected.
#include <cmath>
#include <cstdio>
#include <string>

#include "stz/core/build_info.hpp"
#include "stz/config/load_config.hpp"
#include "stz/core/sym_tensor.hpp"
#include "stz/elasticity/fft_solver.hpp"
#include "stz/version.hpp"

int main() {
    int failures = 0;

    const stz::BuildInfo info = stz::build_info();
    std::printf("stzkmc %s (%s, %s, openmp=%d)\n", info.version.c_str(), info.compiler.c_str(),
                info.build_type.c_str(), info.openmp ? 1 : 0);
    if (info.version != stz::kVersion || info.version != STZKMC_PACKAGE_VERSION) {
        std::printf("FAIL: library version %s, header kVersion %s, package version %s\n",
                    info.version.c_str(), stz::kVersion, STZKMC_PACKAGE_VERSION);
        ++failures;
    }

    // A general stress (GPa): von Mises from the textbook component formula.
    stz::SymTensor s;
    s.xx = 3.0; s.yy = 1.0; s.zz = -1.0; s.yz = 0.5; s.xz = -0.25; s.xy = 2.0;
    const double expected = std::sqrt(
        0.5 * ((s.xx - s.yy) * (s.xx - s.yy) + (s.yy - s.zz) * (s.yy - s.zz) +
               (s.zz - s.xx) * (s.zz - s.xx)) +
        3.0 * (s.yz * s.yz + s.xz * s.xz + s.xy * s.xy));  // sqrt(24.9375)
    const double vm = stz::von_mises_stress(s);
    std::printf("von Mises stress = %.12f GPa (expected %.12f)\n", vm, expected);
    if (!(std::abs(vm - expected) <= 1e-12 * expected)) {
        std::printf("FAIL: von_mises_stress\n");
        ++failures;
    }

    // Parameters from YAML text, then a full FFT solve: a uniform eigenstrain gives the
    // uniform stress -C:eps* at zero mean strain (closed form).
    const stz::Config cfg = stz::parse_config(
        "grid: {nx: 16, ny: 12}\nmaterial: {young_modulus_GPa: 69.46, poisson_ratio: 0.365}\n",
        "consumer.yaml");
    const stz::IsotropicElasticity mat(cfg.material.young_modulus_GPa, cfg.material.poisson_ratio);
    stz::FftSolver solver(cfg.grid.grid(), mat);
    stz::TensorField eig(cfg.grid.grid()), sig(cfg.grid.grid());
    const stz::SymTensor e{0.01, -0.01, 0, 0, 0, 0.02};
    for (std::size_t i = 0; i < eig.size(); ++i) eig.set(i, e);
    solver.stress(eig, stz::SymTensor{}, sig);
    const double err = stz::norm(sig.at(5) + mat.stress(e));
    std::printf("FFT solve of a uniform eigenstrain: error %.3g GPa\n", err);
    if (!(err < 1e-12)) {
        std::printf("FAIL: FFT solve\n");
        ++failures;
    }

    std::printf("%s\n", failures == 0 ? "OK" : "FAILED");
    return failures == 0 ? 0 : 1;
}
