#include "stz/elasticity/eshelby_job.hpp"

#include <chrono>
#include <cmath>
#include <limits>
#include <sstream>
#include <vector>

#include <spdlog/spdlog.h>

#include "stz/config/load_config.hpp"
#include "stz/core/build_info.hpp"
#include "stz/core/error.hpp"
#include "stz/elasticity/eshelby_analytic.hpp"
#include "stz/elasticity/fft_solver.hpp"
#include "stz/io/atomic_file.hpp"
#include "stz/io/csv.hpp"
#include "stz/io/npy.hpp"
#include "stz/io/vti.hpp"

namespace stz {

namespace {

struct Geometry {
    Grid g;
    double a;
    double cx, cy, cz;
    [[nodiscard]] double r2(std::size_t i) const {
        const double x = double(i % g.nx) - cx;
        const double y = double((i / g.nx) % g.ny) - cy;
        const double z = g.dim() == 3 ? double(i / (std::size_t(g.nx) * g.ny)) - cz : 0.0;
        return x * x + y * y + z * z;
    }
    [[nodiscard]] bool inside(std::size_t i) const { return r2(i) <= a * a; }
};

bool inplane_deviatoric(const SymTensor& e) {
    return std::abs(e.xx + e.yy) <= 1e-12 * std::max(1e-300, norm(e)) && e.zz == 0 &&
           e.xz == 0 && e.yz == 0;
}

/// Closed-form interior stress for the inclusion, if there is one for this eigenstrain.
bool analytic_interior(const IsotropicElasticity& m, int dim, const SymTensor& e, SymTensor& out) {
    if (dim == 2 && inplane_deviatoric(e)) {
        out = circular_inclusion_interior_stress(m, e);
        return true;
    }
    if (dim == 3 && std::abs(e.trace()) <= 1e-12 * std::max(1e-300, norm(e))) {
        out = spherical_inclusion_interior_stress(m, e);
        return true;
    }
    return false;
}

std::string fmt_tensor(const SymTensor& t) {
    std::ostringstream os;
    os.precision(10);
    os << "{xx: " << t.xx << ", yy: " << t.yy << ", zz: " << t.zz << ", yz: " << t.yz
       << ", xz: " << t.xz << ", xy: " << t.xy << "}";
    return os.str();
}

}  // namespace

EshelbyResult run_eshelby(const Config& cfg, const std::filesystem::path& out_dir) {
    STZ_REQUIRE(cfg.eshelby.has_value(),
                cfg.source << ": eshelby: missing section (needed by `stzkmc eshelby`)");
    const EshelbyConfig& ec = *cfg.eshelby;
    const Grid g = cfg.grid.grid();
    const int dim = g.dim();
    const IsotropicElasticity mat(cfg.material.young_modulus_GPa, cfg.material.poisson_ratio);
    const Geometry geo{g, ec.radius_voxels, double(g.nx / 2), double(g.ny / 2),
                       dim == 3 ? double(g.nz / 2) : 0.0};

    EshelbyResult res;
    res.out_dir = out_dir;
    ensure_directory(out_dir);

    TensorField eig(g), sig(g);
    for (std::size_t i = 0; i < g.size(); ++i)
        if (geo.inside(i)) {
            eig.set(i, ec.eigenstrain);
            ++res.inclusion_voxels;
        }
    STZ_REQUIRE(res.inclusion_voxels > 0, cfg.source << ": eshelby.radius_voxels = "
                                                      << ec.radius_voxels
                                                      << " covers no voxel centre");

    const auto t0 = std::chrono::steady_clock::now();
    FftSolver solver(g, mat);
    const MixedBoundary bc(cfg.loading.mode, dim, mat);
    res.mean = bc.solve(ec.applied_strain, eig.mean());
    solver.stress(eig, res.mean.strain, sig);
    res.solve_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    // Interior average over r < a/2 (away from the staircase interface).
    SymTensor sum;
    int n = 0;
    for (std::size_t i = 0; i < g.size(); ++i)
        if (geo.r2(i) < 0.25 * geo.a * geo.a) {
            sum += sig.at(i);
            ++n;
        }
    res.interior_stress = sum * (1.0 / std::max(n, 1));
    // Superposition (homogeneous medium): isolated-inclusion field + the cell's mean stress as
    // the remote stress. The periodic cell differs from the isolated inclusion by
    // O(volume fraction) (images), which is what the comparison shows.
    SymTensor closed;
    const bool has_closed = analytic_interior(mat, dim, ec.eigenstrain, closed);
    const SymTensor applied = res.mean.stress;
    if (has_closed) {
        res.interior_stress_analytic = closed + applied;
        res.interior_relative_error = norm(res.interior_stress - res.interior_stress_analytic) /
                                      std::max(1e-300, norm(res.interior_stress_analytic));
    } else {
        res.interior_relative_error = std::numeric_limits<double>::quiet_NaN();
    }

    // Fields as .npy (C order: (ny, nx) or (nz, ny, nx)) and one .vti for ParaView/OVITO.
    const std::vector<std::size_t> shape =
        dim == 2 ? std::vector<std::size_t>{std::size_t(g.ny), std::size_t(g.nx)}
                 : std::vector<std::size_t>{std::size_t(g.nz), std::size_t(g.ny), std::size_t(g.nx)};
    VtiWriter vti(g, cfg.grid.voxel_size_nm);
    static const char* names[6] = {"xx", "yy", "zz", "yz", "xz", "xy"};
    for (int s = 0; s < sig.stored_components(); ++s) {
        const std::string name = std::string("sigma_") + names[int(sig.slot_component(s))];
        write_npy(out_dir / (name + ".npy"), shape, sig.slot(s));
        vti.add_scalar(name + "_GPa", sig.slot(s));
    }
    std::vector<double> vm(g.size()), mask(g.size());
    for (std::size_t i = 0; i < g.size(); ++i) {
        vm[i] = von_mises_stress(sig.at(i));
        mask[i] = geo.inside(i) ? 1.0 : 0.0;
    }
    write_npy(out_dir / "sigma_vm.npy", shape, std::span<const double>(vm));
    vti.add_scalar("sigma_vm_GPa", vm);
    vti.add_scalar("inclusion", mask);
    vti.write(out_dir / "stress.vti");

    // Radial profile along +x through the centre, with the closed form where there is one.
    {
        CsvWriter csv(out_dir / "profile.csv",
                      {"r_over_a", "theta_deg", "sigma_rr_GPa", "sigma_tt_GPa", "sigma_rt_GPa",
                       "analytic_rr_GPa", "analytic_tt_GPa", "analytic_rt_GPa"});
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const int y = int(geo.cy), z = int(geo.cz);
        for (int x = int(geo.cx); x < g.nx; ++x) {
            const double r = x - geo.cx;
            if (r > 4.0 * geo.a) break;
            const PolarStress p = to_polar(sig.at(g.index(x, y, z)), 0.0);
            PolarStress q{nan, nan, nan, nan};
            if (dim == 2 && inplane_deviatoric(ec.eigenstrain)) {
                q = circular_inclusion_stress(mat, ec.eigenstrain, geo.a, r, 0.0);
            } else if (has_closed && r < geo.a) {
                q = to_polar(closed, 0.0);
            }
            const PolarStress ap = to_polar(applied, 0.0);
            csv.row({r / geo.a, 0.0, p.rr, p.tt, p.rt, q.rr + ap.rr, q.tt + ap.tt, q.rt + ap.rt});
        }
        csv.close();
    }

    // Resolved parameters (with version) and the summary.
    write_file_atomic(out_dir / "params.yaml",
                      "# stzkmc " + build_info().version + " resolved parameters\n" + to_yaml(cfg));
    std::ostringstream sm;
    sm.precision(10);
    sm << "# stzkmc eshelby summary (stresses in GPa)\n"
       << "version: " << build_info().version << "\n"
       << "grid: [" << g.nx << ", " << g.ny << ", " << g.nz << "]\n"
       << "inclusion_voxels: " << res.inclusion_voxels << "\n"
       << "radius_voxels: " << geo.a << "\n"
       << "loading_mode: " << to_string(cfg.loading.mode) << "\n"
       << "applied_strain: " << ec.applied_strain << "\n"
       << "loading_stress_GPa: " << res.mean.loading_stress << "\n"
       << "mean_strain: " << fmt_tensor(res.mean.strain) << "\n"
       << "mean_stress_GPa: " << fmt_tensor(res.mean.stress) << "\n"
       << "interior_stress_GPa: " << fmt_tensor(res.interior_stress) << "\n";
    if (has_closed)
        sm << "interior_stress_analytic_GPa: " << fmt_tensor(res.interior_stress_analytic) << "\n"
           << "interior_relative_error: " << res.interior_relative_error << "\n";
    else
        sm << "interior_stress_analytic_GPa: null  # no closed form for this eigenstrain\n";
    sm << "solve_seconds: " << res.solve_seconds << "\n";
    write_file_atomic(out_dir / "summary.yaml", sm.str());
    spdlog::info("eshelby: {} inclusion voxels, interior stress error {:.3g} vs closed form",
                 res.inclusion_voxels, res.interior_relative_error);
    return res;
}

}  // namespace stz
