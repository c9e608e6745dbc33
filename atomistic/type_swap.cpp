// Local-energy Monte Carlo type swaps for EAM.
#include "stz/atom/type_swap.hpp"

#include <algorithm>
#include <cmath>

#include "stz/atom/units.hpp"
#include "stz/core/error.hpp"
#include "stz/core/random.hpp"

namespace stz::atom {

namespace {

struct Neighbor {
    std::size_t k;
    double r;
};

/// Every atom's neighbours within the cutoff (both directions), from the half list.
std::vector<std::vector<Neighbor>> full_neighbors(const Atoms& atoms, const NeighborList& list, double cutoff) {
    std::vector<std::vector<Neighbor>> out(atoms.size());
    const auto shift = list.image_shifts(atoms.box);
    const double c2 = cutoff * cutoff;
    for (std::size_t i = 0; i < atoms.size(); ++i)
        for (std::size_t e = list.begin(i); e < list.end(i); ++e) {
            const auto& en = list.entries()[e];
            const std::size_t j = static_cast<std::size_t>(en.j);
            const Vec3 d = atoms.x[j] + shift[static_cast<std::size_t>(en.image)] - atoms.x[i];
            const double r2 = dot(d, d);
            if (r2 >= c2) continue;
            const double r = std::sqrt(r2);
            out[i].push_back({j, r});
            out[j].push_back({i, r});  // j == i (own image) is listed twice, as it should be
        }
    return out;
}

}  // namespace

SwapStats attempt_type_swaps(Atoms& atoms, EamForce& force, double T_K, long attempts, std::uint64_t seed,
                             std::uint64_t round) {
    SwapStats stats;
    if (attempts <= 0 || atoms.species.size() < 2) return stats;
    STZ_REQUIRE(T_K > 0, "type swaps need a positive temperature, got " << T_K);
    force.compute(atoms);  // densities and an up-to-date neighbour list
    const EamPotential& pot = force.potential();
    const auto element = EamForce::map_species(pot, atoms.species);
    std::vector<double> rho = force.densities();
    const auto nbr = full_neighbors(atoms, force.neighbors(), pot.cutoff_A());
    const double beta = 1.0 / (units::kBoltzmann_eV_per_K * T_K);
    CounterRng rng(seed, RngStream::atom_swap, round);
    const std::size_t n = atoms.size();

    std::vector<std::size_t> affected;
    std::vector<double> new_rho;
    std::vector<char> mark(n, 0);
    auto el = [&](std::size_t k, std::size_t i, std::size_t j, int ti, int tj) {
        // element of atom k if i and j carried types ti and tj
        const int t = k == i ? ti : (k == j ? tj : atoms.type[k]);
        return element[static_cast<std::size_t>(t)];
    };
    for (long a = 0; a < attempts; ++a) {
        const std::size_t i = std::min(n - 1, static_cast<std::size_t>(rng.uniform() * static_cast<double>(n)));
        const std::size_t j = std::min(n - 1, static_cast<std::size_t>(rng.uniform() * static_cast<double>(n)));
        const double u = rng.uniform();
        if (atoms.type[i] == atoms.type[j]) continue;  // not a trial: draw again next time
        ++stats.attempted;
        const int ti = atoms.type[i], tj = atoms.type[j];
        // Affected densities: i, j and their neighbours.
        affected.clear();
        for (std::size_t k : {i, j})
            if (!mark[k]) { mark[k] = 1; affected.push_back(k); }
        for (std::size_t c : {i, j})
            for (const auto& nb : nbr[c])
                if (!mark[nb.k]) { mark[nb.k] = 1; affected.push_back(nb.k); }
        double de = 0;
        new_rho.assign(affected.size(), 0.0);
        for (std::size_t q = 0; q < affected.size(); ++q) {
            const std::size_t k = affected[q];
            const int ek = el(k, i, j, tj, ti);
            double r_new = 0;
            for (const auto& nb : nbr[k]) r_new += pot.density_at(el(nb.k, i, j, tj, ti), ek, nb.r).value;
            new_rho[q] = r_new;
            de += pot.embedding_energy(ek, r_new).value -
                  pot.embedding_energy(element[static_cast<std::size_t>(atoms.type[k])], rho[k]).value;
        }
        // Pair terms touching i or j: each pair once (pairs i-j counted from i only).
        for (std::size_t c : {i, j})
            for (const auto& nb : nbr[c]) {
                if (c == j && nb.k == i) continue;
                const double w = nb.k == c ? 0.5 : 1.0;  // own image: listed twice
                const double after = pot.pair_energy(el(c, i, j, tj, ti), el(nb.k, i, j, tj, ti), nb.r).value;
                const double before = pot.pair_energy(element[static_cast<std::size_t>(atoms.type[c])],
                                                      element[static_cast<std::size_t>(atoms.type[nb.k])], nb.r).value;
                de += w * (after - before);
            }
        for (std::size_t k : affected) mark[k] = 0;
        if (de <= 0 || u < std::exp(-beta * de)) {
            ++stats.accepted;
            stats.energy_change_eV += de;
            const double mi = atoms.mass(i), mj = atoms.mass(j);
            atoms.type[i] = tj;
            atoms.type[j] = ti;
            atoms.v[i] *= std::sqrt(mi / atoms.mass(i));
            atoms.v[j] *= std::sqrt(mj / atoms.mass(j));
            for (std::size_t q = 0; q < affected.size(); ++q) rho[affected[q]] = new_rho[q];
        }
    }
    return stats;
}

}  // namespace stz::atom
