// EAM energy, forces and virial over a half neighbour list (OpenMP, fixed-point sums).
#include "stz/atom/eam_force.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <new>
#include <sstream>

#include "stz/core/error.hpp"
#include "stz/io/state_file.hpp"

#ifdef _OPENMP
#include <omp.h>
#endif
#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
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
constexpr std::uint32_t kPrefetch = 8;  // pairs ahead

// std::llrint, inlined: GCC calls libm for it unless math errno is off. cvtsd2si rounds in
// the current mode (to nearest, as llrint) and gives the same result for every input.
inline std::int64_t fixed(double v, double scale) {
#if defined(__SSE2__) && defined(__x86_64__)
    return _mm_cvtsd_si64(_mm_set_sd(v * scale));
#else
    return std::llrint(v * scale);
#endif
}

// Interleaved table layout, per interval m:
//   pass 1 (kDensStride doubles, one cache line): value coefficients c3..c6 of the density
//     at the lower type from the higher one, then of the density at the higher from the lower;
//   pass 2 (kForceStride doubles, two cache lines): r·phi c0..c6, pad, slope coefficients
//     c0..c2 of the same two densities, pad.
constexpr std::size_t kDensStride = 8, kForceStride = 16;
constexpr std::size_t kZ2r = 0, kSlopeLow = 8, kSlopeHigh = 11;

template <class T>
struct AlignedDeleter {
    void operator()(T* p) const { ::operator delete[](p, std::align_val_t{64}); }
};
template <class T>
using AlignedArray = std::unique_ptr<T[], AlignedDeleter<T>>;
template <class T>
AlignedArray<T> aligned_array(std::size_t n) {
    T* p = static_cast<T*>(::operator new[](n * sizeof(T), std::align_val_t{64}));
    std::fill(p, p + n, T{});
    return AlignedArray<T>(p);
}

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

struct EamForce::Tables {
    std::size_t intervals = 0;  ///< per pair table: indices 0..intervals-1
    std::size_t nt = 0;         ///< atom types
    AlignedArray<double> dens, force;
    /// Per (ti, tj): offset of the unordered pair's table (in intervals) and the offsets
    /// within an interval of rho_i (density at i from j) and rho_j.
    std::vector<std::size_t> pair_base;
    std::vector<std::size_t> dens_i, dens_j, slope_i, slope_j;
};

EamForce::EamForce(std::shared_ptr<const EamPotential> potential, std::vector<int> type_element, double skin_A)
    : pot_(std::move(potential)), type_element_(std::move(type_element)), list_(pot_->cutoff_A(), skin_A) {
    for (int e : type_element_)
        STZ_REQUIRE(e >= 0 && e < pot_->element_count(), "EamForce: element index " << e << " out of range");
    // One table per unordered element pair (types of one element share it).
    const EamPotential& pot = *pot_;
    auto t = std::make_shared<Tables>();
    const std::size_t nt = type_element_.size();
    const std::size_t ne = static_cast<std::size_t>(pot.element_count());
    const int nr = pot.nr();
    t->nt = nt;
    t->intervals = static_cast<std::size_t>(nr) + 1;
    const std::size_t npairs = ne * (ne + 1) / 2;
    t->dens = aligned_array<double>(npairs * t->intervals * kDensStride);
    t->force = aligned_array<double>(npairs * t->intervals * kForceStride);
    auto pair_index = [ne](std::size_t lo, std::size_t hi) { return lo * (2 * ne + 1 - lo) / 2 + (hi - lo); };
    for (std::size_t lo = 0; lo < ne; ++lo)
        for (std::size_t hi = lo; hi < ne; ++hi) {
            const int el = static_cast<int>(lo), eh = static_cast<int>(hi);
            const EamSpline& at_low = pot.density(eh, el);   // density at the lower element from the higher
            const EamSpline& at_high = pot.density(el, eh);  // and the reverse
            const EamSpline& z2r = pot.r_phi(el, eh);
            for (const EamSpline* sp : {&at_low, &at_high, &z2r})
                STZ_REQUIRE(sp->size() >= nr, "EamForce: an r table has " << sp->size() << " points, fewer than nr " << nr);
            const std::size_t base = pair_index(lo, hi) * t->intervals;
            for (int m = 1; m <= nr; ++m) {
                const std::size_t row = base + static_cast<std::size_t>(m);
                double* d = t->dens.get() + row * kDensStride;
                double* f = t->force.get() + row * kForceStride;
                for (int c = 0; c < 4; ++c) {
                    d[c] = at_low[m][static_cast<std::size_t>(3 + c)];
                    d[4 + c] = at_high[m][static_cast<std::size_t>(3 + c)];
                }
                for (int c = 0; c < 7; ++c) f[kZ2r + static_cast<std::size_t>(c)] = z2r[m][static_cast<std::size_t>(c)];
                for (int c = 0; c < 3; ++c) {
                    f[kSlopeLow + static_cast<std::size_t>(c)] = at_low[m][static_cast<std::size_t>(c)];
                    f[kSlopeHigh + static_cast<std::size_t>(c)] = at_high[m][static_cast<std::size_t>(c)];
                }
            }
        }
    t->pair_base.resize(nt * nt);
    t->dens_i.resize(nt * nt);
    t->dens_j.resize(nt * nt);
    t->slope_i.resize(nt * nt);
    t->slope_j.resize(nt * nt);
    for (std::size_t ti = 0; ti < nt; ++ti)
        for (std::size_t tj = 0; tj < nt; ++tj) {
            const std::size_t ei = static_cast<std::size_t>(type_element_[ti]);
            const std::size_t ej = static_cast<std::size_t>(type_element_[tj]);
            // rho_i (the density at i from j) is the table's "at the lower" half when i's
            // element is the lower one.
            const bool swap = ei > ej;
            const std::size_t lo = std::min(ei, ej), hi = std::max(ei, ej);
            const std::size_t tp = ti * nt + tj;
            t->pair_base[tp] = pair_index(lo, hi) * t->intervals;
            t->dens_i[tp] = swap ? 4 : 0;
            t->dens_j[tp] = swap ? 0 : 4;
            t->slope_i[tp] = swap ? kSlopeHigh : kSlopeLow;
            t->slope_j[tp] = swap ? kSlopeLow : kSlopeHigh;
        }
    tables_ = std::move(t);
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

void EamForce::save_state(StateWriter& w) const {
    w.put<std::uint8_t>(rebuild_next_ ? 1 : 0);
    list_.save_state(w);
}

void EamForce::load_state(StateReader& r) {
    rebuild_next_ = r.get<std::uint8_t>("force rebuild flag") != 0;
    list_.load_state(r);
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

    const Tables& tab = *tables_;
    const std::size_t nt = tab.nt;
    const double* dens = tab.dens.get();
    const double* ftab = tab.force.get();
    const std::size_t* pair_base = tab.pair_base.data();
    const std::size_t* dens_i = tab.dens_i.data();
    const std::size_t* dens_j = tab.dens_j.data();
    const std::size_t* slope_i = tab.slope_i.data();
    const std::size_t* slope_j = tab.slope_j.data();
    if (close_.size() < entries.size()) close_.resize(entries.size());
    close_count_.resize(n);
    Close* close = close_.data();
    std::uint32_t* close_count = close_count_.data();
    const Vec3* sh_all = shift.data();

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
            // Keep the pairs within the cutoff, in list order, without branches.
            Close* cl = close + list_.begin(i);
            std::uint32_t count = 0;
            for (std::size_t k = list_.begin(i), end = list_.end(i); k < end; ++k) {
                const auto e = entries[k];
                const Vec3 xj = x[e.j];
                const Vec3 sh = sh_all[e.image];
                const double dx = xi.x - xj.x - sh.x, dy = xi.y - xj.y - sh.y, dz = xi.z - xj.z - sh.z;
                const double rsq = dx * dx + dy * dy + dz * dz;
                cl[count] = {e.j, e.image, rsq};
                count += !(rsq >= cutsq);
            }
            close_count[i] = count;
            double rho_i = 0;  // i's own list in a fixed order: deterministic in double
            for (std::uint32_t q = 0; q < count; ++q) cl[q].r = std::sqrt(cl[q].r);
            for (std::uint32_t q = 0; q < count; ++q) {
                if (q + kPrefetch < count) {
                    const Close& a = cl[q + kPrefetch];
                    const std::size_t ta = ti * nt + static_cast<std::size_t>(type[a.j]);
                    const int ma = std::min(static_cast<int>(a.r * rdr + 1.0), nr - 1);
                    __builtin_prefetch(dens + (pair_base[ta] + static_cast<std::size_t>(ma)) * kDensStride);
                }
                const std::size_t j = static_cast<std::size_t>(cl[q].j);
                const double r = cl[q].r;
                const std::size_t tp = ti * nt + static_cast<std::size_t>(type[j]);
                double p = r * rdr + 1.0;
                int m = std::min(static_cast<int>(p), nr - 1);
                p = std::min(p - m, 1.0);
                const double* row = dens + (pair_base[tp] + static_cast<std::size_t>(m)) * kDensStride;
                const double* ci = row + dens_i[tp];
                const double* cj = row + dens_j[tp];
                const double di = ((ci[0] * p + ci[1]) * p + ci[2]) * p + ci[3];
                const double dj = ((cj[0] * p + cj[1]) * p + cj[2]) * p + cj[3];
                if (!(std::fabs(di) < kMaxPairDensity && std::fabs(dj) < kMaxPairDensity)) {
#pragma omp critical(stz_eam_bad)
                    if (bad_pair < 0) bad_pair = static_cast<long>(i) * (1L << 31) + static_cast<long>(q);
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
            const Close* cl = close + list_.begin(i);
            const std::uint32_t count = close_count[i];
            for (std::uint32_t q = 0; q < count; ++q) {
                if (q + kPrefetch < count) {
                    const Close& a = cl[q + kPrefetch];
                    const std::size_t ta = ti * nt + static_cast<std::size_t>(type[a.j]);
                    const int ma = std::min(static_cast<int>(a.r * rdr + 1.0), nr - 1);
                    const double* ra = ftab + (pair_base[ta] + static_cast<std::size_t>(ma)) * kForceStride;
                    __builtin_prefetch(ra);
                    __builtin_prefetch(ra + 8);
                }
                const std::size_t j = static_cast<std::size_t>(cl[q].j);
                const double r = cl[q].r;
                const Vec3 xj = x[j];
                const Vec3 sh = sh_all[cl[q].image];
                const double dx = xi.x - xj.x - sh.x, dy = xi.y - xj.y - sh.y, dz = xi.z - xj.z - sh.z;
                const std::size_t tp = ti * nt + static_cast<std::size_t>(type[j]);
                double p = r * rdr + 1.0;
                int m = std::min(static_cast<int>(p), nr - 1);
                p = std::min(p - m, 1.0);
                const double* row = ftab + (pair_base[tp] + static_cast<std::size_t>(m)) * kForceStride;
                const double* cj = row + slope_j[tp];  // density of i at j: its slope
                const double rhoip = (cj[0] * p + cj[1]) * p + cj[2];
                const double* ci = row + slope_i[tp];
                const double rhojp = (ci[0] * p + ci[1]) * p + ci[2];
                const double* cz = row + kZ2r;
                const double z2p = (cz[0] * p + cz[1]) * p + cz[2];
                const double z2 = ((cz[3] * p + cz[4]) * p + cz[5]) * p + cz[6];
                const double recip = 1.0 / r;
                const double phi = z2 * recip;
                const double phip = z2p * recip - phi * recip;
                const double psip = fpi * rhojp + fp_[j] * rhoip + phip;
                const double fpair = -psip * recip;
                if (!(std::fabs(fpair) * r < kMaxPairForce && std::fabs(phi) < kMaxPairEnergy)) {
#pragma omp critical(stz_eam_bad)
                    if (bad_pair < 0) bad_pair = static_cast<long>(i) * (1L << 31) + static_cast<long>(q);
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
        const Close& e = close_[list_.begin(i) + static_cast<std::size_t>(bad_pair & ((1L << 31) - 1))];
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
