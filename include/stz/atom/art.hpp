#pragma once
// ART nouveau saddle search (Barkema & Mousseau 1996; Malek & Mousseau 2000; Machado-Charry
// et al. 2011), MODEL.md §8. Written once against an abstract energy surface over a flat
// coordinate vector, so that it can be validated on analytic 2D surfaces (Müller–Brown, a
// double well) and run unchanged on atoms.
//
// One search from a minimum x0:
//   kick      x = x0 + initial_displacement * d (d a unit direction);
//   activate  push along the kick direction by push_step, relax perpendicular to the push, until the
//             lowest Hessian eigenvalue (Lanczos, finite-difference Hessian-vector
//             products) drops below eigenvalue_threshold;
//   converge  Newton step up along the lowest mode v (capped at max_step), relax
//             perpendicular to v, re-evaluate v (warm-started Lanczos), until |F| < force_tol;
//   push over push_over along ±v away from x0 and minimize: the next minimum; push the
//             other way and minimize: must come back to x0 (within connect_distance).
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace stz::atom {

/// A differentiable energy surface over a flat coordinate vector (3N for atoms, 2 for
/// analytic tests).
class EnergySurface {
public:
    virtual ~EnergySurface() = default;
    [[nodiscard]] virtual std::size_t dimension() const = 0;
    /// Returns E(x) and fills grad = dE/dx (resized to dimension()).
    virtual double energy_and_gradient(const std::vector<double>& x, std::vector<double>& grad) = 0;
    /// Why x lies outside the region where this surface is exact (empty: inside). A search
    /// stops when its path leaves it (a local region's active atoms moving too far).
    [[nodiscard]] virtual std::string out_of_bounds(const std::vector<double>& x) const {
        (void)x;
        return {};
    }
    /// How far apart two points are, for the connectivity test: the 2-norm of a - b here;
    /// atoms override it with the largest single-atom displacement, which does not grow
    /// with the number of atoms that relax a little.
    [[nodiscard]] virtual double distance(const std::vector<double>& a, const std::vector<double>& b) const;
};

struct ArtSettings {
    double initial_displacement = 0.1;    ///< norm of the kick (Å)
    double eigenvalue_threshold = -0.01;  ///< leave the basin when the lowest eigenvalue drops below this (eV/Å²)
    double push_step = 0.05;              ///< step along the push direction while activating (Å)
    int perp_relax_steps = 4;             ///< relaxation steps perpendicular to the push / mode per iteration
    double max_step = 0.1;                ///< cap on any single displacement (Å)
    double force_tol = 0.01;              ///< converged at the saddle when |F| < this (eV/Å)
    int lanczos_size = 15;                ///< at most this many Lanczos vectors
    double lanczos_fd_step = 1e-3;        ///< finite-difference step of H·v (Å)
    double lanczos_tol = 1e-4;            ///< stop Lanczos early when the lowest Ritz value moves less (relative)
    int max_iterations = 500;             ///< activation + convergence iterations
    int max_activation_steps = 100;       ///< pushes without reaching eigenvalue_threshold before giving up
    double push_over = 0.15;              ///< push along the mode beyond the saddle before minimizing (Å)
    double initial_force_tol = 0.05;      ///< |F(x0)| above this: x0 is not a minimum, no search
    double min_force_tol = 0.0;           ///< |F| of the end minimizations; 0: force_tol
    int max_min_steps = 5000;             ///< steps of each end minimization
    double connect_distance = 0.1;        ///< surface.distance(x, x0) below which the back-relaxation counts as x0 (Å)

    /// Throws stz::Error on a meaningless value.
    void validate() const;
};

struct SaddleResult {
    bool converged = false;
    std::string reason;                   ///< why the search stopped ("converged" or the failure)
    std::vector<double> saddle, final_minimum, back_minimum;
    double e_initial = 0, e_saddle = 0, e_final = 0, barrier = 0;  ///< barrier = e_saddle - e_initial
    bool connected = false;               ///< the saddle relaxes back to x0 on the other side
    int iterations = 0, force_evaluations = 0;
    double lowest_eigenvalue = 0;         ///< at the saddle
    std::vector<double> mode;             ///< lowest mode at the saddle (unit), pointing away from x0
};

/// Runs one ART nouveau search from the minimum x0 with the kick direction (any non-zero
/// vector of dimension(); normalized here, scaled to initial_displacement).
SaddleResult find_saddle(EnergySurface& surface, const std::vector<double>& x0,
                         const std::vector<double>& kick_direction, const ArtSettings& settings);

/// Lowest eigenvalue of the Hessian at x by Lanczos with forward finite-difference
/// Hessian-vector products. `mode` is the start vector on entry (empty or zero: a fixed
/// default) and the unit eigenvector on return. `evaluations`, if given, is incremented by
/// the number of gradient evaluations used.
double lowest_eigenvalue(EnergySurface& surface, const std::vector<double>& x, std::vector<double>& mode,
                         const ArtSettings& settings, int* evaluations = nullptr);

/// Minimizes the surface from x (in place) by steepest descent with Barzilai–Borwein step
/// lengths and a monotone energy check, steps capped at max_step. Returns the final
/// energy; `converged` says whether |F| < force_tol was reached within max_steps.
double minimize_surface(EnergySurface& surface, std::vector<double>& x, double force_tol, int max_steps,
                        double max_step, bool* converged = nullptr, int* evaluations = nullptr);

/// A uniformly random unit vector of dimension n.
std::vector<double> random_direction(std::size_t n, std::mt19937_64& rng);

}  // namespace stz::atom
