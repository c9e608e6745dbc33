#include "stz/calibration/mode_count.hpp"

#include <cmath>
#include <map>
#include <sstream>

#include "stz/calibration/distributions.hpp"
#include "stz/calibration/sample_stats.hpp"
#include "stz/core/error.hpp"
#include "stz/core/units.hpp"

namespace stz {

double modes_from_energies(double formation_energy_eV, double e_d_eV) {
    STZ_REQUIRE(formation_energy_eV > 0 && e_d_eV > 0,
                "M = E_f / e_d needs positive energies, got E_f = " << formation_energy_eV
                                                                     << " eV, e_d = " << e_d_eV
                                                                     << " eV");
    return formation_energy_eV / e_d_eV;
}

ModeCountFit fit_mode_count(std::span<const double> d, std::span<const double> tf,
                            const Estimate& formation_energy_eV, double confidence,
                            const std::string& source) {
    STZ_REQUIRE(d.size() == tf.size(), source << ": " << d.size() << " displacements but "
                                              << tf.size() << " fictive temperatures");
    std::map<double, std::vector<double>> by_t;
    for (std::size_t i = 0; i < d.size(); ++i) by_t[tf[i]].push_back(d[i]);
    if (by_t.size() < 2) {
        std::ostringstream os;
        os << source << ": the number of shear modes needs glasses at two or more fictive "
           << "temperatures (column fictive_T_K), got "
           << (by_t.empty() ? std::string("none") : "one (" + std::to_string(by_t.begin()->first) + " K)");
        throw Error(os.str());
    }
    ModeCountFit f;
    std::vector<double> x, y, s;
    for (const auto& [t, v] : by_t) {
        if (v.size() < 2) {
            std::ostringstream os;
            os << source << ": the glass at fictive temperature " << t << " K has " << v.size()
               << " event with max_displacement_A; its mean needs at least 2";
            throw Error(os.str());
        }
        const GaussianFit g = fit_gaussian(v, confidence);
        const double mean = g.mean.value, sem = g.mean.se;
        if (!(mean > 0)) {
            std::ostringstream os;
            os << source << ": the mean displacement at fictive temperature " << t
               << " K is 0; the Arrhenius fit needs positive means";
            throw Error(os.str());
        }
        f.groups.push_back({t, mean, sem, v.size()});
        x.push_back(1 / (units::kBoltzmannEvPerK * t));
        y.push_back(std::log(mean));
        s.push_back(sem / mean);  // standard error of ln(mean), first order
    }
    bool all_sem = true;
    for (double v : s) all_sem = all_sem && v > 0;
    f.arrhenius = fit_line(x, y, all_sem ? std::optional<std::span<const double>>(s) : std::nullopt,
                           confidence);
    f.e_d_eV = f.arrhenius.slope_estimate();
    if (!(f.e_d_eV.value > 0)) {
        std::ostringstream os;
        os << source << ": the mean ART displacement does not shrink as the fictive temperature "
           << "rises (fitted e_d = " << f.e_d_eV.value
           << " eV <= 0), so M = E_f / e_d is undefined";
        throw Error(os.str());
    }
    f.formation_energy_eV = formation_energy_eV;
    const double m = modes_from_energies(formation_energy_eV.value, f.e_d_eV.value);
    const double rel_e = f.e_d_eV.se / f.e_d_eV.value;
    const double rel_f = std::isfinite(formation_energy_eV.se) ? formation_energy_eV.se / formation_energy_eV.value : 0.0;
    const double rel = std::sqrt(rel_e * rel_e + rel_f * rel_f);
    const double q = f.arrhenius.factor();
    f.modes = {m, m * rel, m * std::exp(-q * rel), m * std::exp(q * rel)};
    f.modes_rounded = std::max(1, int(std::lround(m)));
    return f;
}

}  // namespace stz
