// Random and lattice starting structures with exact composition.
#include "stz/atom/structure_builder.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "stz/core/error.hpp"
#include "stz/core/random.hpp"

namespace stz::atom {

std::vector<std::size_t> species_counts(const Composition& c, std::size_t n) {
    STZ_REQUIRE(!c.fractions.empty() && c.fractions.size() == c.species.size(),
                "composition: one fraction per species is needed");
    double total = 0;
    for (double f : c.fractions) {
        STZ_REQUIRE(f >= 0 && std::isfinite(f), "composition: fractions must be >= 0, got " << f);
        total += f;
    }
    STZ_REQUIRE(std::fabs(total - 1.0) < 1e-6, "composition: fractions must sum to 1, they sum to " << total);
    std::vector<std::size_t> counts(c.fractions.size());
    std::vector<std::pair<double, std::size_t>> rest;
    std::size_t used = 0;
    for (std::size_t t = 0; t < counts.size(); ++t) {
        const double exact = c.fractions[t] * static_cast<double>(n);
        counts[t] = static_cast<std::size_t>(std::floor(exact));
        used += counts[t];
        rest.push_back({exact - std::floor(exact), t});
    }
    std::stable_sort(rest.begin(), rest.end(), [](auto& a, auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; used < n; ++k, ++used) ++counts[rest[k % rest.size()].second];
    return counts;
}

void assign_species(Atoms& atoms, const Composition& c, std::uint64_t seed) {
    atoms.species = c.species;
    const auto counts = species_counts(c, atoms.size());
    std::vector<int> types;
    for (std::size_t t = 0; t < counts.size(); ++t) types.insert(types.end(), counts[t], static_cast<int>(t));
    // Fisher-Yates with a counter-based stream: the labelling is a function of the seed.
    CounterRng rng(seed, RngStream::atom_placement, 1);
    for (std::size_t k = types.size(); k > 1; --k) {
        const auto r = static_cast<std::size_t>(rng.uniform() * static_cast<double>(k));
        std::swap(types[k - 1], types[std::min(r, k - 1)]);
    }
    atoms.type = types;
}

Atoms random_structure(const Composition& c, std::size_t n, double density_per_A3, double min_distance_A,
                       std::uint64_t seed) {
    STZ_REQUIRE(n >= 1, "random structure: at least one atom");
    STZ_REQUIRE(density_per_A3 > 0 && std::isfinite(density_per_A3), "random structure: density must be positive");
    STZ_REQUIRE(min_distance_A >= 0, "random structure: minimum distance must be >= 0");
    const double edge = std::cbrt(static_cast<double>(n) / density_per_A3);
    Atoms atoms;
    atoms.box = Box::orthogonal({0, 0, 0}, edge, edge, edge);
    // Cell grid of edge >= min distance for the overlap test.
    const int nc = std::max(1, static_cast<int>(std::floor(edge / std::max(min_distance_A, 1e-9))));
    const int ncell = std::min(nc, 200);
    std::vector<std::vector<std::size_t>> cells(static_cast<std::size_t>(ncell) * ncell * ncell);
    auto cell_of = [&](double v) { return std::min(ncell - 1, static_cast<int>(v / edge * ncell)); };
    const double d2 = min_distance_A * min_distance_A;
    CounterRng rng(seed, RngStream::atom_placement, 0);
    const std::size_t max_tries = 2000 * n + 100000;
    std::size_t tries = 0;
    while (atoms.size() < n) {
        STZ_REQUIRE(++tries < max_tries, "random structure: could not place " << n << " atoms " << min_distance_A
                                                                              << " Å apart at density " << density_per_A3
                                                                              << " /Å^3; lower the minimum distance or the density");
        const Vec3 p{rng.uniform() * edge, rng.uniform() * edge, rng.uniform() * edge};
        const int cx = cell_of(p.x), cy = cell_of(p.y), cz = cell_of(p.z);
        bool ok = true;
        const int reach = ncell >= 3 ? 1 : ncell;  // small grids: look at all cells
        for (int dz = -reach; dz <= reach && ok; ++dz)
            for (int dy = -reach; dy <= reach && ok; ++dy)
                for (int dx = -reach; dx <= reach && ok; ++dx) {
                    const int x = ((cx + dx) % ncell + ncell) % ncell, y = ((cy + dy) % ncell + ncell) % ncell,
                              z = ((cz + dz) % ncell + ncell) % ncell;
                    for (std::size_t j : cells[(static_cast<std::size_t>(z) * ncell + y) * ncell + x]) {
                        const Vec3 d = atoms.box.minimum_image(atoms.x[j] - p);
                        if (dot(d, d) < d2) {
                            ok = false;
                            break;
                        }
                    }
                }
        if (!ok) continue;
        cells[(static_cast<std::size_t>(cz) * ncell + cy) * ncell + cx].push_back(atoms.size());
        atoms.add(0, p);
    }
    assign_species(atoms, c, seed);
    return atoms;
}

Atoms lattice_structure(const Composition& c, const std::string& lattice, double a_A, const std::array<int, 3>& cells,
                        std::uint64_t seed) {
    std::vector<Vec3> basis;
    if (lattice == "fcc") basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
    else if (lattice == "bcc") basis = {{0, 0, 0}, {0.5, 0.5, 0.5}};
    else if (lattice == "sc") basis = {{0, 0, 0}};
    else throw Error("lattice structure: unknown lattice '" + lattice + "'; expected fcc, bcc or sc");
    STZ_REQUIRE(a_A > 0 && std::isfinite(a_A), "lattice structure: lattice constant must be positive");
    for (int n : cells) STZ_REQUIRE(n >= 1, "lattice structure: cell counts must be >= 1");
    Atoms atoms;
    atoms.box = Box::orthogonal({0, 0, 0}, cells[0] * a_A, cells[1] * a_A, cells[2] * a_A);
    for (int k = 0; k < cells[2]; ++k)
        for (int j = 0; j < cells[1]; ++j)
            for (int i = 0; i < cells[0]; ++i)
                for (const auto& b : basis) atoms.add(0, a_A * Vec3{i + b.x, j + b.y, k + b.z});
    assign_species(atoms, c, seed);
    return atoms;
}

Atoms replicate(const Atoms& atoms, const std::array<int, 3>& reps) {
    STZ_REQUIRE(reps[0] >= 1 && reps[1] >= 1 && reps[2] >= 1,
                "replicate: counts must be >= 1, got " << reps[0] << " x " << reps[1] << " x " << reps[2]);
    Atoms out;
    out.species = atoms.species;
    const Box& b = atoms.box;
    out.box = b;
    out.box.lx *= reps[0];
    out.box.xy *= reps[1];
    out.box.ly *= reps[1];
    out.box.xz *= reps[2];
    out.box.yz *= reps[2];
    out.box.lz *= reps[2];
    for (int i = 0; i < reps[0]; ++i)
        for (int j = 0; j < reps[1]; ++j)
            for (int k = 0; k < reps[2]; ++k)
                for (std::size_t a = 0; a < atoms.size(); ++a) {
                    out.add(atoms.type[a], atoms.x[a] + static_cast<double>(i) * b.a() +
                                               static_cast<double>(j) * b.b() + static_cast<double>(k) * b.c());
                    out.v.back() = atoms.v[a];
                }
    return out;
}

}  // namespace stz::atom
