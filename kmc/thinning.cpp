// The thinning path of the kMC engine (kinetics.selection = thinning): exact rejection
// sampling over block rate bounds with deferred far-field stress. docs/performance.md has
// the derivation; in short:
//
//  * Stress. An event's stress is added at once to the stored field in the blocks near its
//    own (BlockLayout, radius near_radius()) and kept in a pending list for the others. A
//    block takes in the pending events it has not stored yet when it is refreshed ("catch
//    up"), and one FFT solve of the whole eigenstrain field stores everything every
//    flush_every_ events. The exact stress of voxel i is its stored value plus the pending
//    far events its block has not taken in (exact_slots).
//  * Bounds. Each block b keeps the rates of its voxels computed from the exact stress at
//    its last refresh, their sum brhat_b, lowest barrier bqlo_b and largest mode norm
//    bcmax_b = max |c_m|, and a bound D_b >= |p_i - p_ref,i| on how far the stress work
//    vector p of any of its voxels has moved since: every event at voxel j adds
//    |J|max(b, block j) |c| (work_bounds.hpp) and every change of the mean stress adds
//    |dp_mean|. Then every mode has Q >= Q_ref - bcmax_b D_b (softening only relaxes with
//    time, which raises Q), so rate <= rate_ref e^x with x = bcmax_b D_b / kT.
//  * Slack levels. A block's weight in the sum tree is brhat_b e^theta_k for the smallest
//    level theta_k >= x (theta_max / 16, / 8, ..., theta_max); past theta_max it is
//    refreshed. A level changes at most kLevels times between refreshes: a point update.
//  * Sampling. Candidates come from the bounded process (total sum_b brhat_b e^theta_k); a
//    candidate voxel i is accepted with probability R_i / (rhat_i e^theta_k) from its exact
//    rates R_i, and its mode drawn from those rates: a Poisson process thinned this way has
//    exactly the law of the process with rates R (Lewis & Shedler 1979).
//  * Athermal modes: only voxels whose lower bound Q_ref - |c|max D_b is <= 0 are evaluated
//    exactly, so the lowest Q <= 0 is found exactly, ties to the lowest voxel index.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "stz/core/error.hpp"
#include "stz/core/random.hpp"
#include "stz/elasticity/eigen_basis.hpp"
#include "stz/internal/omp.hpp"
#include "stz/kmc/simulation.hpp"
#include "stz/kmc/work_bounds.hpp"
#include "kmc/guard_messages.hpp"

namespace stz {

namespace {
/// Modes more than this many kT above a voxel's lowest barrier are bounded by the rate at
/// that cut rather than evaluated: e^-10 per mode loosens a bound by < 1e-3 for M = 20.
constexpr double kCutKT = 10.0;
/// Blocks within this many blocks of an event's block (Chebyshev, periodic) store its
/// stress at once: 5 x 5 blocks of 8 x 8 voxels in 2D, 3 x 3 x 3 blocks of 4^3 in 3D
/// (a few microseconds of adds either way).
int near_radius(int dim) { return dim == 2 ? 2 : 1; }
/// 2D: stress is also stored at once on the rows and columns within this many voxels of the
/// source, where the spectral Green operator rings without decaying (docs/performance.md).
constexpr int kLineHalf = 1;
int ring_distance(int d, int n) {
    d %= n;
    if (d < 0) d += n;
    return std::min(d, n - d);
}

/// A run of voxels [begin, end) along x in one grid row, with the index in the kernel of its
/// first voxel's offset from the source.
struct RowRun {
    int begin, end;
    std::size_t kernel_start;
};

/// Adds, for `len` voxels, dsigma_s = sum_b c_b K_b,s to the stress slots and
/// dp_b = sum_s w_bs dsigma_s to the voxels' drifts: nb basis coefficients, ns slots, fixed at
/// compile time by NB, NS > 0 (the 2D and 3D cases, unrolled) or taken from nb, ns if 0.
template <int NB, int NS>
void store_tracked_run(int nb_any, int ns_any, int len, const double* c,
                       const double* const (*krow)[6], double* const* dst,
                       const double (*w)[6], double* __restrict delta) {
    const int nb = NB > 0 ? NB : nb_any, ns = NS > 0 ? NS : ns_any;
    for (int x = 0; x < len; ++x) {
        double ds[6];
        for (int s = 0; s < ns; ++s) {
            double v = 0;
            for (int b = 0; b < nb; ++b) v += c[b] * krow[b][s][x];
            ds[s] = v;
            dst[s][x] += v;
        }
        for (int b = 0; b < nb; ++b) {
            double v = 0;
            for (int s = 0; s < ns; ++s) v += w[b][s] * ds[s];
            delta[x * nb + b] += v;
        }
    }
}

}  // namespace

void Simulation::thin_init() {
    blocks_ = BlockLayout(grid_, near_radius(grid_.dim()));
    // The lines through a source are stored at once in 2D only; they must lie inside the
    // near blocks where they cross the source's block row and column (rows within
    // line_half_ voxels are within line_half_ <= near_radius blocks).
    line_half_ = grid_.dim() == 2 ? kLineHalf : -1;
    static_assert(kLineHalf <= 2, "lines must cross the source's block row inside the near blocks");
    work_norm_ = max_work_kernel_norm(blocks_, kernels_, basis_weights_, half_v_eV_per_GPa_,
                                      line_half_);
    const std::size_t nb = blocks_.blocks();
    rhat_.assign(n_, 0.0);
    cmax_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i) cmax_[i] = catalog_.max_mode_norm(i);
    brhat_.assign(nb, 0.0);
    bqlo_.assign(nb, 0.0);
    bcmax_.assign(nb, 0.0);
    bdev_.assign(nb, 0.0);
    bmean_ref_.assign(nb, 0.0);
    delta_.assign(n_ * nb_, 0.0);
    bdelta_.assign(nb, 0.0);
    btouched_.assign(nb, 0);
    touched_.clear();
    bapplied_.assign(nb, 0);
    bstale_.assign(nb, 1);
    blevel_.assign(nb, 0);
    btree_ = SumTree(nb);
    for (int k = 0; k < kLevels; ++k) {
        level_theta_[k] = theta_max_ / double(1 << (kLevels - 1 - k));
        // The 1e-9 covers the round-off of the bookkeeping (relative 1e-15 or so).
        level_slack_[k] = std::exp(level_theta_[k]) * (1.0 + 1e-9);
    }
    // One FFT solve costs about as much as 6-10 single-voxel updates of the whole grid
    // (docs/benchmarks.md); pending events cost each exact voxel evaluation O(pending).
    flush_every_ = std::clamp<std::size_t>(n_ / 4096, 16, 1024);
    eig_scratch_ = TensorField(grid_);
    mean_dev_ = 0;
    for (int b = 0; b < nb_; ++b) {
        double d = 0;
        for (int k = 0; k < 6; ++k) d += basis_weights_[b][k] * mean_voigt_[k];
        pmean_[b] = half_v_eV_per_GPa_ * d;
    }
    thin_refresh();
}

double Simulation::block_deviation(std::size_t b) const {
    return bdev_[b] + bdelta_[b] + (mean_dev_ - bmean_ref_[b]);
}

double Simulation::voxel_deviation(std::size_t i) const {
    const std::size_t b = blocks_.block_of(i);
    double d2 = 0;
    for (int k = 0; k < nb_; ++k) d2 += delta_[i * nb_ + k] * delta_[i * nb_ + k];
    return bdev_[b] + std::sqrt(d2) + (mean_dev_ - bmean_ref_[b]);
}

bool Simulation::on_line(std::size_t i, std::size_t j) const {
    if (line_half_ < 0) return false;
    const int nx = grid_.nx, ny = grid_.ny;
    const int xi = static_cast<int>(i % nx), yi = static_cast<int>((i / nx) % ny);
    const int xj = static_cast<int>(j % nx), yj = static_cast<int>((j / nx) % ny);
    return ring_distance(xi - xj, nx) <= line_half_ || ring_distance(yi - yj, ny) <= line_half_;
}

void Simulation::thin_store_tracked(std::size_t j, const double* c, const int lo[3],
                                    const int ext[3]) {
    // Stores the stress of source (j, c) in the box and adds the change of each voxel's work
    // vector p to its delta: the exact drift since its block's refresh.
    const int nx = grid_.nx, ny = grid_.ny, nz = grid_.nz;
    const int jx = static_cast<int>(j % nx), jy = static_cast<int>((j / nx) % ny),
              jz = static_cast<int>(j / (static_cast<std::size_t>(nx) * ny));
    const int ns = fluct_.stored_components();
    double w[5][6];  // dp_b = sum_s w[b][s] dsigma_s
    for (int b = 0; b < nb_; ++b)
        for (int s = 0; s < ns; ++s)
            w[b][s] = half_v_eV_per_GPa_ * basis_weights_[b][voigt_slot_[s]];
    const double* kern[5][6];
    double* dst[6];
    for (int s = 0; s < ns; ++s) {
        dst[s] = fluct_.slot(s).data();
        for (int b = 0; b < nb_; ++b) kern[b][s] = kernels_.kernel(b).slot(s).data();
    }
    for (int z = lo[2]; z < lo[2] + ext[2]; ++z) {
        const int kz = (z - jz + nz) % nz;
        for (int y = lo[1]; y < lo[1] + ext[1]; ++y) {
            const int ky = (y - jy + ny) % ny;
            const std::size_t drow = (static_cast<std::size_t>(z) * ny + y) * nx;
            const std::size_t srow = (static_cast<std::size_t>(kz) * ny + ky) * nx;
            // The kernel offset x - jx wraps once at most: two contiguous runs.
            const int x0 = lo[0], x1 = lo[0] + ext[0], xw = std::clamp(jx, x0, x1);
            const RowRun runs[2] = {{x0, xw, srow + static_cast<std::size_t>(x0 - jx + nx)},
                                    {xw, x1, srow + static_cast<std::size_t>(xw - jx)}};
            for (const RowRun& run : runs) {
                if (run.end <= run.begin) continue;
                double* drow_dst[6];
                const double* krow[5][6];
                for (int s = 0; s < ns; ++s) {
                    drow_dst[s] = dst[s] + drow + run.begin;
                    for (int b = 0; b < nb_; ++b) krow[b][s] = kern[b][s] + run.kernel_start;
                }
                double* dl = delta_.data() + (drow + static_cast<std::size_t>(run.begin)) * nb_;
                const int len = run.end - run.begin;
                if (nb_ == 2 && ns == 4)
                    store_tracked_run<2, 4>(nb_, ns, len, c, krow, drow_dst, w, dl);
                else if (nb_ == 5 && ns == 6)
                    store_tracked_run<5, 6>(nb_, ns, len, c, krow, drow_dst, w, dl);
                else
                    store_tracked_run<0, 0>(nb_, ns, len, c, krow, drow_dst, w, dl);
            }
        }
    }
}

void Simulation::thin_store_lines(std::size_t j, const double* c) {
    // 2D: rows |y - yj| <= h and columns |x - xj| <= h, outside the near blocks (which
    // contain their crossings with the source's block row and column), one block span at a
    // time.
    const int nx = grid_.nx, ny = grid_.ny, h = line_half_;
    const int jx = static_cast<int>(j % nx), jy = static_cast<int>((j / nx) % ny);
    const std::size_t bj = blocks_.block_of(j);
    const auto store = [&](int x0, int y0, int ex, int ey) {
        const std::size_t b = blocks_.block_of(grid_.index(x0, y0, 0));
        if (blocks_.near(blocks_.offset(b, bj))) return;
        const int lo[3] = {x0, y0, 0}, ext[3] = {ex, ey, 1};
        thin_store_tracked(j, c, lo, ext);
        if (!btouched_[b]) {
            btouched_[b] = 1;
            touched_.push_back(b);
        }
    };
    std::vector<int> rows, cols;
    for (int d = -h; d <= h; ++d) {
        rows.push_back(((jy + d) % ny + ny) % ny);
        cols.push_back(((jx + d) % nx + nx) % nx);
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    std::sort(cols.begin(), cols.end());
    cols.erase(std::unique(cols.begin(), cols.end()), cols.end());
    for (int y : rows)
        for (int x0 = 0; x0 < nx; x0 += blocks_.bx) store(x0, y, blocks_.bx, 1);
    // Columns: a voxel on a row line too lies in a near block (|dy| <= h <= near radius in
    // blocks, and the column is in the source's block column), so nothing is stored twice.
    for (int x : cols)
        for (int y0 = 0; y0 < ny; y0 += blocks_.by) store(x, y0, 1, blocks_.by);
}

void Simulation::thin_catch_up(std::size_t b, std::size_t j, const double* c) {
    // The deferred part of source (j, c) in far block b: its voxels off the source's lines,
    // as at most 2 x 2 boxes (the excluded rows and columns are each one periodic run).
    const int nx = grid_.nx, ny = grid_.ny;
    const std::size_t v0 = blocks_.voxels(b)[0];
    const int x0 = static_cast<int>(v0 % nx), y0 = static_cast<int>((v0 / nx) % ny),
              z0 = static_cast<int>(v0 / (static_cast<std::size_t>(nx) * ny));
    const std::span<const double> dc(c, nb_);
    if (line_half_ < 0) {
        const int lo[3] = {x0, y0, z0}, ext[3] = {blocks_.bx, blocks_.by, blocks_.bz};
        kernels_.add_source_box(fluct_, j, dc, lo, ext);
        return;
    }
    const int jx = static_cast<int>(j % nx), jy = static_cast<int>((j / nx) % ny);
    // Runs of kept coordinates in [start, start + edge).
    const auto runs = [&](int start, int edge, int src, int n, int out[4]) {
        int k = 0, run_start = -1;
        for (int v = start; v <= start + edge; ++v) {
            const bool keep = v < start + edge && ring_distance(v - src, n) > line_half_;
            if (keep && run_start < 0) run_start = v;
            if (!keep && run_start >= 0) {
                out[k++] = run_start;
                out[k++] = v - run_start;
                run_start = -1;
            }
        }
        return k / 2;
    };
    int xr[8], yr[8];
    const int nxr = runs(x0, blocks_.bx, jx, nx, xr), nyr = runs(y0, blocks_.by, jy, ny, yr);
    for (int a = 0; a < nyr; ++a)
        for (int q = 0; q < nxr; ++q) {
            const int lo[3] = {xr[2 * q], yr[2 * a], 0}, ext[3] = {xr[2 * q + 1], yr[2 * a + 1], 1};
            kernels_.add_source_box(fluct_, j, dc, lo, ext);
        }
}

void Simulation::thin_mean_changed() {
    std::array<double, 5> pm{};
    double d2 = 0;
    for (int b = 0; b < nb_; ++b) {
        double d = 0;
        for (int k = 0; k < 6; ++k) d += basis_weights_[b][k] * mean_voigt_[k];
        pm[b] = half_v_eV_per_GPa_ * d;
        d2 += (pm[b] - pmean_[b]) * (pm[b] - pmean_[b]);
    }
    mean_dev_ += std::sqrt(d2);
    pmean_ = pm;
}

void Simulation::thin_event(std::size_t j, const double* c) {
    const std::size_t bj = blocks_.block_of(j);
    // Near field: stored at once in the blocks around the event's own, and in 2D on the grid
    // lines through it; each voxel there follows its change of p exactly (delta).
    for (std::size_t a : blocks_.near_blocks(bj)) {
        const std::size_t v0 = blocks_.voxels(a)[0];
        const int lo[3] = {static_cast<int>(v0 % grid_.nx),
                           static_cast<int>((v0 / grid_.nx) % grid_.ny),
                           static_cast<int>(v0 / (static_cast<std::size_t>(grid_.nx) * grid_.ny))};
        const int ext[3] = {blocks_.bx, blocks_.by, blocks_.bz};
        thin_store_tracked(j, c, lo, ext);
        if (!btouched_[a]) {
            btouched_[a] = 1;
            touched_.push_back(a);
        }
    }
    if (line_half_ >= 0) thin_store_lines(j, c);
    for (std::size_t a : touched_) {
        const std::size_t* vox = blocks_.voxels(a);
        double m2 = 0;
        for (std::size_t k = 0; k < blocks_.voxels_per_block(); ++k) {
            const double* dl = delta_.data() + vox[k] * nb_;
            double d2 = 0;
            for (int q = 0; q < nb_; ++q) d2 += dl[q] * dl[q];
            m2 = std::max(m2, d2);
        }
        bdelta_[a] = std::sqrt(m2);
        btouched_[a] = 0;
    }
    touched_.clear();
    bstale_[bj] = 1;  // voxel j's catalog and softening changed
    Pending e{j, {}};
    double c2 = 0;
    for (int b = 0; b < nb_; ++b) {
        e.c[b] = c[b];
        c2 += c[b] * c[b];
    }
    pending_.push_back(e);
    const double cn = std::sqrt(c2);
    // Bound growth everywhere: block a sees offset (a - bj) on the periodic block grid.
    const int nbx = blocks_.nbx, nby = blocks_.nby, nbz = blocks_.nbz;
    const std::size_t pxy = static_cast<std::size_t>(nbx) * nby;
    const int cx = static_cast<int>(bj % nbx), cy = static_cast<int>((bj / nbx) % nby),
              cz = static_cast<int>(bj / pxy);
    std::size_t a = 0;
    for (int az = 0; az < nbz; ++az) {
        const int oz = (az - cz + nbz) % nbz;
        for (int ay = 0; ay < nby; ++ay) {
            const int oy = (ay - cy + nby) % nby;
            const double* row = work_norm_.data() + (static_cast<std::size_t>(oz) * nby + oy) * nbx;
            for (int ax = 0; ax < nbx; ++ax, ++a) {
                const int ox = ax - cx < 0 ? ax - cx + nbx : ax - cx;
                bdev_[a] += row[ox] * cn;
            }
        }
    }
}

void Simulation::thin_flush() {
    // Stored stress := exact stress of the whole eigenstrain field (one FFT solve). The true
    // stress does not change, so the blocks' bounds D_b stay valid.
    // Eigenstrain field sum_b c_b B_b, written slot by slot (as from_deviatoric_coefficients).
    const int ns = eig_scratch_.stored_components();
    double basis[5][6];
    double* dst[6];
    for (int b = 0; b < nb_; ++b) {
        const auto v = deviatoric_basis(grid_.dim(), b).voigt();
        for (int s = 0; s < ns; ++s) basis[b][s] = v[static_cast<int>(eig_scratch_.slot_component(s))];
    }
    for (int s = 0; s < ns; ++s) dst[s] = eig_scratch_.slot(s).data();
    const long long n = static_cast<long long>(n_);
    STZ_OMP(parallel for schedule(static) if (n >= 16384))
    for (long long ii = 0; ii < n; ++ii) {
        const std::size_t i = static_cast<std::size_t>(ii);
        const double* c = plastic_.data() + i * nb_;
        for (int s = 0; s < ns; ++s) {
            double v = 0;
            for (int b = 0; b < nb_; ++b) v += c[b] * basis[b][s];
            dst[s][i] = v;
        }
    }
    solver_.fluctuation_stress(eig_scratch_, fluct_);
    // Guard (docs/reliability.md): the solve must give a finite field. O(N) against the
    // solve's O(N log N); blocks not refreshed soon would otherwise keep a NaN unseen.
    for (int s = 0; s < fluct_.stored_components(); ++s) {
        const auto f = fluct_.slot(s);
        for (std::size_t i = 0; i < n_; ++i)
            if (!std::isfinite(f[i]))
                throw Error(fmt::format("non-finite stress after the FFT solve of flush {} at {} {} (an "
                                        "overflow in the plastic eigenstrain, or NaN from the solve)",
                                        thin_counts_.flushes + 1, detail::voxel_text(grid_, i, fluct_.at(i) + mean_.stress),
                                        detail::run_point(strain_, t_, counts_)));
    }
    pending_.clear();
    std::fill(bapplied_.begin(), bapplied_.end(), 0);
    ++thin_counts_.flushes;
}

void Simulation::thin_refresh_block(std::size_t b) {
    const std::size_t* vox = blocks_.voxels(b);
    const std::size_t per = blocks_.voxels_per_block();
    // Catch up: store the pending far events this block has not taken in.
    if (bapplied_[b] < pending_.size()) {
        for (std::size_t k = bapplied_[b]; k < pending_.size(); ++k) {
            const Pending& e = pending_[k];
            if (blocks_.near(blocks_.offset(b, blocks_.block_of(e.voxel)))) continue;
            thin_catch_up(b, e.voxel, e.c.data());
        }
        bapplied_[b] = pending_.size();
    }
    double rsum = 0, qlo = std::numeric_limits<double>::infinity(), cm = 0;
    double qbuf[256];
    std::vector<double> big;
    double* q = qbuf;
    if (modes_ > 256) {
        big.resize(modes_);
        q = big.data();
    }
    for (std::size_t k = 0; k < per; ++k) {
        const std::size_t i = vox[k];
        double p[5];
        project_stored(i, p);
        const double eta = softening(i);
        const double f = eta == 0.0 ? 1.0 : std::exp(-eta);  // exp(-0) == 1 exactly
        const auto dF = catalog_.barriers(i);
        double qv = std::numeric_limits<double>::infinity();
        int arg = 0;
        for (int m = 0; m < modes_; ++m) {
            const double* c = catalog_.eigenstrain(i, m).data();
            double work = 0;
            for (int bb = 0; bb < nb_; ++bb) work += c[bb] * p[bb];
            q[m] = dF[m] * f - work;  // 003-eq 8, as in rates_from_work
            if (q[m] < qv) {
                qv = q[m];
                arg = m;
            }
        }
        // Exact rates near the lowest barrier, the rest bounded by the rate at the cut.
        const double cut = qv + kCutKT * kT_eV_;
        double r = 0;
        int skipped = 0;
        for (int m = 0; m < modes_; ++m) {
            if (q[m] <= cut)
                r += nu0_ * std::exp(-std::max(q[m], 0.0) * inv_kT_);
            else
                ++skipped;
        }
        if (skipped > 0) r += skipped * nu0_ * std::exp(-std::max(cut, 0.0) * inv_kT_);
        rhat_[i] = r;
        vqmin_[i] = qv;
        vqarg_[i] = arg;
        rsum += r;
        qlo = std::min(qlo, qv);
        cm = std::max(cm, cmax_[i]);
    }
    brhat_[b] = rsum;
    bqlo_[b] = qlo;
    bcmax_[b] = cm;
    bdev_[b] = 0;
    bdelta_[b] = 0;
    for (std::size_t k = 0; k < per; ++k)
        std::fill_n(delta_.data() + vox[k] * nb_, nb_, 0.0);
    bmean_ref_[b] = mean_dev_;
    bstale_[b] = 0;
    blevel_[b] = 0;
}

void Simulation::thin_refresh() {
    if (pending_.size() >= flush_every_) thin_flush();
    const double limit = theta_max_ * kT_eV_;
    std::vector<std::size_t> todo, relevel;
    for (std::size_t b = 0; b < blocks_.blocks(); ++b) {
        const double x = bcmax_[b] * block_deviation(b);
        if (bstale_[b] || x > limit) {
            todo.push_back(b);
        } else if (x > level_theta_[blevel_[b]] * kT_eV_) {
            int k = blevel_[b];
            while (x > level_theta_[k] * kT_eV_) ++k;  // k < kLevels since x <= limit
            blevel_[b] = static_cast<unsigned char>(k);
            relevel.push_back(b);
        }
    }
    const long long nt = static_cast<long long>(todo.size());
    STZ_OMP(parallel for schedule(dynamic, 4) if (nt >= 32))
    for (long long k = 0; k < nt; ++k) thin_refresh_block(todo[static_cast<std::size_t>(k)]);
    thin_counts_.block_refreshes += nt;
    for (std::size_t b : todo) {
        if (std::isfinite(brhat_[b]) && std::isfinite(bqlo_[b])) continue;
        // Name the first voxel of the block whose rate bound or lowest barrier is not finite.
        const std::size_t* vox = blocks_.voxels(b);
        std::size_t i = vox[0];
        for (std::size_t k = 0; k < blocks_.voxels_per_block(); ++k)
            if (!std::isfinite(rhat_[vox[k]]) || !std::isfinite(vqmin_[vox[k]])) {
                i = vox[k];
                break;
            }
        throw Error(fmt::format("non-finite rate bound {} /s or lowest barrier {} eV at {} (block {}) {}: "
                                "the stress field is not finite (an overflow in the work 1/2 V sigma : eps, "
                                "or NaN from the elasticity solve)",
                                rhat_[i], vqmin_[i], detail::voxel_text(grid_, i, stress(i)), b,
                                detail::run_point(strain_, t_, counts_)));
    }
    const std::size_t changed = todo.size() + relevel.size();
    if (changed * 8 > blocks_.blocks()) {
        for (std::size_t b = 0; b < blocks_.blocks(); ++b)
            btree_.set(b, brhat_[b] * level_slack_[blevel_[b]]);
        btree_.rebuild();
    } else {
        for (std::size_t b : todo) btree_.update(b, brhat_[b] * level_slack_[blevel_[b]]);
        for (std::size_t b : relevel) btree_.update(b, brhat_[b] * level_slack_[blevel_[b]]);
    }
}

bool Simulation::thin_sample(double duration_s, std::size_t* voxel, int* mode, double* delay_s) {
    double elapsed = 0;
    double rbuf[256];
    std::vector<double> big;
    double* r = rbuf;
    if (modes_ > 256) {
        big.resize(modes_);
        r = big.data();
    }
    for (;;) {
        const double total = btree_.total();
        // Guard: every block bound is finite (thin_refresh), so only their sum can overflow;
        // NaN or Inf here would stall or pick events from a meaningless distribution.
        if (!std::isfinite(total))
            throw Error(fmt::format("total rate bound is not finite ({} /s) {}: the sum of finite block rate "
                                    "bounds overflowed (kinetics.attempt_frequency_per_s = {} /s)",
                                    total, detail::run_point(strain_, t_, counts_), nu0_));
        if (!(total > 0)) return false;  // no event can happen: time runs to the interval's end
        CounterRng rng(cfg_.run.seed, RngStream::thermal,
                       static_cast<std::uint64_t>(counts_.thermal_draws++));
        const double u_wait = rng.uniform(), u_select = rng.uniform();
        const double u_accept = rng.uniform(), u_mode = rng.uniform();
        const double wait = -std::log(u_wait) / total;
        if (elapsed + wait >= duration_s) return false;
        elapsed += wait;
        ++thin_counts_.candidates;
        // Candidate: block by its bound, voxel by rhat inside it.
        double rest = 0;
        const std::size_t b = btree_.select(u_select, &rest);
        const double slack = level_slack_[blevel_[b]];
        const double target = rest / slack;
        const std::size_t* vox = blocks_.voxels(b);
        std::size_t i = vox[0];
        double acc = 0;
        for (std::size_t k = 0; k < blocks_.voxels_per_block(); ++k) {
            if (rhat_[vox[k]] <= 0) continue;
            i = vox[k];
            acc += rhat_[i];
            if (target < acc) break;
        }
        // Exact rates of the candidate, from the exact stress.
        double p[5], q;
        int arg;
        project(i, p);
        ++thin_counts_.exact_voxels;
        const double ri = rates_from_work(i, p, r, &q, &arg);
        const double bound = rhat_[i] * slack;
        if (ri > bound)
            throw Error("thinning bound violated at voxel " + std::to_string(i) + ": rate " +
                        std::to_string(ri) + " > bound " + std::to_string(bound) +
                        " (a bug: please report it with the parameters and seed)");
        if (u_accept * bound >= ri) continue;  // rejected: time moves on, nothing else
        *voxel = i;
        *mode = static_cast<int>(
            cumulative_pick(std::span<const double>(r, static_cast<std::size_t>(modes_)), u_mode * ri));
        *delay_s = elapsed;
        return true;
    }
}

bool Simulation::thin_lowest_unstable(std::size_t* voxel, int* mode, bool collect_all,
                                      std::vector<std::pair<std::size_t, int>>* all) {
    double best = std::numeric_limits<double>::infinity();
    std::size_t best_voxel = 0;
    int best_mode = 0;
    bool found = false;
    for (std::size_t b = 0; b < blocks_.blocks(); ++b) {
        const double d = block_deviation(b);
        if (bqlo_[b] - bcmax_[b] * d > 0) continue;  // no mode of the block can be <= 0
        const std::size_t* vox = blocks_.voxels(b);
        for (std::size_t k = 0; k < blocks_.voxels_per_block(); ++k) {
            const std::size_t i = vox[k];
            if (vqmin_[i] - cmax_[i] * voxel_deviation(i) > 0) continue;
            double p[5], q;
            int arg;
            project(i, p);
            ++thin_counts_.exact_voxels;
            rates_from_work(i, p, nullptr, &q, &arg);
            if (q > 0) continue;
            found = true;
            if (collect_all) all->emplace_back(i, arg);
            // Lowest barrier first; ties go to the lowest voxel index, as in refresh().
            if (q < best || (q == best && i < best_voxel)) {
                best = q;
                best_voxel = i;
                best_mode = arg;
            }
        }
    }
    if (found) {
        *voxel = best_voxel;
        *mode = best_mode;
    }
    return found;
}

void Simulation::synchronize() {
    if (thin_ && !pending_.empty()) thin_flush();
}

void Simulation::check_bounds() const {
    if (!thin_) return;

    std::vector<double> r(modes_);
    for (std::size_t b = 0; b < blocks_.blocks(); ++b) {
        const double d = block_deviation(b);
        STZ_REQUIRE(!bstale_[b], "check_bounds: block " << b << " is stale");
        const double theta = level_theta_[blevel_[b]], slack = level_slack_[blevel_[b]];
        STZ_REQUIRE(bcmax_[b] * d <= theta * kT_eV_ * (1 + 1e-9),
                    "check_bounds: block " << b << " loosened past its level: "
                                           << bcmax_[b] * d / kT_eV_ << " kT > " << theta);
        double sum = 0;
        const std::size_t* vox = blocks_.voxels(b);
        for (std::size_t k = 0; k < blocks_.voxels_per_block(); ++k) {
            const std::size_t i = vox[k];
            sum += rhat_[i];
            double p[5], q;
            int arg;
            project(i, p);
            const double ri = rates_from_work(i, p, r.data(), &q, &arg);
            const double dv = voxel_deviation(i);
            STZ_REQUIRE(dv <= d * (1 + 1e-12), "check_bounds: voxel " << i << " deviation "
                                                   << dv << " above its block's " << d);
            const double tight = rhat_[i] * std::exp(cmax_[i] * dv * inv_kT_) * (1 + 1e-9);
            STZ_REQUIRE(ri <= tight && ri <= rhat_[i] * slack,
                        "check_bounds: voxel " << i << " rate " << ri << " above its bound "
                                               << tight);
            STZ_REQUIRE(q >= vqmin_[i] - cmax_[i] * dv - 1e-12,
                        "check_bounds: voxel " << i << " barrier " << q
                                               << " below its lower bound "
                                               << vqmin_[i] - cmax_[i] * dv);
            STZ_REQUIRE(q >= bqlo_[b] - bcmax_[b] * d - 1e-12,
                        "check_bounds: block " << b << " lower bound above voxel " << i);
        }
        STZ_REQUIRE(std::abs(sum - brhat_[b]) <= 1e-12 * std::max(sum, brhat_[b]),
                    "check_bounds: block " << b << " sum " << brhat_[b] << " != " << sum);
        STZ_REQUIRE(btree_.weight(b) == brhat_[b] * slack,
                    "check_bounds: tree leaf " << b << " out of date");
    }
}

}  // namespace stz
