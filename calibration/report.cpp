// write_calibration_report: the CSV tables behind scripts/plot_calibration.py.
#include <algorithm>
#include <cmath>
#include <limits>

#include "stz/calibration/calibrate.hpp"
#include "stz/calibration/distributions.hpp"
#include "stz/core/units.hpp"
#include "stz/io/atomic_file.hpp"
#include "stz/io/csv.hpp"

namespace stz {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPi = 3.14159265358979323846;

void write_windows(const CalibrationResult& r, const std::filesystem::path& dir) {
    CsvWriter w(dir / "aebs_windows.csv",
                {"window", "strain_lo", "strain_hi", "count", "strain_mean", "barrier_mean_eV",
                 "barrier_mean_lo_eV", "barrier_mean_hi_eV", "barrier_std_eV", "barrier_std_lo_eV",
                 "barrier_std_hi_eV"});
    for (std::size_t k = 0; k < r.windows.size(); ++k) {
        const AebsWindow& a = r.windows[k];
        w.row({double(k), a.range.lo, a.range.hi, double(a.fit.count), a.strain_mean,
               a.fit.mean.value, a.fit.mean.lo, a.fit.mean.hi, a.fit.std.value, a.fit.std.lo,
               a.fit.std.hi});
    }
    w.close();

    // Histograms on one bin grid for all windows, aligned to multiples of the bin width.
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const auto& a : r.windows)
        for (double b : a.barriers_eV) {
            lo = std::min(lo, b);
            hi = std::max(hi, b);
        }
    const double bin = r.spec.histogram_bin_eV;
    const double start = std::floor(lo / bin) * bin;
    const auto bins = std::size_t(std::max(1.0, std::ceil((hi - start) / bin + 1e-9)));
    CsvWriter h(dir / "aebs_histograms.csv", {"window", "bin_lo_eV", "bin_hi_eV", "count",
                                              "density_per_eV", "gaussian_density_per_eV"});
    for (std::size_t k = 0; k < r.windows.size(); ++k) {
        const AebsWindow& a = r.windows[k];
        std::vector<double> counts(bins, 0);
        for (double b : a.barriers_eV)
            counts[std::min(bins - 1, std::size_t((b - start) / bin))] += 1;
        const double n = double(a.barriers_eV.size());
        const double mu = a.fit.mean.value, s = a.fit.std.value;
        for (std::size_t j = 0; j < bins; ++j) {
            const double b0 = start + double(j) * bin, b1 = b0 + bin, c = 0.5 * (b0 + b1);
            const double g = std::exp(-0.5 * (c - mu) * (c - mu) / (s * s)) / (s * std::sqrt(2 * kPi));
            h.row({double(k), b0, b1, counts[j], counts[j] / (n * bin), g});
        }
    }
    h.close();
}

void write_softening(const CalibrationResult& r, const std::filesystem::path& dir) {
    const SofteningFit& s = *r.softening;
    const double q0 = s.q0_eV.value;
    CsvWriter p(dir / "softening_points.csv", {"window", "strain_mean", "eta", "eta_lo", "eta_hi"});
    for (std::size_t k = 0; k < r.windows.size(); ++k) {
        const AebsWindow& a = r.windows[k];
        const double m = a.fit.mean.value;
        p.row({double(k), a.strain_mean, std::log(q0 / m),
               a.fit.mean.hi > 0 ? std::log(q0 / a.fit.mean.hi) : kNaN,
               a.fit.mean.lo > 0 ? std::log(q0 / a.fit.mean.lo) : kNaN});
    }
    p.close();
    double e_max = 0;
    for (const auto& a : r.windows) e_max = std::max(e_max, a.strain_mean);
    e_max = std::max(1.25 * e_max, 1.5 * s.saturation_strain.value);
    CsvWriter c(dir / "softening_curve.csv", {"strain", "eta", "eta_lo", "eta_hi", "barrier_eV"});
    constexpr int kPoints = 201;
    for (int i = 0; i < kPoints; ++i) {
        const double e = e_max * double(i) / (kPoints - 1);
        const Estimate eta = s.eta_at(e);
        c.row({e, eta.value, eta.lo, eta.hi, s.barrier_eV(e)});
    }
    c.close();
}

void write_map(const CalibrationResult& r, const std::filesystem::path& dir) {
    const ProcessingMap& m = *r.map;
    CsvWriter p(dir / "processing_map_points.csv", {"cooling_rate_K_per_s", "log10_rate",
                                                    "barrier_mean_eV", "barrier_sem_eV", "count"});
    double xlo = std::numeric_limits<double>::infinity(), xhi = -xlo;
    for (const auto& pt : m.points) {
        const double x = std::log10(pt.cooling_rate_K_per_s);
        xlo = std::min(xlo, x);
        xhi = std::max(xhi, x);
        p.row({pt.cooling_rate_K_per_s, x, pt.barrier_mean_eV, pt.barrier_sem_eV, pt.count});
    }
    p.close();
    std::vector<MapTarget> targets;
    if (r.target) targets.push_back(*r.target);
    for (const auto& t : targets) {
        xlo = std::min(xlo, std::log10(t.cooling_rate_K_per_s));
        xhi = std::max(xhi, std::log10(t.cooling_rate_K_per_s));
    }
    xlo -= 0.5;
    xhi += 0.5;
    if (r.spec.band_log10_rate) {
        xlo = (*r.spec.band_log10_rate)[0];
        xhi = (*r.spec.band_log10_rate)[1];
    }
    const bool have_qs = std::isfinite(r.saturated_eV.value);
    CsvWriter b(dir / "processing_map_band.csv", {"log10_rate", "barrier_eV", "barrier_lo_eV",
                                                  "barrier_hi_eV", "eta_max", "eta_max_lo",
                                                  "eta_max_hi"});
    constexpr int kPoints = 101;
    for (int i = 0; i < kPoints; ++i) {
        const double x = xlo + (xhi - xlo) * double(i) / (kPoints - 1);
        const double rate = std::pow(10.0, x);
        const Estimate q = m.barrier_at(rate);
        const Estimate eta = have_qs ? m.eta_max_at(rate, r.saturated_eV) : Estimate{};
        b.row({x, q.value, q.lo, q.hi, eta.value, eta.lo, eta.hi});
    }
    b.close();
    CsvWriter t(dir / "processing_map_targets.csv",
                {"cooling_rate_K_per_s", "log10_rate", "barrier_eV", "barrier_lo_eV", "barrier_hi_eV",
                 "eta_max", "eta_max_lo", "eta_max_hi"});
    for (const auto& g : targets)
        t.row({g.cooling_rate_K_per_s, std::log10(g.cooling_rate_K_per_s), g.barrier_eV.value,
               g.barrier_eV.lo, g.barrier_eV.hi, g.eta_max.value, g.eta_max.lo, g.eta_max.hi});
    t.close();
}

void write_sizes(const CalibrationResult& r, const std::filesystem::path& dir) {
    const LogNormalFit& f = r.geometry->size_atoms;
    // Counts per integer size (sizes rounded), and the log-normal's expected counts with
    // a continuity correction: N [Phi(ln(k + 1/2)) - Phi(ln(k - 1/2))].
    long lo = std::numeric_limits<long>::max(), hi = 0;
    for (double x : r.cluster_sizes_atoms) {
        lo = std::min(lo, std::lround(x));
        hi = std::max(hi, std::lround(x));
    }
    std::vector<double> counts(std::size_t(hi - lo + 1), 0.0);
    for (double x : r.cluster_sizes_atoms) counts[std::size_t(std::lround(x) - lo)] += 1;
    const double n = double(r.cluster_sizes_atoms.size());
    const double mu = f.mu.value, s = f.sigma.value;
    auto cdf = [&](double x) { return x <= 0 ? 0.0 : normal_cdf((std::log(x) - mu) / s); };
    CsvWriter w(dir / "stz_sizes.csv", {"size_atoms", "count", "lognormal_expected"});
    for (long k = lo; k <= hi; ++k)
        w.row({double(k), counts[std::size_t(k - lo)],
               n * (cdf(double(k) + 0.5) - cdf(double(k) - 0.5))});
    w.close();
}

}  // namespace

void write_calibration_report(const CalibrationResult& r, const std::filesystem::path& dir) {
    ensure_directory(dir);
    if (!r.windows.empty()) write_windows(r, dir);
    if (r.softening) write_softening(r, dir);
    if (r.map) write_map(r, dir);
    if (r.geometry) write_sizes(r, dir);
    if (r.modes) {
        const ModeCountFit& m = *r.modes;
        CsvWriter w(dir / "displacement_arrhenius.csv",
                    {"fictive_T_K", "inv_kT_per_eV", "mean_displacement_A", "sem_A", "count",
                     "fit_mean_displacement_A"});
        for (const auto& g : m.groups) {
            const double x = 1 / (units::kBoltzmannEvPerK * g.fictive_T_K);
            w.row({g.fictive_T_K, x, g.mean_displacement_A, g.sem_A, double(g.count),
                   std::exp(m.arrhenius.predict(x))});
        }
        w.close();
    }
}

}  // namespace stz
