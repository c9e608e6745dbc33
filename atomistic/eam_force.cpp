// EAM energy, forces and virial over a half neighbour list (OpenMP, fixed-point sums).
#include "stz/atom/eam_force.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "stz/core/error.hpp"

#ifdef _OPENMP
#include <omp.h>
#endif

namespace stz::atom {

namespace {

constexpr double kForceScale = 17179869184.0;    // 2^34 per eV/Å
constexpr double kDensityScale = 68719476736.0;  // 2^36 per density unit
constexpr double kEnergyScale = 17179869184.0;   // 2^34 per eV
// Largest magnitudes one pair may contribute before a sum could leave the int64 range.
constexpr double kMaxPairForce = 1e6;    // eV/Å
constexpr double kMaxPairDensity = 1e6;
constexpr double kMaxPairEnergy = 1e6;   // eV (also bounds r·f for the virial)
constexpr std::size_t kAtomsPerThread = 500;

inline std::int64_t fixed(double v, double scale) { return std::llrint(v * scale); }

int thread_total() {
#ifdef _OPENMP
    return omp_get_max_threads();
#else
    return 1;
#endif
}
int thread_id() {
#ifdef _OPENMP
    return omp_get_thread_num();
#else
    return 0;
#endif
}

}  // namespace

EamForce::EamForce(std::shared_ptr<const EamPotential> potential, std::vector<int> type_element, double skin_A)
    : pot_(std::move(potential)), type_element_(std::move(type_element)), list_(pot_->cutoff_A(), skin_A) {
    for (int e : type_element_)
        STZ_REQUIRE(e >= 0 && e < pot_->element_count(), "EamForce: element index " << e << " out of range");
}

std::vector<int> EamForce::map_species(const EamPotential& potential, const std::vector<Species>& species) {
    std::vector<int> out;
    for (std::size_t t = 0; t < species.size(); ++t) {
        STZ_REQUIRE(!species[t].element.empty(),
                    "atom type " << t + 1 << " has no element name; give the elements of the types in order "
                                 "(e.g. --elements Cu,Zr)");
        out.push_back(potential.element_index(species[t].element));
    }
    return out;
}

ForceResult EamForce::compute(Atoms& atoms, bool per_atom_energy) {
    const std::size_t n = atoms.size();
    STZ_REQUIRE(n > 0, "EamForce: no atoms");
    for (int t : atoms.type)
        STZ_REQUIRE(t >= 0 && static_cast<std::size_t>(t) < type_element_.size(),
                    "EamForce: atom type " << t + 1 << " has no element assigned");
    if (rebuild_next_ || list_.needs_rebuild(atoms)) {
        list_.build(atoms);
        rebuild_next_ = false;
    }
    const EamPotential& pot = *pot_;
    const std::vector<Vec3> shift = list_.image_shifts(atoms.box);
    const auto& entries = list_.entries();
    const double cutsq = pot.cutoff_A() * pot.cutoff_A();
    const double rdr = 1.0 / pot.dr_A(), rdrho = 1.0 / pot.drho();
    const int nr = pot.nr(), nrho = pot.nrho();
    const double rhomax = pot.rho_max();

    // Spline tables per (type i, type j), so the inner loop does no element lookups.
    const std::size_t nt = type_element_.size();
    std::vector<const EamSpline*> rho_at_i(nt * nt), rho_at_j(nt * nt), z2r(nt * nt);
    for (std::size_t ti = 0; ti < nt; ++ti)
        for (std::size_t tj = 0; tj < nt; ++tj) {
            const int ei = type_element_[ti], ej = type_element_[tj];
            rho_at_i[ti * nt + tj] = &pot.density(ej, ei);
            rho_at_j[ti * nt + tj] = &pot.density(ei, ej);
            z2r[ti * nt + tj] = &pot.r_phi(ei, ej);
        }

    // Threads only pay off with a few hundred atoms each: below that the barriers cost
    // more than the work (and oversubscribed cores make them cost far more).
    const int nthreads = std::max(1, std::min(thread_total(), static_cast<int>(n / kAtomsPerThread)));
    const std::size_t per_thread = (per_atom_energy ? 4 : 3) * n;
    acc_.resize(static_cast<std::size_t>(nthreads));
    for (auto& a : acc_) a.resize(per_thread);
    rho_.assign(n, 0.0);
    fp_.assign(n, 0.0);
    ForceResult result;
    if (per_atom_energy) result.per_atom_energy_eV.assign(n, 0.0);

    const Vec3* x = atoms.x.data();
    const int* type = atoms.type.data();
    std::int64_t e_embed = 0, e_pair = 0;
    std::int64_t w[6] = {0, 0, 0, 0, 0, 0};
    long bad_pair = -1;  // first pair whose contribution is out of range: i * 2^31 + entry offset

#pragma omp parallel num_threads(nthreads)
    {
        std::int64_t* acc = acc_[static_cast<std::size_t>(thread_id())].data();
        // ---- pass 1: densities
        std::fill(acc, acc + n, std::int64_t{0});
#pragma omp for schedule(dynamic, 64)
        for (std::size_t i = 0; i < n; ++i) {
            const Vec3 xi = x[i];
            const std::size_t ti = static_cast<std::size_t>(type[i]);
            double rho_i = 0;  // i's own list in a fixed order: deterministic in double
            for (std::size_t k = list_.begin(i); k < list_.end(i); ++k) {
                const auto& e = entries[k];
                const std::size_t j = static_cast<std::size_t>(e.j);
                const Vec3& sh = shift[static_cast<std::size_t>(e.image)];
                const double dx = xi.x - x[j].x - sh.x, dy = xi.y - x[j].y - sh.y, dz = xi.z - x[j].z - sh.z;
                const double rsq = dx * dx + dy * dy + dz * dz;
                if (rsq >= cutsq) continue;
                const std::size_t tp = ti * nt + static_cast<std::size_t>(type[j]);
                double p = std::sqrt(rsq) * rdr + 1.0;
                int m = std::min(static_cast<int>(p), nr - 1);
                p = std::min(p - m, 1.0);
                const auto& ci = (*rho_at_i[tp])[m];
                const auto& cj = (*rho_at_j[tp])[m];
                const double di = ((ci[3] * p + ci[4]) * p + ci[5]) * p + ci[6];
                const double dj = ((cj[3] * p + cj[4]) * p + cj[5]) * p + cj[6];
                if (!(std::fabs(di) < kMaxPairDensity && std::fabs(dj) < kMaxPairDensity)) {
#pragma omp critical(stz_eam_bad)
                    if (bad_pair < 0) bad_pair = static_cast<long>(i) * (1L << 31) + static_cast<long>(k - list_.begin(i));
                    continue;
                }
                rho_i += di;
                acc[j] += fixed(dj, kDensityScale);
            }
            acc[i] += fixed(rho_i, kDensityScale);
        }
        // implicit barrier: every thread's densities are complete
#pragma omp for schedule(static)
        for (std::size_t i = 0; i < n; ++i) {
            std::int64_t sum = 0;
            for (const auto& a : acc_) sum += a[i];
            rho_[i] = static_cast<double>(sum) / kDensityScale;
        }
        // ---- embedding energies and F'(rho)
#pragma omp for schedule(static) reduction(+ : e_embed)
        for (std::size_t i = 0; i < n; ++i) {
            const int a = type_element_[static_cast<std::size_t>(type[i])];
            double p = rho_[i] * rdrho + 1.0;
            int m = std::max(1, std::min(static_cast<int>(p), nrho - 1));
            p = std::min(p - m, 1.0);
            const auto& c = pot.embedding(a)[m];
            fp_[i] = (c[0] * p + c[1]) * p + c[2];
            double phi = ((c[3] * p + c[4]) * p + c[5]) * p + c[6];
            if (rho_[i] > rhomax) phi += fp_[i] * (rho_[i] - rhomax);
            e_embed += fixed(phi, kEnergyScale);
            if (per_atom_energy) result.per_atom_energy_eV[i] = phi;
        }
        // ---- pass 2: forces, pair energy, virial
        std::fill(acc, acc + per_thread, std::int64_t{0});
        std::int64_t* eat = per_atom_energy ? acc + 3 * n : nullptr;
        std::int64_t my_pair = 0, mw[6] = {0, 0, 0, 0, 0, 0};
#pragma omp for schedule(dynamic, 64)
        for (std::size_t i = 0; i < n; ++i) {
            const Vec3 xi = x[i];
            const std::size_t ti = static_cast<std::size_t>(type[i]);
            const double fpi = fp_[i];
            // Sums over i's own list in a fixed order (deterministic in double), turned into
            // fixed point once per atom; only the contributions to j need it per pair.
            double fix = 0, fiy = 0, fiz = 0, e_i = 0;
            double wi[6] = {0, 0, 0, 0, 0, 0};
            for (std::size_t k = list_.begin(i); k < list_.end(i); ++k) {
                const auto& e = entries[k];
                const std::size_t j = static_cast<std::size_t>(e.j);
                const Vec3& sh = shift[static_cast<std::size_t>(e.image)];
                const double dx = xi.x - x[j].x - sh.x, dy = xi.y - x[j].y - sh.y, dz = xi.z - x[j].z - sh.z;
                const double rsq = dx * dx + dy * dy + dz * dz;
                if (rsq >= cutsq) continue;
                const std::size_t tp = ti * nt + static_cast<std::size_t>(type[j]);
                const double r = std::sqrt(rsq);
                double p = r * rdr + 1.0;
                int m = std::min(static_cast<int>(p), nr - 1);
                p = std::min(p - m, 1.0);
                const auto& cj = (*rho_at_j[tp])[m];  // density of i at j: its slope
                const double rhoip = (cj[0] * p + cj[1]) * p + cj[2];
                const auto& ci = (*rho_at_i[tp])[m];
                const double rhojp = (ci[0] * p + ci[1]) * p + ci[2];
                const auto& cz = (*z2r[tp])[m];
                const double z2p = (cz[0] * p + cz[1]) * p + cz[2];
                const double z2 = ((cz[3] * p + cz[4]) * p + cz[5]) * p + cz[6];
                const double recip = 1.0 / r;
                const double phi = z2 * recip;
                const double phip = z2p * recip - phi * recip;
                const double psip = fpi * rhojp + fp_[j] * rhoip + phip;
                const double fpair = -psip * recip;
                if (!(std::fabs(fpair) * r < kMaxPairForce && std::fabs(phi) < kMaxPairEnergy)) {
#pragma omp critical(stz_eam_bad)
                    if (bad_pair < 0) bad_pair = static_cast<long>(i) * (1L << 31) + static_cast<long>(k - list_.begin(i));
                    continue;
                }
                const double fx = dx * fpair, fy = dy * fpair, fz = dz * fpair;
                fix += fx;
                fiy += fy;
                fiz += fz;
                acc[3 * j] -= fixed(fx, kForceScale);
                acc[3 * j + 1] -= fixed(fy, kForceScale);
                acc[3 * j + 2] -= fixed(fz, kForceScale);
                e_i += phi;
                wi[0] += dx * fx;
                wi[1] += dy * fy;
                wi[2] += dz * fz;
                wi[3] += dx * fy;
                wi[4] += dx * fz;
                wi[5] += dy * fz;
                if (eat) {
                    eat[i] += fixed(0.5 * phi, kEnergyScale);
                    eat[j] += fixed(0.5 * phi, kEnergyScale);
                }
            }
            acc[3 * i] += fixed(fix, kForceScale);
            acc[3 * i + 1] += fixed(fiy, kForceScale);
            acc[3 * i + 2] += fixed(fiz, kForceScale);
            my_pair += fixed(e_i, kEnergyScale);
            for (int c = 0; c < 6; ++c) mw[c] += fixed(wi[c], kEnergyScale);
        }
#pragma omp atomic
        e_pair += my_pair;
        for (int c = 0; c < 6; ++c) {
#pragma omp atomic
            w[c] += mw[c];
        }
#pragma omp barrier
#pragma omp for schedule(static)
        for (std::size_t i = 0; i < n; ++i) {
            std::int64_t s[3] = {0, 0, 0};
            for (const auto& a : acc_)
                for (int d = 0; d < 3; ++d) s[d] += a[3 * i + static_cast<std::size_t>(d)];
            atoms.f[i] = {static_cast<double>(s[0]) / kForceScale, static_cast<double>(s[1]) / kForceScale,
                          static_cast<double>(s[2]) / kForceScale};
            if (per_atom_energy) {
                std::int64_t se = 0;
                for (const auto& a : acc_) se += a[3 * n + i];
                result.per_atom_energy_eV[i] += static_cast<double>(se) / kEnergyScale;
            }
        }
    }
    if (bad_pair >= 0) {
        const std::size_t i = static_cast<std::size_t>(bad_pair >> 31);
        const auto& e = entries[list_.begin(i) + static_cast<std::size_t>(bad_pair & ((1L << 31) - 1))];
        const Vec3 d = atoms.x[i] - atoms.x[static_cast<std::size_t>(e.j)] - shift[static_cast<std::size_t>(e.image)];
        std::ostringstream os;
        os << "atoms " << atoms.id[i] << " and " << atoms.id[static_cast<std::size_t>(e.j)] << " are " << norm(d)
           << " Å apart: their EAM energy or force is beyond any physical range (overlapping atoms; check the "
              "configuration or the potential file)";
        throw Error(os.str());
    }
    result.energy_eV = static_cast<double>(e_embed + e_pair) / kEnergyScale;
    for (int c = 0; c < 6; ++c) result.virial_eV[static_cast<std::size_t>(c)] = static_cast<double>(w[c]) / kEnergyScale;
    return result;
}

}  // namespace stz::atom
