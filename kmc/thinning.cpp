// The thinning path of the kMC engine (kinetics.selection = thinning): exact rejection
// sampling over block rate bounds with deferred far-field work. docs/performance.md has
// the derivation; in short:
//
//  * Work, not stress. The barriers see the stress only through the work vector
//    p_i = 1/2 V sigma_i : B_b (pwd_, nb numbers per voxel), updated with the work kernel
//    J = 1/2 V B : K (jker_). The stress tensor field is solved only when asked for.
//  * Deferred work. An event's work is added at once to the voxels of the blocks near its
//    own (BlockLayout, radius near_radius()) and, in 2D, of the grid lines through it, and
//    kept in a pending list for the others. A refreshed block stores ("catches up") the
//    pending events that can move its work by more than btau_ and bounds the rest; one
//    FFT convolution of the eigenstrain field with J (MatrixConvolution) stores everything
//    every flush_every_ events. The exact work of voxel i is its stored value plus the
//    pending events not stored there (thin_project).
//  * Bounds. Each block b keeps the rates of its voxels computed from their reference work
//    p_ref at its last refresh, their sum brhat_b, lowest barrier bqlo_b and largest mode
//    norm bcmax_b = max |c_m|, and a bound on |p_i - p_ref,i|: the exact drift delta_i of
//    what was stored at once, plus D_b (every deferred event at voxel j adds
//    |J|max(b, block j) |c|, work_bounds.hpp) plus the mean-stress changes. After a flush
//    every drift is known exactly and the bounds are rebased on it (thin_rebase). Every
//    mode then has Q >= Q_ref - bcmax_b D (softening only relaxes with time, which raises
//    Q), so rate <= rate_ref e^x with x = bcmax_b D / kT.
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
/// A refresh catches up a pending far event only if it can move the block's work by more than
/// kCatchUpKT kT / gamma* (a mode norm of order gamma*: a fraction of a kT of barrier); the
/// bounds of the others start the block's deviation, at most theta_max / 16 in all.
constexpr double kCatchUpKT = 0.3;
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

/// Adds, for `len` consecutive voxels, dp_b = sum_c J_bc c_c to their work p and, if TRACK, to
/// their drift delta: `jk` holds J for the first voxel's offset ([b][c], then the next
/// voxel's), `pd` the first voxel's p then delta. NB > 0 fixes the basis size at compile time
/// (2D and 3D, unrolled); 0 takes it from nb_any.
/// With TRACK, returns the largest |delta|^2 of the run's voxels after the update (else 0).
template <int NB, bool TRACK>
double add_work_run(int nb_any, int len, const double* c, const double* __restrict jk,
                    double* __restrict pd) {
    const int nb = NB > 0 ? NB : nb_any;
    double m2 = 0;
    for (int x = 0; x < len; ++x, jk += nb * nb, pd += 2 * nb) {
        double d2 = 0;
        for (int b = 0; b < nb; ++b) {
            double v = 0;
            for (int q = 0; q < nb; ++q) v += jk[b * nb + q] * c[q];
            pd[b] += v;
            if constexpr (TRACK) {
                pd[nb + b] += v;
                d2 += pd[nb + b] * pd[nb + b];
            }
        }
        m2 = std::max(m2, d2);
    }
    return m2;
}

template <bool TRACK>
double add_work_run_any(int nb, int len, const double* c, const double* jk, double* pd) {
    if (nb == 2) return add_work_run<2, TRACK>(nb, len, c, jk, pd);
    if (nb == 5) return add_work_run<5, TRACK>(nb, len, c, jk, pd);
    return add_work_run<0, TRACK>(nb, len, c, jk, pd);
}

}  // namespace

void Simulation::thin_init() {
    blocks_ = BlockLayout(grid_, near_radius(grid_.dim()));
    // The lines through a source are stored at once in 2D only; they must lie inside the
    // near blocks where they cross the source's block row and column (rows within
    // line_half_ voxels are within line_half_ <= near_radius blocks).
    line_half_ = grid_.dim() == 2 ? kLineHalf : -1;
    static_assert(kLineHalf <= 2, "lines must cross the source's block row inside the near blocks");
    const std::size_t nb = blocks_.blocks();
    rhat_.assign(n_, 0.0);
    cmax_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i) cmax_[i] = catalog_.max_mode_norm(i);
    brhat_.assign(nb, 0.0);
    bqlo_.assign(nb, 0.0);
    bcmax_.assign(nb, 0.0);
    bdev_.assign(nb, 0.0);
    bmean_ref_.assign(nb, 0.0);
    // J_bc(r) = 1/2 V B_b : K_c(r): the work of basis b at offset r per unit coefficient c,
    // and per block offset the largest |J|_2 of the deferred pairs (the far-field bound).
    jker_ = work_kernel_table(kernels_, basis_weights_, half_v_eV_per_GPa_);
    work_norm_ = max_work_kernel_norm(blocks_, nb_, jker_, line_half_);
    work_conv_ = std::make_unique<MatrixConvolution>(grid_, nb_, jker_.data());
    pwd_.assign(2 * n_ * nb_, 0.0);
    pref_.assign(n_ * nb_, 0.0);
    work_conv_->apply(plastic_.data(), pwd_.data(), 2 * static_cast<std::size_t>(nb_));
    stress_stale_ = true;
    bdelta_.assign(nb, 0.0);
    bapplied_.assign(nb, 0);
    btau_.assign(nb, catch_up_min_eV_);
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
    flush_every_ = std::clamp<std::size_t>(n_ / 2048, 16, 1024);
    catch_up_min_eV_ = kCatchUpKT * kT_eV_ / cfg_.catalog.gamma_star;
    eig_scratch_ = TensorField(grid_);
    mean_dev_ = 0;
    for (int b = 0; b < nb_; ++b) {
        double d = 0;
        for (int k = 0; k < 6; ++k) d += basis_weights_[b][k] * mean_voigt_[k];
        pmean_[b] = half_v_eV_per_GPa_ * d;
    }
    thin_refresh();
}

Simulation::Pending Simulation::make_pending(std::size_t j, const double* c) const {
    Pending e{};
    e.voxel = j;
    double c2 = 0;
    for (int b = 0; b < nb_; ++b) {
        e.c[b] = c[b];
        c2 += c[b] * c[b];
    }
    e.cn = std::sqrt(c2);
    const std::size_t pxy = static_cast<std::size_t>(grid_.nx) * grid_.ny;
    e.x = static_cast<int>(j % grid_.nx);
    e.y = static_cast<int>((j / grid_.nx) % grid_.ny);
    e.z = static_cast<int>(j / pxy);
    e.bx = e.x / blocks_.bx;
    e.by = e.y / blocks_.by;
    e.bz = e.z / blocks_.bz;
    return e;
}

double Simulation::block_deviation(std::size_t b) const {
    return bdev_[b] + bdelta_[b] + (mean_dev_ - bmean_ref_[b]);
}

double Simulation::voxel_deviation(std::size_t i) const {
    const std::size_t b = blocks_.block_of(i);
    double d2 = 0;
    const double* dl = pwd_.data() + (2 * i + 1) * nb_;
    for (int k = 0; k < nb_; ++k) d2 += dl[k] * dl[k];
    return bdev_[b] + std::sqrt(d2) + (mean_dev_ - bmean_ref_[b]);
}

bool Simulation::on_line(std::size_t i, std::size_t j) const {
    if (line_half_ < 0) return false;
    const int nx = grid_.nx, ny = grid_.ny;
    const int xi = static_cast<int>(i % nx), yi = static_cast<int>((i / nx) % ny);
    const int xj = static_cast<int>(j % nx), yj = static_cast<int>((j / nx) % ny);
    return ring_distance(xi - xj, nx) <= line_half_ || ring_distance(yi - yj, ny) <= line_half_;
}

double Simulation::thin_store_tracked(std::size_t j, const double* c, const int lo[3],
                                      const int ext[3]) {
    return std::sqrt(thin_add_work(j, c, lo, ext, true));
}

double Simulation::thin_add_work(std::size_t j, const double* c, const int lo[3], const int ext[3],
                                 bool track) {
    // Adds the work of source (j, c) to the stored p of the voxels of the box and, if `track`,
    // to their delta: the exact drift since their block's refresh.
    const int nx = grid_.nx, ny = grid_.ny, nz = grid_.nz;
    const int jx = static_cast<int>(j % nx), jy = static_cast<int>((j / nx) % ny),
              jz = static_cast<int>(j / (static_cast<std::size_t>(nx) * ny));
    const std::size_t jj = static_cast<std::size_t>(nb_) * nb_, pp = 2 * static_cast<std::size_t>(nb_);
    double m2 = 0;
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
                const double* jk = jker_.data() + run.kernel_start * jj;
                double* pd = pwd_.data() + (drow + static_cast<std::size_t>(run.begin)) * pp;
                const int len = run.end - run.begin;
                if (track)
                    m2 = std::max(m2, add_work_run_any<true>(nb_, len, c, jk, pd));
                else
                    add_work_run_any<false>(nb_, len, c, jk, pd);
            }
        }
    }
    return m2;
}

void Simulation::thin_project(std::size_t i, double* p) const {
    const std::size_t pp = 2 * static_cast<std::size_t>(nb_), jj = static_cast<std::size_t>(nb_) * nb_;
    for (int b = 0; b < nb_; ++b) p[b] = pmean_[b] + pwd_[i * pp + b];
    if (pending_.empty()) return;
    // Deferred far-field work of the pending events not stored at voxel i: not near its
    // block, not on their lines, not caught up by its block (the tests of blocks_.near,
    // on_line and the catch-up rule of thin_refresh_block, on precomputed coordinates: this
    // runs for every candidate).
    const std::size_t bi = blocks_.block_of(i);
    const int nx = grid_.nx, ny = grid_.ny, nz = grid_.nz;
    const int nbx = blocks_.nbx, nby = blocks_.nby, nbz = blocks_.nbz, h = line_half_;
    const std::size_t pxy = static_cast<std::size_t>(nx) * ny;
    const int tx = static_cast<int>(i % nx), ty = static_cast<int>((i / nx) % ny),
              tz = static_cast<int>(i / pxy);
    const int tbx = tx / blocks_.bx, tby = ty / blocks_.by, tbz = tz / blocks_.bz;
    const std::size_t applied = bapplied_[bi];
    const double tau = btau_[bi];
    const auto wrap = [](int d, int n) { return d < 0 ? d + n : d; };
    for (std::size_t k = 0; k < pending_.size(); ++k) {
        const Pending& e = pending_[k];
        const std::size_t off =
            static_cast<std::size_t>(wrap(tbx - e.bx, nbx)) +
            static_cast<std::size_t>(nbx) * (static_cast<std::size_t>(wrap(tby - e.by, nby)) +
                                             static_cast<std::size_t>(nby) * wrap(tbz - e.bz, nbz));
        if (blocks_.near(off)) continue;
        const int rx = wrap(tx - e.x, nx), ry = wrap(ty - e.y, ny);
        if (h >= 0 && (std::min(rx, nx - rx) <= h || std::min(ry, ny - ry) <= h)) continue;
        if (k < applied && (tau < 0 || work_norm_[off] * e.cn > tau)) continue;  // caught up
        const std::size_t r = static_cast<std::size_t>(rx) +
                              static_cast<std::size_t>(nx) * (static_cast<std::size_t>(ry) +
                                                               static_cast<std::size_t>(ny) * wrap(tz - e.z, nz));
        const double* jk = jker_.data() + r * jj;
        for (int b = 0; b < nb_; ++b) {
            double v = 0;
            for (int q = 0; q < nb_; ++q) v += jk[b * nb_ + q] * e.c[q];
            p[b] += v;
        }
    }
}

void Simulation::thin_store_lines(std::size_t j, const double* c) {
    // 2D: rows |y - yj| <= h and columns |x - xj| <= h, outside the near blocks (which
    // contain their crossings with the source's block row and column), one block span at a
    // time. In a far block the kernel offset x - xj does not wrap (the wrap is at x = xj,
    // inside the source's block column), so a row span is one contiguous kernel run.
    const int nx = grid_.nx, ny = grid_.ny, h = line_half_, ebx = blocks_.bx, eby = blocks_.by;
    const int nbx = blocks_.nbx, nby = blocks_.nby;
    const int jx = static_cast<int>(j % nx), jy = static_cast<int>((j / nx) % ny);
    const int jbx = jx / ebx, jby = jy / eby;
    const std::size_t jj = static_cast<std::size_t>(nb_) * nb_, pp = 2 * static_cast<std::size_t>(nb_);
    const auto wrap = [](int d, int n) { return d < 0 ? d + n : d; };
    const auto far_block = [&](int bxi, int byi, std::size_t* b) {
        *b = static_cast<std::size_t>(bxi) + static_cast<std::size_t>(nbx) * byi;
        return !blocks_.near(static_cast<std::size_t>(wrap(bxi - jbx, nbx)) +
                             static_cast<std::size_t>(nbx) * wrap(byi - jby, nby));
    };
    // The distinct rows and columns (a grid narrower than 2h + 1 repeats them).
    int rows[5], cols[5], nr = 0, nc = 0;
    for (int d = -h; d <= h; ++d) {
        const int y = ((jy + d) % ny + ny) % ny, x = ((jx + d) % nx + nx) % nx;
        if (std::find(rows, rows + nr, y) == rows + nr) rows[nr++] = y;
        if (std::find(cols, cols + nc, x) == cols + nc) cols[nc++] = x;
    }
    // The other voxels of a block keep their drifts: its largest |delta| is at most the larger
    // of its old bound and the new drifts (exact again at the next rebase).
    for (int r = 0; r < nr; ++r) {
        const int y = rows[r];
        const std::size_t krow = static_cast<std::size_t>(wrap(y - jy, ny)) * nx;
        for (int bxi = 0; bxi < nbx; ++bxi) {
            std::size_t b;
            if (!far_block(bxi, y / eby, &b)) continue;
            const int x0 = bxi * ebx;
            const double* jk = jker_.data() + (krow + static_cast<std::size_t>(wrap(x0 - jx, nx))) * jj;
            double* pd = pwd_.data() + (static_cast<std::size_t>(y) * nx + x0) * pp;
            bdelta_[b] = std::max(bdelta_[b], std::sqrt(add_work_run_any<true>(nb_, ebx, c, jk, pd)));
        }
    }
    // Columns: a voxel on a row line too lies in a near block (|dy| <= h <= near radius in
    // blocks, and the column is in the source's block column), so nothing is stored twice.
    for (int q = 0; q < nc; ++q) {
        const int x = cols[q];
        const std::size_t kx = static_cast<std::size_t>(wrap(x - jx, nx));
        for (int byi = 0; byi < nby; ++byi) {
            std::size_t b;
            if (!far_block(x / ebx, byi, &b)) continue;
            double m2 = 0;
            for (int y = byi * eby; y < (byi + 1) * eby; ++y) {
                const double* jk = jker_.data() + (static_cast<std::size_t>(wrap(y - jy, ny)) * nx + kx) * jj;
                double* pd = pwd_.data() + (static_cast<std::size_t>(y) * nx + x) * pp;
                m2 = std::max(m2, add_work_run_any<true>(nb_, 1, c, jk, pd));
            }
            bdelta_[b] = std::max(bdelta_[b], std::sqrt(m2));
        }
    }
}

void Simulation::thin_catch_up(std::size_t b, std::size_t j, const double* c) {
    // The deferred part of source (j, c) in far block b: its voxels off the source's lines,
    // as at most 2 x 2 boxes (the excluded rows and columns are each one periodic run).
    const int nx = grid_.nx, ny = grid_.ny;
    const std::size_t v0 = blocks_.voxels(b)[0];
    const int x0 = static_cast<int>(v0 % nx), y0 = static_cast<int>((v0 / nx) % ny),
              z0 = static_cast<int>(v0 / (static_cast<std::size_t>(nx) * ny));
    if (line_half_ < 0) {
        const int lo[3] = {x0, y0, z0}, ext[3] = {blocks_.bx, blocks_.by, blocks_.bz};
        thin_add_work(j, c, lo, ext, false);
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
            thin_add_work(j, c, lo, ext, false);
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
        // The whole block: its largest |delta| exactly. Before the lines, which only raise it.
        bdelta_[a] = thin_store_tracked(j, c, lo, ext);
    }
    if (line_half_ >= 0) thin_store_lines(j, c);
    bstale_[bj] = 1;  // voxel j's catalog and softening changed
    stress_stale_ = true;
    pending_.push_back(make_pending(j, c));
    const double cn = pending_.back().cn;
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
    // Stored work := exact work of the whole eigenstrain field (one FFT convolution with J).
    // The true work does not change, so the blocks' bounds stay valid; thin_rebase() then
    // replaces them by the exact drifts.
    work_conv_->apply(plastic_.data(), pwd_.data(), 2 * static_cast<std::size_t>(nb_));
    // Guard (docs/reliability.md): the solve must give a finite field. O(N) against the
    // solve's O(N log N); blocks not refreshed soon would otherwise keep a NaN unseen.
    // One branch-free pass (vectorized), then the search for the message only if it found one.
    unsigned bad = 0;
    const double big = std::numeric_limits<double>::max();
    const std::size_t nb = static_cast<std::size_t>(nb_);
    for (std::size_t i = 0; i < n_; ++i)
        for (std::size_t b = 0; b < nb; ++b)  // the work just stored, not the drifts after it
            bad |= static_cast<unsigned>(!(std::abs(pwd_[2 * i * nb + b]) <= big));  // NaN or +-Inf
    if (bad != 0) {
        for (std::size_t i = 0; i < n_; ++i)
            for (int b = 0; b < nb_; ++b)
                if (!std::isfinite(pwd_[2 * i * nb_ + b]))
                    throw Error(fmt::format("non-finite stress work {} eV after the FFT solve of flush {} at {} {} (an "
                                            "overflow in the plastic eigenstrain, or NaN from the solve)",
                                            pwd_[2 * i * nb_ + b], thin_counts_.flushes + 1,
                                            detail::voxel_text(grid_, i, stress(i)),
                                            detail::run_point(strain_, t_, counts_)));
    }
    pending_.clear();
    std::fill(bapplied_.begin(), bapplied_.end(), 0);
    std::fill(btau_.begin(), btau_.end(), catch_up_min_eV_);
    ++thin_counts_.flushes;
    thin_rebase();
}

void Simulation::thin_update_stress() const {
    // The stress field is not used by the thinning dynamics (they use the work p); it is
    // solved from the eigenstrain field when asked for after an event: a pure function of the
    // plastic eigenstrain, so the same whenever it is computed.
    if (!stress_stale_) return;
    const int ns = eig_scratch_.stored_components();
    double basis[5][6];
    double* dst[6];
    for (int b = 0; b < nb_; ++b) {
        const auto v = deviatoric_basis(grid_.dim(), b).voigt();
        for (int s = 0; s < ns; ++s) basis[b][s] = v[static_cast<int>(eig_scratch_.slot_component(s))];
    }
    for (int s = 0; s < ns; ++s) dst[s] = eig_scratch_.slot(s).data();
    for (std::size_t i = 0; i < n_; ++i) {
        const double* c = plastic_.data() + i * nb_;
        for (int s = 0; s < ns; ++s) {
            double v = 0;
            for (int b = 0; b < nb_; ++b) v += c[b] * basis[b][s];
            dst[s][i] = v;
        }
    }
    solver_.fluctuation_stress(eig_scratch_, fluct_);
    stress_stale_ = false;
}

void Simulation::thin_rebase() {
    // The stored work is exact now: each voxel's drift since its block's refresh is known
    // exactly, delta_i = p_i - p_ref,i, and replaces the bounds accumulated since then (the
    // deferred far events' D_b and the mean-stress term). Levels fall to what the exact drift
    // needs (the bound stays valid: it is the quantity the old bound bounded).
    const long long nblocks = static_cast<long long>(blocks_.blocks());
    const std::size_t per = blocks_.voxels_per_block();
    STZ_OMP(parallel for schedule(static) if (nblocks >= 1024))
    for (long long bb = 0; bb < nblocks; ++bb) {
        const std::size_t b = static_cast<std::size_t>(bb);
        if (bstale_[b]) continue;  // refreshed anyway
        const std::size_t* vox = blocks_.voxels(b);
        double m2 = 0;
        for (std::size_t k = 0; k < per; ++k) {
            const std::size_t i = vox[k];
            double* pd = pwd_.data() + 2 * i * nb_;
            const double* pr = pref_.data() + i * nb_;
            double d2 = 0;
            for (int q = 0; q < nb_; ++q) {
                const double d = pd[q] + pmean_[q] - pr[q];
                pd[nb_ + q] = d;
                d2 += d * d;
            }
            m2 = std::max(m2, d2);
        }
        bdelta_[b] = std::sqrt(m2);
        bdev_[b] = 0;
        bmean_ref_[b] = mean_dev_;
        const double x = bcmax_[b] * block_deviation(b);
        int k = 0;
        while (k < kLevels - 1 && x > level_theta_[k] * kT_eV_) ++k;
        blevel_[b] = static_cast<unsigned char>(k);
    }
    for (std::size_t b = 0; b < blocks_.blocks(); ++b)
        btree_.set(b, brhat_[b] * level_slack_[blevel_[b]]);
    btree_.rebuild();
}

void Simulation::thin_refresh_voxel(std::size_t i, double* q) {
    // Reference work := stored work (its block's uncaught pending events stay in the block's
    // bound), and the voxel's rates and lowest barrier from it.
    double p[5];
    for (int bb = 0; bb < nb_; ++bb) {
        p[bb] = pmean_[bb] + pwd_[2 * i * nb_ + bb];
        pref_[i * nb_ + bb] = p[bb];
    }
    std::fill_n(pwd_.data() + (2 * i + 1) * nb_, nb_, 0.0);
    int arg = 0;
    const double qv = barriers_from_work(i, p, q, &arg);  // 003-eq 8, as in rates_from_work
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
}

void Simulation::thin_refresh_block(std::size_t b) {
    const std::size_t* vox = blocks_.voxels(b);
    const std::size_t per = blocks_.voxels_per_block();
    double cm = 0;
    for (std::size_t k = 0; k < per; ++k) cm = std::max(cm, cmax_[vox[k]]);
    double qbuf[256];
    std::vector<double> big;
    double* q = qbuf;
    if (modes_ > 256) {
        big.resize(modes_);
        q = big.data();
    }
    // Catch up: store the pending far events this block has not taken in and that can move
    // its work by more than btau_[b]; the bound of the others starts the block's deviation
    // (its reference work lacks them until the next flush). If those bounds would use more
    // than the first slack level, everything is caught up instead (btau_ < 0).
    // Offsets of block b from the pending events' blocks (as blocks_.offset, without divisions).
    const int nbx = blocks_.nbx, nby = blocks_.nby, nbz = blocks_.nbz;
    const int tbx = static_cast<int>(b % nbx), tby = static_cast<int>((b / nbx) % nby),
              tbz = static_cast<int>(b / (static_cast<std::size_t>(nbx) * nby));
    const auto wrap = [](int d, int n) { return d < 0 ? d + n : d; };
    const auto offset_of = [&](const Pending& e) {
        return static_cast<std::size_t>(wrap(tbx - e.bx, nbx)) +
               static_cast<std::size_t>(nbx) * (static_cast<std::size_t>(wrap(tby - e.by, nby)) +
                                                static_cast<std::size_t>(nby) * wrap(tbz - e.bz, nbz));
    };
    double dev0 = 0;
    if (btau_[b] >= 0) {
        for (const Pending& e : pending_) {
            const std::size_t off = offset_of(e);
            if (blocks_.near(off)) continue;
            const double beta = work_norm_[off] * e.cn;
            if (!(beta > btau_[b])) dev0 += beta;
        }
    }
    const bool all = btau_[b] < 0 || cm * dev0 > level_theta_[0] * kT_eV_;
    for (std::size_t k = 0; k < pending_.size(); ++k) {
        const Pending& e = pending_[k];
        const std::size_t off = offset_of(e);
        if (blocks_.near(off)) continue;
        const bool stored = k < bapplied_[b] && (btau_[b] < 0 || work_norm_[off] * e.cn > btau_[b]);
        if (stored) continue;  // caught up by an earlier refresh
        if (all || work_norm_[off] * e.cn > btau_[b]) thin_catch_up(b, e.voxel, e.c.data());
    }
    if (all) {
        btau_[b] = -1;
        dev0 = 0;
    }
    bapplied_[b] = pending_.size();
    double rsum = 0, qlo = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < per; ++k) {
        thin_refresh_voxel(vox[k], q);
        rsum += rhat_[vox[k]];
        qlo = std::min(qlo, vqmin_[vox[k]]);
    }
    brhat_[b] = rsum;
    bqlo_[b] = qlo;
    bcmax_[b] = cm;
    bstale_[b] = 0;
    bdev_[b] = dev0;
    bdelta_[b] = 0;
    bmean_ref_[b] = mean_dev_;
    blevel_[b] = 0;  // cm dev0 <= theta_0 kT
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
        const double bound = rhat_[i] * slack;
        // The candidate's own bound, rhat_i e^(|c|max_i dev_i / kT) with its own drift (the
        // block's level covers its worst voxel), is often much lower: a uniform above it
        // rejects the candidate as the exact rates below would (R_i <= that bound, asserted
        // by check_bounds), without computing them. The same decisions, less work.
        const double own = rhat_[i] * std::exp(cmax_[i] * voxel_deviation(i) * inv_kT_) * (1.0 + 1e-9);
        if (u_accept * bound >= own) continue;
        // Exact rates of the candidate, from the exact stress.
        double p[5], q;
        int arg;
        project(i, p);
        ++thin_counts_.exact_voxels;
        const double ri = rates_from_work(i, p, r, &q, &arg);
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
            double p[5];
            int arg;
            project(i, p);
            ++thin_counts_.exact_voxels;
            const double q = barriers_from_work(i, p, nullptr, &arg);
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
