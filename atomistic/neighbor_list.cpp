// Binned construction of the half Verlet list with explicit periodic images.
#include "stz/atom/neighbor_list.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "stz/core/error.hpp"
#include "stz/io/state_file.hpp"

#ifdef _OPENMP
#include <omp.h>
#endif

namespace stz::atom {

NeighborList::NeighborList(double cutoff_A, double skin_A) : cutoff_A_(cutoff_A), skin_A_(skin_A) {
    STZ_REQUIRE(cutoff_A > 0 && std::isfinite(cutoff_A), "neighbour list: cutoff must be positive, got " << cutoff_A);
    STZ_REQUIRE(skin_A >= 0 && std::isfinite(skin_A), "neighbour list: skin must be >= 0 Å, got " << skin_A);
}

std::vector<Vec3> NeighborList::image_shifts(const Box& box) const {
    std::vector<Vec3> out(images_.size());
    for (std::size_t k = 0; k < images_.size(); ++k)
        out[k] = box.h_times({double(images_[k][0]), double(images_[k][1]), double(images_[k][2])});
    return out;
}

void NeighborList::build(Atoms& atoms) {
    const std::size_t n = atoms.size();
    // Guards: a non-finite position, or an atom thousands of boxes away, means the dynamics
    // or the minimizer diverged; wrapping it would overflow the image flags.
    atoms.box.validate("neighbour list");
    for (std::size_t i = 0; i < n; ++i) {
        const Vec3& x = atoms.x[i];
        const Vec3 s = atoms.box.to_fractional(x);
        STZ_REQUIRE(std::isfinite(x.x + x.y + x.z) && std::fabs(s.x) + std::fabs(s.y) + std::fabs(s.z) < 1e6,
                    "atom " << atoms.id[i] << " (type " << atoms.type[i] + 1 << ") is at (" << x.x << ", " << x.y
                            << ", " << x.z << ") Å, " << (std::isfinite(x.x + x.y + x.z) ? "far outside" : "not a position in")
                            << " the box: the simulation diverged (time step too large, overlapping atoms?)");
    }
    atoms.wrap();
    const Box& box = atoms.box;
    const double rlist = cutoff_A_ + skin_A_;
    const double rlist2 = rlist * rlist;

    // Bins of at least half the list radius along each perpendicular width; the stencil
    // reaches k bins each way, enough to cover a sphere of radius rlist.
    const Vec3 width = box.perpendicular_widths();
    std::array<int, 3> nb{}, reach{};
    // Guard: a box much thinner than the list radius needs (2 r / width + 1)^3 images of
    // every atom; beyond 10^5 images (a width under ~rlist / 23) it is a degenerate box, not
    // a sample (the count would exhaust memory or time). Counted in double, before any
    // conversion to int can overflow; a NaN width (zero volume) fails the test too.
    {
        double images = 1;
        for (int d = 0; d < 3; ++d) images *= 2.0 * std::ceil(rlist / width[d]) + 1;
        STZ_REQUIRE(images <= 1e5,
                    "neighbour list: the box is too thin for the cutoff: perpendicular widths "
                        << width[0] << " x " << width[1] << " x " << width[2] << " Å (volume " << box.volume()
                        << " Å^3) against a list radius of " << rlist << " Å (cutoff " << cutoff_A_ << " + skin "
                        << skin_A_ << ") need " << images
                        << " periodic images of each atom; expected at most 1e5 (widths above ~rlist / 23)");
    }
    for (int d = 0; d < 3; ++d) {
        // Clamped in double: a box of 1e12 Å (a unit typo) must not overflow the int.
        nb[d] = static_cast<int>(std::clamp(std::floor(width[d] / (0.5 * rlist)), 1.0, double(1 << 10)));
    }
    // Guard: such a box would also ask for up to 2^30 bins (8 GiB of bin offsets); halve
    // the finest axis until at most 2^24 remain. No box that builds today has more, so the
    // pair order of working runs is unchanged.
    while (static_cast<double>(nb[0]) * nb[1] * nb[2] > 16777216.0)
        *std::max_element(nb.begin(), nb.end()) /= 2;
    for (int d = 0; d < 3; ++d) reach[d] = static_cast<int>(std::ceil(rlist * nb[d] / width[d] - 1e-12));
    bins_ = nb;
    const std::size_t nbins = static_cast<std::size_t>(nb[0]) * nb[1] * nb[2];
    std::vector<Vec3> s(n);
    std::vector<std::size_t> bin_of(n);
    std::vector<std::size_t> bin_first(nbins + 1, 0), bin_atoms(n);
    for (std::size_t i = 0; i < n; ++i) {
        s[i] = box.to_fractional(atoms.x[i]);
        std::array<int, 3> b{};
        for (int d = 0; d < 3; ++d) b[d] = std::clamp(static_cast<int>(s[i][d] * nb[d]), 0, nb[d] - 1);
        bin_of[i] = (static_cast<std::size_t>(b[2]) * nb[1] + b[1]) * nb[0] + b[0];
        ++bin_first[bin_of[i] + 1];
    }
    for (std::size_t b = 0; b < nbins; ++b) bin_first[b + 1] += bin_first[b];
    {
        std::vector<std::size_t> fill(bin_first.begin(), bin_first.end() - 1);
        for (std::size_t i = 0; i < n; ++i) bin_atoms[fill[bin_of[i]]++] = i;  // ascending i within a bin
    }
    // Positions and indices in bin order, so the candidate loop reads contiguous memory.
    std::vector<Vec3> bin_x(n);
    std::vector<std::int32_t> bin_j(n);
    for (std::size_t k = 0; k < n; ++k) {
        bin_x[k] = atoms.x[bin_atoms[k]];
        bin_j[k] = static_cast<std::int32_t>(bin_atoms[k]);
    }

    // Stencil: every bin offset within reach, with the image it wraps to for each home bin
    // handled at use. Images are numbered in a table shared by all pairs.
    std::map<std::array<int, 3>, int> image_index;
    images_.clear();
    auto image_id = [&](const std::array<int, 3>& img) {
        auto [it, inserted] = image_index.emplace(img, static_cast<int>(images_.size()));
        if (inserted) images_.push_back(img);
        return it->second;
    };
    // Precompute, per home-bin coordinate and offset along each axis, the wrapped bin and
    // the image; both depend only on (coordinate, offset).
    std::array<std::vector<std::pair<int, int>>, 3> wrap_tab;  // [d][b * (2r+1) + (o + r)]
    for (int d = 0; d < 3; ++d) {
        const int span = 2 * reach[d] + 1;
        wrap_tab[d].resize(static_cast<std::size_t>(nb[d] * span));
        for (int b = 0; b < nb[d]; ++b)
            for (int o = -reach[d]; o <= reach[d]; ++o) {
                const int t = b + o;
                const int img = static_cast<int>(std::floor(static_cast<double>(t) / nb[d]));
                wrap_tab[d][static_cast<std::size_t>(b * span + o + reach[d])] = {t - img * nb[d], img};
            }
    }
    // Register every image the stencil can produce, in a fixed order, so image numbering
    // does not depend on threads.
    int max_img[3];
    for (int d = 0; d < 3; ++d) max_img[d] = (reach[d] + nb[d] - 1) / nb[d];
    for (int a = -max_img[0]; a <= max_img[0]; ++a)
        for (int b = -max_img[1]; b <= max_img[1]; ++b)
            for (int c = -max_img[2]; c <= max_img[2]; ++c) image_id({a, b, c});
    const int stride_b = 2 * max_img[2] + 1, stride_a = (2 * max_img[1] + 1) * stride_b;
    auto image_number = [&](int a, int b, int c) {
        return (a + max_img[0]) * stride_a + (b + max_img[1]) * stride_b + (c + max_img[2]);
    };
    image_reach_ = std::sqrt(double(max_img[0] * max_img[0] + max_img[1] * max_img[1] + max_img[2] * max_img[2]));

    const std::vector<Vec3> shift = image_shifts(box);
    int nthreads = 1;
#ifdef _OPENMP
    nthreads = std::max(1, std::min(omp_get_max_threads(), static_cast<int>(n / 500)));
#endif
    std::vector<std::vector<Entry>> part(static_cast<std::size_t>(nthreads));
    std::vector<std::size_t> count(n, 0);
#pragma omp parallel num_threads(nthreads)
    {
        int tid = 0;
#ifdef _OPENMP
        tid = omp_get_thread_num();
#endif
        auto& out = part[static_cast<std::size_t>(tid)];
        out.clear();
        std::size_t w = 0;  // entries written to out; out.size() is only its capacity
        // Static schedule: thread t gets one contiguous range of i, in order, so the
        // concatenated list is the same for any thread count.
#pragma omp for schedule(static)
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t before = w;
            const std::int32_t i32 = static_cast<std::int32_t>(i);
            std::array<int, 3> home{};
            for (int d = 0; d < 3; ++d) home[d] = std::clamp(static_cast<int>(s[i][d] * nb[d]), 0, nb[d] - 1);
            const Vec3 xi = atoms.x[i];
            for (int oc = -reach[2]; oc <= reach[2]; ++oc) {
                const auto [bc, ic] = wrap_tab[2][static_cast<std::size_t>(home[2] * (2 * reach[2] + 1) + oc + reach[2])];
                for (int ob = -reach[1]; ob <= reach[1]; ++ob) {
                    const auto [bb, ib] = wrap_tab[1][static_cast<std::size_t>(home[1] * (2 * reach[1] + 1) + ob + reach[1])];
                    for (int oa = -reach[0]; oa <= reach[0]; ++oa) {
                        const auto [ba, ia] = wrap_tab[0][static_cast<std::size_t>(home[0] * (2 * reach[0] + 1) + oa + reach[0])];
                        const std::size_t bin = (static_cast<std::size_t>(bc) * nb[1] + bb) * nb[0] + ba;
                        std::size_t k = bin_first[bin];
                        const std::size_t kend = bin_first[bin + 1];
                        // Atoms are ascending within a bin: skip those below i (their list
                        // holds the pair).
                        while (k < kend && bin_j[k] < i32) ++k;
                        if (k == kend) continue;
                        const int img = image_number(ia, ib, ic);
                        // An atom pairs with its own image only for the positive one of each
                        // +-n couple (never the zero image).
                        const bool positive_image = ia > 0 || (ia == 0 && (ib > 0 || (ib == 0 && ic > 0)));
                        const Vec3 xs = xi - shift[static_cast<std::size_t>(img)];
                        if (out.size() < w + (kend - k)) out.resize(std::max(2 * out.size(), w + (kend - k) + 256));
                        Entry* o = out.data();
                        if (bin_j[k] == i32) {  // i itself
                            const Vec3 d = bin_x[k] - xs;
                            if (positive_image && dot(d, d) < rlist2) o[w++] = {i32, static_cast<std::int32_t>(img)};
                            ++k;
                        }
                        for (; k < kend; ++k) {  // j > i: branch-free append
                            const Vec3 d = bin_x[k] - xs;
                            o[w] = {bin_j[k], static_cast<std::int32_t>(img)};
                            w += static_cast<std::size_t>(dot(d, d) < rlist2);
                        }
                    }
                }
            }
            count[i] = w - before;
        }
        out.resize(w);
    }
    first_.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) first_[i + 1] = first_[i] + count[i];
    entries_.clear();
    entries_.reserve(first_[n]);
    for (const auto& p : part) entries_.insert(entries_.end(), p.begin(), p.end());
    STZ_ASSERT(entries_.size() == first_[n]);
    x_at_build_ = atoms.x;
    box_at_build_ = box;
    ++builds_;
}

bool NeighborList::needs_rebuild(const Atoms& atoms) const {
    if (first_.empty() || atom_count() != atoms.size()) return true;
    double max2 = 0;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        const Vec3 d = atoms.x[i] - x_at_build_[i];
        max2 = std::max(max2, dot(d, d));
    }
    // A pair distance changes by at most 2 max|dx| plus |dH n| for its image n.
    const Box& b0 = box_at_build_;
    const Box& b1 = atoms.box;
    const double dh2 = (b1.lx - b0.lx) * (b1.lx - b0.lx) + (b1.ly - b0.ly) * (b1.ly - b0.ly) +
                       (b1.lz - b0.lz) * (b1.lz - b0.lz) + (b1.xy - b0.xy) * (b1.xy - b0.xy) +
                       (b1.xz - b0.xz) * (b1.xz - b0.xz) + (b1.yz - b0.yz) * (b1.yz - b0.yz);
    return 2.0 * std::sqrt(max2) + std::sqrt(dh2) * image_reach_ > skin_A_;
}

void NeighborList::save_state(StateWriter& w) const {
    w.put(cutoff_A_);
    w.put(skin_A_);
    std::vector<std::uint64_t> first(first_.begin(), first_.end());
    w.put_vector(first);
    w.put_vector(entries_);
    w.put_vector(images_);
    w.put_vector(x_at_build_);
    for (double v : {box_at_build_.lo.x, box_at_build_.lo.y, box_at_build_.lo.z, box_at_build_.lx, box_at_build_.ly,
                     box_at_build_.lz, box_at_build_.xy, box_at_build_.xz, box_at_build_.yz})
        w.put(v);
    w.put(image_reach_);
    for (int b : bins_) w.put(b);
    w.put(static_cast<std::int64_t>(builds_));
}

void NeighborList::load_state(StateReader& r) {
    const double cutoff = r.get<double>("neighbour list cutoff");
    const double skin = r.get<double>("neighbour list skin");
    STZ_REQUIRE(cutoff == cutoff_A_ && skin == skin_A_,
                r.file().string() << ": neighbour list of cutoff " << cutoff << " + skin " << skin
                                  << " Å, the job has " << cutoff_A_ << " + " << skin_A_);
    const auto first = r.get_vector<std::uint64_t>("neighbour list offsets");
    first_.assign(first.begin(), first.end());
    entries_ = r.get_vector<Entry>("neighbour list pairs");
    STZ_REQUIRE(first_.empty() || (first_.front() == 0 && first_.back() == entries_.size() &&
                                   std::is_sorted(first_.begin(), first_.end())),
                r.file().string() << ": inconsistent neighbour list");
    images_ = r.get_vector<std::array<int, 3>>("neighbour list images");
    for (const Entry& e : entries_)
        STZ_REQUIRE(e.j >= 0 && static_cast<std::size_t>(e.j) < atom_count() && e.image >= 0 &&
                        static_cast<std::size_t>(e.image) < images_.size(),
                    r.file().string() << ": neighbour list entry out of range");
    x_at_build_ = r.get_vector<Vec3>("neighbour list reference positions", atom_count());
    for (double* p : {&box_at_build_.lo.x, &box_at_build_.lo.y, &box_at_build_.lo.z, &box_at_build_.lx,
                      &box_at_build_.ly, &box_at_build_.lz, &box_at_build_.xy, &box_at_build_.xz, &box_at_build_.yz})
        *p = r.get<double>("neighbour list box");
    image_reach_ = r.get<double>("neighbour list image reach");
    for (int& b : bins_) b = r.get<int>("neighbour list bins");
    builds_ = static_cast<long>(r.get<std::int64_t>("neighbour list builds"));
}

}  // namespace stz::atom
