// Voronoi cells by clipping a cube with bisector planes (see voronoi.hpp).
#include "stz/atom/voronoi.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "stz/atom/neighbor_list.hpp"
#include "stz/core/error.hpp"

namespace stz::atom {

namespace {

/// A convex face: polygon (ordered around the face), plane n·x = h (|n| = 1, outward), and
/// the neighbour slot that made it (-1 for a face of the starting cube).
struct Face {
    Vec3 n;
    double h = 0;
    long owner = -1;
    std::vector<Vec3> poly;
};

struct Neighbor {
    Vec3 d;         ///< vector to the neighbour (image), Å
    double r = 0;   ///< |d|
    std::size_t j;  ///< local index
};

/// The cell of one atom (at the origin), reusing buffers between atoms.
class CellBuilder {
public:
    CellBuilder(double half_edge, double eps) : eps_(eps) {
        const double L = half_edge;
        const Vec3 c[8] = {{-L, -L, -L}, {L, -L, -L}, {L, L, -L}, {-L, L, -L},
                           {-L, -L, L},  {L, -L, L},  {L, L, L},  {-L, L, L}};
        // Faces ordered counter-clockwise seen from outside.
        cube_ = {Face{{0, 0, -1}, L, -1, {c[0], c[3], c[2], c[1]}}, Face{{0, 0, 1}, L, -1, {c[4], c[5], c[6], c[7]}},
                 Face{{0, -1, 0}, L, -1, {c[0], c[1], c[5], c[4]}}, Face{{0, 1, 0}, L, -1, {c[3], c[7], c[6], c[2]}},
                 Face{{-1, 0, 0}, L, -1, {c[0], c[4], c[7], c[3]}}, Face{{1, 0, 0}, L, -1, {c[1], c[2], c[6], c[5]}}};
    }

    void reset() {
        faces_ = cube_;
        max_r2_ = 3.0 * cube_[0].h * cube_[0].h;
    }
    [[nodiscard]] double max_radius() const { return std::sqrt(max_r2_); }
    [[nodiscard]] const std::vector<Face>& faces() const { return faces_; }

    /// Clips the cell by n·x <= h (|n| = 1). Returns whether anything was cut off.
    bool clip(const Vec3& n, double h, long owner) {
        bool outside = false;
        for (const Face& f : faces_) {
            for (const Vec3& v : f.poly)
                if (dot(n, v) - h > eps_) {
                    outside = true;
                    break;
                }
            if (outside) break;
        }
        if (!outside) return false;

        cap_.clear();
        std::size_t kept = 0;
        for (std::size_t fi = 0; fi < faces_.size(); ++fi) {
            Face& f = faces_[fi];
            out_.clear();
            const std::size_t m = f.poly.size();
            for (std::size_t k = 0; k < m; ++k) {
                const Vec3& a = f.poly[(k + m - 1) % m];
                const Vec3& b = f.poly[k];
                const double sa = dot(n, a) - h, sb = dot(n, b) - h;
                const bool a_in = sa <= eps_, b_in = sb <= eps_;
                if (b_in) {
                    if (!a_in && sb < -eps_) out_.push_back(intersect(a, b, sa, sb));
                    out_.push_back(b);
                } else if (a_in && sa < -eps_) {
                    out_.push_back(intersect(a, b, sa, sb));
                }
            }
            // Vertices on the plane (intersections and vertices within eps) form the cap.
            for (const Vec3& v : out_)
                if (std::abs(dot(n, v) - h) <= 2 * eps_) add_cap(v);
            if (out_.size() >= 3) {
                f.poly.swap(out_);
                if (kept != fi) faces_[kept] = std::move(f);
                ++kept;
            }
        }
        faces_.resize(kept);

        if (cap_.size() >= 3) {
            // Order by angle around n in the plane, about the centroid.
            Vec3 c{};
            for (const Vec3& v : cap_) c += v;
            c *= 1.0 / static_cast<double>(cap_.size());
            const Vec3 helper = std::abs(n.x) < 0.9 ? Vec3{1, 0, 0} : Vec3{0, 1, 0};
            Vec3 u = cross(n, helper);
            u *= 1.0 / norm(u);
            const Vec3 w = cross(n, u);
            angle_.clear();
            for (std::size_t k = 0; k < cap_.size(); ++k) {
                const Vec3 d = cap_[k] - c;
                angle_.push_back({std::atan2(dot(d, w), dot(d, u)), k});
            }
            std::sort(angle_.begin(), angle_.end());
            Face cap{n, h, owner, {}};
            cap.poly.reserve(cap_.size());
            for (const auto& [ang, k] : angle_) cap.poly.push_back(cap_[k]);
            faces_.push_back(std::move(cap));
        }

        max_r2_ = 0;
        for (const Face& f : faces_)
            for (const Vec3& v : f.poly) max_r2_ = std::max(max_r2_, dot(v, v));
        return true;
    }

private:
    static Vec3 intersect(const Vec3& a, const Vec3& b, double sa, double sb) {
        const double t = sa / (sa - sb);
        return a + t * (b - a);
    }
    void add_cap(const Vec3& v) {
        const double tol2 = 100 * eps_ * eps_;
        for (const Vec3& p : cap_)
            if (dot(p - v, p - v) <= tol2) return;
        cap_.push_back(v);
    }

    double eps_;
    double max_r2_ = 0;
    std::vector<Face> cube_, faces_;
    std::vector<Vec3> out_, cap_;
    std::vector<std::pair<double, std::size_t>> angle_;
};

/// Polygon area (ordered vertices, any orientation).
double polygon_area(const std::vector<Vec3>& p, const Vec3& n) {
    Vec3 s{};
    for (std::size_t k = 0; k < p.size(); ++k) s += cross(p[k], p[(k + 1) % p.size()]);
    return 0.5 * std::abs(dot(s, n));
}

/// Merges consecutive vertices closer than tol and drops vertices on the line through
/// their neighbours; returns the cleaned polygon.
std::vector<Vec3> clean_polygon(std::vector<Vec3> p, double tol) {
    const double tol2 = tol * tol;
    bool changed = true;
    while (changed && p.size() >= 3) {
        changed = false;
        for (std::size_t k = 0; k < p.size() && p.size() >= 3; ++k) {
            const std::size_t m = p.size();
            const Vec3& a = p[(k + m - 1) % m];
            const Vec3& b = p[k];
            const Vec3& c = p[(k + 1) % m];
            const Vec3 ab = b - a;
            bool drop = dot(ab, ab) <= tol2;
            if (!drop) {
                // Distance of b from the line a–c.
                const Vec3 ac = c - a;
                const double lac = norm(ac);
                drop = lac > tol && norm(cross(ac, ab)) / lac <= tol;
            }
            if (drop) {
                p.erase(p.begin() + static_cast<std::ptrdiff_t>(k));
                changed = true;
                break;
            }
        }
    }
    return p;
}

}  // namespace

std::vector<VoronoiCell> voronoi_cells(const Atoms& atoms, const VoronoiSettings& settings) {
    const double rc = settings.cutoff_A;
    STZ_REQUIRE(rc > 0 && std::isfinite(rc), "voronoi_cells: cutoff_A must be positive, got " << rc);
    STZ_REQUIRE(settings.min_edge_length_A >= 0 && std::isfinite(settings.min_edge_length_A),
                "voronoi_cells: min_edge_length_A must be >= 0, got " << settings.min_edge_length_A);
    STZ_REQUIRE(settings.min_face_area_fraction >= 0 && settings.min_face_area_fraction < 1,
                "voronoi_cells: min_face_area_fraction must be in [0, 1), got " << settings.min_face_area_fraction);
    atoms.box.validate("voronoi_cells");
    const std::size_t n = atoms.size();
    std::vector<VoronoiCell> cells(n);
    if (n == 0) return cells;

    // Neighbours on a copy (building wraps positions); both directions of every half pair.
    Atoms c;
    c.box = atoms.box;
    c.x = atoms.x;
    c.image.assign(n, {0, 0, 0});
    NeighborList list(rc, 0.0);
    list.build(c);
    const auto shifts = list.image_shifts(c.box);
    std::vector<std::vector<Neighbor>> nb(n);
    const double rc2 = rc * rc;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t p = list.begin(i); p < list.end(i); ++p) {
            const auto& e = list.entries()[p];
            const std::size_t j = static_cast<std::size_t>(e.j);
            const Vec3 d = c.x[j] + shifts[static_cast<std::size_t>(e.image)] - c.x[i];
            const double r2 = dot(d, d);
            if (r2 >= rc2 || r2 == 0) continue;
            const double r = std::sqrt(r2);
            nb[i].push_back({d, r, j});
            nb[j].push_back({-d, r, i});
        }

    const double eps = 1e-10 * rc;
    const double merge_tol = 10 * eps;
    const long none = std::numeric_limits<long>::max();
    long failed = none;  // lowest failing atom
    double failed_radius = 0;

#pragma omp parallel
    {
        CellBuilder cell(rc, eps);
#pragma omp for schedule(dynamic, 16)
        for (long il = 0; il < static_cast<long>(n); ++il) {
            const std::size_t i = static_cast<std::size_t>(il);
            auto& ns = nb[i];
            std::sort(ns.begin(), ns.end(), [](const Neighbor& a, const Neighbor& b) {
                if (a.r != b.r) return a.r < b.r;
                if (a.j != b.j) return a.j < b.j;
                if (a.d.x != b.d.x) return a.d.x < b.d.x;
                if (a.d.y != b.d.y) return a.d.y < b.d.y;
                return a.d.z < b.d.z;
            });
            cell.reset();
            for (std::size_t k = 0; k < ns.size(); ++k) {
                const double h = 0.5 * ns[k].r;
                if (h > cell.max_radius() + eps) break;  // this and all farther planes miss
                cell.clip((1.0 / ns[k].r) * ns[k].d, h, static_cast<long>(k));
            }
            bool closed = cell.max_radius() <= 0.5 * rc + eps;
            for (const Face& f : cell.faces()) closed = closed && f.owner >= 0;
            if (!closed) {
#pragma omp critical(stz_voronoi_fail)
                if (il < failed) {
                    failed = il;
                    failed_radius = cell.max_radius();
                }
                continue;
            }

            VoronoiCell& out = cells[i];
            std::vector<double> area(cell.faces().size());
            double total_area = 0, volume = 0;
            for (std::size_t fi = 0; fi < cell.faces().size(); ++fi) {
                const Face& f = cell.faces()[fi];
                area[fi] = polygon_area(f.poly, f.n);
                total_area += area[fi];
                volume += f.h * area[fi] / 3.0;
            }
            out.volume_A3 = volume;
            for (std::size_t fi = 0; fi < cell.faces().size(); ++fi) {
                const Face& f = cell.faces()[fi];
                if (area[fi] <= 0 || area[fi] < settings.min_face_area_fraction * total_area) continue;
                const std::vector<Vec3> p = clean_polygon(f.poly, merge_tol);
                int edges = 0;
                for (std::size_t k = 0; k < p.size(); ++k) {
                    const Vec3 e = p[(k + 1) % p.size()] - p[k];
                    if (settings.min_edge_length_A <= 0 || norm(e) >= settings.min_edge_length_A) ++edges;
                }
                if (edges < 3) continue;
                if (edges <= 10) ++out.index[static_cast<std::size_t>(edges - 3)];
                ++out.faces;
                out.neighbors.push_back(ns[static_cast<std::size_t>(f.owner)].j);
            }
        }
    }
    STZ_REQUIRE(failed == none,
                "voronoi_cells: the Voronoi cell of atom id "
                    << (atoms.id.size() == n ? atoms.id[static_cast<std::size_t>(failed)] : failed + 1)
                    << " is not closed by neighbours within cutoff_A = " << rc << " Å (a vertex lies "
                    << failed_radius << " Å from the atom, more than cutoff_A / 2); use a larger cutoff_A");
    return cells;
}

bool is_full_icosahedron(const VoronoiCell& c) {
    if (c.faces != 12 || c.index[2] != 12) return false;
    for (std::size_t k = 0; k < c.index.size(); ++k)
        if (k != 2 && c.index[k] != 0) return false;
    return true;
}

IcosahedralClusters icosahedral_clusters(const Atoms& atoms, const std::vector<VoronoiCell>& cells) {
    const std::size_t n = atoms.size();
    STZ_REQUIRE(cells.size() == n,
                "icosahedral_clusters: " << cells.size() << " Voronoi cells for " << n << " atoms");
    std::vector<char> centre(n, 0);
    for (std::size_t i = 0; i < n; ++i) centre[i] = is_full_icosahedron(cells[i]) ? 1 : 0;

    std::vector<std::size_t> parent(n);
    std::iota(parent.begin(), parent.end(), std::size_t{0});
    auto find = [&](std::size_t a) {
        while (parent[a] != a) a = parent[a] = parent[parent[a]];
        return a;
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (!centre[i]) continue;
        for (std::size_t j : cells[i].neighbors) {
            STZ_REQUIRE(j < n, "icosahedral_clusters: neighbour " << j << " of atom " << i << " out of range");
            if (!centre[j]) continue;
            const std::size_t ri = find(i), rj = find(j);
            if (ri != rj) parent[std::max(ri, rj)] = std::min(ri, rj);  // root = lowest index
        }
    }
    std::vector<std::size_t> size(n, 0);
    std::vector<std::size_t> roots;
    for (std::size_t i = 0; i < n; ++i)
        if (centre[i]) {
            const std::size_t r = find(i);
            if (size[r]++ == 0) roots.push_back(r);
        }
    std::stable_sort(roots.begin(), roots.end(), [&](std::size_t a, std::size_t b) { return size[a] > size[b]; });
    std::vector<int> id_of_root(n, -1);
    IcosahedralClusters out;
    out.cluster_of.assign(n, -1);
    for (std::size_t k = 0; k < roots.size(); ++k) {
        id_of_root[roots[k]] = static_cast<int>(k);
        out.sizes.push_back(size[roots[k]]);
    }
    for (std::size_t i = 0; i < n; ++i)
        if (centre[i]) out.cluster_of[i] = id_of_root[find(i)];
    return out;
}

}  // namespace stz::atom
