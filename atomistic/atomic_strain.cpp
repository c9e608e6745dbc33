// Atomic strain, D2min (OVITO's definitions) and clusters of selected atoms.
#include "stz/atom/atomic_strain.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "stz/atom/neighbor_list.hpp"
#include "stz/core/error.hpp"

namespace stz::atom {

namespace {

using Mat3 = std::array<double, 9>;  // row-major

/// A copy holding only what NeighborList::build touches (box, positions, image flags).
Atoms positions_copy(const Atoms& a) {
    Atoms c;
    c.box = a.box;
    c.x = a.x;
    c.image.assign(a.x.size(), {0, 0, 0});
    return c;
}

void add_outer(Mat3& m, const Vec3& a, const Vec3& b) {  // m += a bᵀ
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) m[static_cast<std::size_t>(3 * r + c)] += a[r] * b[c];
}

double det(const Mat3& m) {
    return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
}

Mat3 inverse(const Mat3& m, double d) {
    const double k = 1.0 / d;
    return {(m[4] * m[8] - m[5] * m[7]) * k, (m[2] * m[7] - m[1] * m[8]) * k, (m[1] * m[5] - m[2] * m[4]) * k,
            (m[5] * m[6] - m[3] * m[8]) * k, (m[0] * m[8] - m[2] * m[6]) * k, (m[2] * m[3] - m[0] * m[5]) * k,
            (m[3] * m[7] - m[4] * m[6]) * k, (m[1] * m[6] - m[0] * m[7]) * k, (m[0] * m[4] - m[1] * m[3]) * k};
}

Mat3 multiply(const Mat3& a, const Mat3& b) {
    Mat3 out{};
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) {
            double s = 0;
            for (int k = 0; k < 3; ++k) s += a[static_cast<std::size_t>(3 * r + k)] * b[static_cast<std::size_t>(3 * k + c)];
            out[static_cast<std::size_t>(3 * r + c)] = s;
        }
    return out;
}

Vec3 mat_vec(const Mat3& m, const Vec3& v) {
    return {m[0] * v.x + m[1] * v.y + m[2] * v.z, m[3] * v.x + m[4] * v.y + m[5] * v.z,
            m[6] * v.x + m[7] * v.y + m[8] * v.z};
}

void check_arrays(const Atoms& a, const char* which, bool need_images) {
    STZ_REQUIRE(a.id.size() == a.x.size(), "atomic strain: " << which << " configuration has " << a.x.size()
                                                             << " positions but " << a.id.size() << " ids");
    STZ_REQUIRE(!need_images || a.image.size() == a.x.size(),
                "atomic strain: " << which << " configuration has " << a.x.size() << " positions but "
                                  << a.image.size() << " image flags (needed for unwrapped displacements)");
    a.box.validate(which);
}

}  // namespace

AtomicStrain atomic_strain(const Atoms& reference, const Atoms& current, const AtomicStrainSettings& settings) {
    const double rc = settings.cutoff_A;
    STZ_REQUIRE(rc > 0 && std::isfinite(rc), "atomic strain: cutoff_A must be positive, got " << rc);
    const bool unwrapped = settings.displacement == AtomicStrainSettings::Displacement::unwrapped;
    check_arrays(reference, "reference", unwrapped);
    check_arrays(current, "current", unwrapped);
    const std::size_t n = reference.size();
    STZ_REQUIRE(current.size() == n, "atomic strain: reference has " << n << " atoms, current has " << current.size());

    // Match atoms by id: cur_of[i] = index in current of reference atom i.
    std::unordered_map<std::int64_t, std::size_t> index_of;
    index_of.reserve(current.size());
    for (std::size_t k = 0; k < current.size(); ++k) {
        const bool fresh = index_of.emplace(current.id[k], k).second;
        STZ_REQUIRE(fresh, "atomic strain: atom id " << current.id[k] << " appears twice in the current configuration");
    }
    std::vector<std::size_t> cur_of(n);
    {
        std::vector<char> seen(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
            const auto it = index_of.find(reference.id[i]);
            STZ_REQUIRE(it != index_of.end(),
                        "atomic strain: atom id " << reference.id[i] << " of the reference is not in the current configuration");
            STZ_REQUIRE(!seen[it->second],
                        "atomic strain: atom id " << reference.id[i] << " appears twice in the reference configuration");
            seen[it->second] = 1;
            cur_of[i] = it->second;
        }
    }

    const Box& b0 = reference.box;
    const Box& b1 = current.box;
    // Fractional displacement of every atom (see the header).
    std::vector<Vec3> ds(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t k = cur_of[i];
        if (unwrapped) {
            ds[i] = b1.to_fractional(current.unwrapped(k)) - b0.to_fractional(reference.unwrapped(i));
        } else {
            Vec3 d = b1.to_fractional(current.x[k]) - b0.to_fractional(reference.x[i]);
            for (int c = 0; c < 3; ++c) d[c] -= std::nearbyint(d[c]);
            ds[i] = d;
        }
    }

    // Neighbours in the reference, on a copy (building wraps positions).
    Atoms ref = positions_copy(reference);
    NeighborList list(rc, 0.0);
    list.build(ref);
    std::vector<Vec3> s0(n);
    for (std::size_t i = 0; i < n; ++i) s0[i] = b0.to_fractional(ref.x[i]);
    const auto& images = list.image_vectors();
    const double rc2 = rc * rc;

    // Pair vectors of entry e: reference d0 and current d (fractional → each own cell).
    auto pair_vectors = [&](std::size_t i, const NeighborList::Entry& e, Vec3& d0, Vec3& d) {
        const std::size_t j = static_cast<std::size_t>(e.j);
        const auto& im = images[static_cast<std::size_t>(e.image)];
        const Vec3 sn{s0[j].x - s0[i].x + im[0], s0[j].y - s0[i].y + im[1], s0[j].z - s0[i].z + im[2]};
        d0 = b0.h_times(sn);
        d = b1.h_times(sn + ds[j] - ds[i]);
    };

    AtomicStrain out;
    out.shear.assign(n, 0.0);
    out.volumetric.assign(n, 0.0);
    out.d2min_A2.assign(n, 0.0);
    out.deformation_gradient.assign(n, Mat3{});
    out.strain.assign(n, std::array<double, 6>{});
    out.neighbor_count.assign(n, 0);
    out.invalid.assign(n, 0);

    // Pass 1: V and W (each half-list pair counts for both atoms, with opposite sign).
    std::vector<Mat3> V(n, Mat3{}), W(n, Mat3{});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t p = list.begin(i); p < list.end(i); ++p) {
            const auto& e = list.entries()[p];
            Vec3 d0, d;
            pair_vectors(i, e, d0, d);
            if (dot(d0, d0) >= rc2) continue;
            const std::size_t j = static_cast<std::size_t>(e.j);
            add_outer(V[i], d0, d0);
            add_outer(W[i], d, d0);
            add_outer(V[j], d0, d0);  // (-d0)(-d0)ᵀ
            add_outer(W[j], d, d0);
            ++out.neighbor_count[i];
            ++out.neighbor_count[j];
        }

    // F = W V⁻¹ and the strains.
    for (std::size_t i = 0; i < n; ++i) {
        const Mat3& v = V[i];
        const double tr = v[0] + v[4] + v[8];
        const double dv = det(v);
        if (!(tr > 0) || !(dv > 1e-10 * std::pow(tr / 3.0, 3))) {
            out.invalid[i] = 1;
            ++out.invalid_count;
            continue;
        }
        const Mat3 F = multiply(W[i], inverse(v, dv));
        out.deformation_gradient[i] = F;
        Mat3 Ft{F[0], F[3], F[6], F[1], F[4], F[7], F[2], F[5], F[8]};
        Mat3 E = multiply(Ft, F);
        for (std::size_t k = 0; k < 9; ++k) E[k] *= 0.5;
        E[0] -= 0.5;
        E[4] -= 0.5;
        E[8] -= 0.5;
        const double exx = E[0], eyy = E[4], ezz = E[8], exy = E[1], exz = E[2], eyz = E[5];
        out.strain[i] = {exx, eyy, ezz, exy, exz, eyz};
        out.shear[i] = std::sqrt(exy * exy + exz * exz + eyz * eyz +
                                 ((exx - eyy) * (exx - eyy) + (exx - ezz) * (exx - ezz) + (eyy - ezz) * (eyy - ezz)) / 6.0);
        out.volumetric[i] = (exx + eyy + ezz) / 3.0;
    }

    // Pass 2: D2min = Σ |F d0 − d|² (the pair seen from j: |F_j (−d0) − (−d)|²).
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t p = list.begin(i); p < list.end(i); ++p) {
            const auto& e = list.entries()[p];
            Vec3 d0, d;
            pair_vectors(i, e, d0, d);
            if (dot(d0, d0) >= rc2) continue;
            const std::size_t j = static_cast<std::size_t>(e.j);
            if (!out.invalid[i]) {
                const Vec3 r = mat_vec(out.deformation_gradient[i], d0) - d;
                out.d2min_A2[i] += dot(r, r);
            }
            if (!out.invalid[j]) {
                const Vec3 r = mat_vec(out.deformation_gradient[j], d0) - d;
                out.d2min_A2[j] += dot(r, r);
            }
        }
    return out;
}

std::vector<char> select_shear_transformed(const AtomicStrain& strain, double threshold_A2) {
    std::vector<char> selected(strain.d2min_A2.size(), 0);
    for (std::size_t i = 0; i < selected.size(); ++i)
        selected[i] = !strain.invalid[i] && strain.d2min_A2[i] > threshold_A2 ? 1 : 0;
    return selected;
}

Clusters cluster_atoms(const Atoms& atoms, const std::vector<char>& selected, double cutoff_A) {
    const std::size_t n = atoms.size();
    STZ_REQUIRE(cutoff_A > 0 && std::isfinite(cutoff_A), "cluster_atoms: cutoff_A must be positive, got " << cutoff_A);
    STZ_REQUIRE(selected.size() == n,
                "cluster_atoms: selection has " << selected.size() << " entries for " << n << " atoms");
    atoms.box.validate("cluster_atoms");
    Atoms c = positions_copy(atoms);
    NeighborList list(cutoff_A, 0.0);
    list.build(c);
    const auto shifts = list.image_shifts(c.box);

    std::vector<std::size_t> parent(n);
    std::iota(parent.begin(), parent.end(), std::size_t{0});
    auto find = [&](std::size_t a) {
        while (parent[a] != a) a = parent[a] = parent[parent[a]];
        return a;
    };
    // Links between selected atoms closer than the cutoff, both ways, with the lattice image
    // of the second atom relative to the first (for the percolation test below).
    const double rc2 = cutoff_A * cutoff_A;
    const auto& images = list.image_vectors();
    std::vector<std::vector<std::pair<std::size_t, std::array<int, 3>>>> links(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (!selected[i]) continue;
        for (std::size_t p = list.begin(i); p < list.end(i); ++p) {
            const auto& e = list.entries()[p];
            const std::size_t j = static_cast<std::size_t>(e.j);
            if (!selected[j]) continue;
            const Vec3 d = c.x[j] + shifts[static_cast<std::size_t>(e.image)] - c.x[i];
            if (dot(d, d) >= rc2) continue;
            const std::size_t ri = find(i), rj = find(j);
            if (ri != rj) parent[std::max(ri, rj)] = std::min(ri, rj);  // root = lowest index
            const auto& m = images[static_cast<std::size_t>(e.image)];
            links[i].push_back({j, m});
            links[j].push_back({i, {-m[0], -m[1], -m[2]}});
        }
    }
    // Roots are the lowest index of their cluster; count, then order by size then root.
    std::vector<std::size_t> size(n, 0);
    std::vector<std::size_t> roots;
    for (std::size_t i = 0; i < n; ++i)
        if (selected[i]) {
            const std::size_t r = find(i);
            if (size[r]++ == 0) roots.push_back(r);
        }
    std::stable_sort(roots.begin(), roots.end(), [&](std::size_t a, std::size_t b) { return size[a] > size[b]; });
    std::vector<int> id_of_root(n, -1);
    Clusters out;
    out.cluster_of.assign(n, -1);
    for (std::size_t k = 0; k < roots.size(); ++k) {
        id_of_root[roots[k]] = static_cast<int>(k);
        out.sizes.push_back(size[roots[k]]);
    }
    for (std::size_t i = 0; i < n; ++i)
        if (selected[i]) out.cluster_of[i] = id_of_root[find(i)];

    // Percolation: walk each cluster from its root, giving every atom the lattice image it
    // is reached in; an atom reached in two different images closes a loop around the box.
    out.spans_box.assign(roots.size(), 0);
    std::vector<std::array<int, 3>> image_of(n);
    std::vector<char> seen(n, 0);
    std::vector<std::size_t> stack;
    for (std::size_t k = 0; k < roots.size(); ++k) {
        stack.assign(1, roots[k]);
        seen[roots[k]] = 1;
        image_of[roots[k]] = {0, 0, 0};
        while (!stack.empty() && !out.spans_box[k]) {
            const std::size_t i = stack.back();
            stack.pop_back();
            for (const auto& [j, m] : links[i]) {
                const std::array<int, 3> img{image_of[i][0] + m[0], image_of[i][1] + m[1], image_of[i][2] + m[2]};
                if (!seen[j]) {
                    seen[j] = 1;
                    image_of[j] = img;
                    stack.push_back(j);
                } else if (image_of[j] != img) {
                    out.spans_box[k] = 1;
                    break;
                }
            }
        }
    }
    return out;
}

}  // namespace stz::atom
