#pragma once
// Embedded-atom potentials in the tabulated forms LAMMPS reads: DYNAMO setfl
// (`pair_style eam/alloy`) and Finnis–Sinclair (`pair_style eam/fs`). The file gives, on
// uniform grids, the embedding energy F_a(rho), the density functions and r·phi_ab(r).
// Tables are turned into piecewise cubics exactly as LAMMPS does (pair_eam.cpp,
// interpolate(): derivatives at the knots from 4th-order central differences, one-sided at
// the ends), and evaluated with the same index arithmetic, so energies and forces agree
// with LAMMPS to round-off (docs/atomistic.md).
//
// Energy: E = sum_i F_{a_i}(rho_i) + 1/2 sum_{i != j} phi_{a_i a_j}(r_ij), with
// rho_i = sum_{j != i} rho_{a_j -> a_i}(r_ij). In setfl files the density depends only on
// the neighbour's element; in Finnis–Sinclair files it depends on both.
#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace stz::atom {

/// One element's header line in the potential file.
struct EamElement {
    std::string name;            ///< symbol, e.g. "Cu"
    int atomic_number = 0;
    double mass_amu = 0;         ///< g/mol
    double lattice_constant_A = 0;
    std::string lattice;         ///< e.g. "fcc"
};

/// A table turned into 7 coefficients per interval, LAMMPS's layout: for interval m
/// (1-based, m = 1..n) and fraction p in [0,1], value = ((c3 p + c4) p + c5) p + c6 and
/// derivative per unit argument = (c0 p + c1) p + c2.
class EamSpline {
public:
    EamSpline() = default;
    /// Builds from tabulated values f(k * delta), k = 0..n-1 (n >= 5).
    EamSpline(const std::vector<double>& values, double delta);
    [[nodiscard]] const std::array<double, 7>& operator[](int m) const { return coeff_[static_cast<std::size_t>(m)]; }
    [[nodiscard]] int size() const { return static_cast<int>(coeff_.size()) - 1; }

private:
    std::vector<std::array<double, 7>> coeff_;  ///< index 0 unused (LAMMPS is 1-based)
};

class EamPotential {
public:
    enum class Format { setfl, finnis_sinclair };

    /// Reads a potential file. The format is taken from the name (`*.eam.fs` or `*.fs`:
    /// Finnis–Sinclair; `*.eam.alloy`, `*.setfl`, `*.alloy`: setfl) unless given.
    /// Throws stz::Error naming the file, line and what was expected.
    static EamPotential read(const std::filesystem::path& file);
    static EamPotential read(const std::filesystem::path& file, Format format);

    [[nodiscard]] Format format() const { return format_; }
    [[nodiscard]] const std::filesystem::path& source() const { return source_; }
    [[nodiscard]] const std::vector<std::string>& comments() const { return comments_; }
    [[nodiscard]] const std::vector<EamElement>& elements() const { return elements_; }
    [[nodiscard]] int element_count() const { return static_cast<int>(elements_.size()); }
    /// Index of an element by symbol; throws stz::Error listing the known ones.
    [[nodiscard]] int element_index(const std::string& name) const;

    [[nodiscard]] double cutoff_A() const { return cutoff_A_; }
    [[nodiscard]] int nr() const { return nr_; }
    [[nodiscard]] double dr_A() const { return dr_A_; }
    [[nodiscard]] int nrho() const { return nrho_; }
    [[nodiscard]] double drho() const { return drho_; }
    /// Largest tabulated density; beyond it F is continued linearly (as LAMMPS does).
    [[nodiscard]] double rho_max() const { return (nrho_ - 1) * drho_; }

    /// F_a as a spline over rho.
    [[nodiscard]] const EamSpline& embedding(int a) const { return embedding_[static_cast<std::size_t>(a)]; }
    /// Density that an atom of element `from` contributes at an atom of element `at`.
    [[nodiscard]] const EamSpline& density(int from, int at) const;
    /// r·phi_ab as a spline over r.
    [[nodiscard]] const EamSpline& r_phi(int a, int b) const;

    // Convenience evaluations (not the force loop's fast path): value and derivative.
    struct ValueSlope { double value; double slope; };
    [[nodiscard]] ValueSlope embedding_energy(int a, double rho) const;        ///< eV, eV per density unit
    [[nodiscard]] ValueSlope density_at(int from, int at, double r_A) const;    ///< density, per Å
    [[nodiscard]] ValueSlope pair_energy(int a, int b, double r_A) const;      ///< eV, eV/Å

private:
    Format format_ = Format::setfl;
    std::filesystem::path source_;
    std::vector<std::string> comments_;
    std::vector<EamElement> elements_;
    int nrho_ = 0, nr_ = 0;
    double drho_ = 0, dr_A_ = 0, cutoff_A_ = 0;
    std::vector<EamSpline> embedding_;   ///< per element
    std::vector<EamSpline> density_;     ///< setfl: per element (index from); fs: from * n + at
    std::vector<EamSpline> r_phi_;       ///< lower triangle: a*(a+1)/2 + b for a >= b
};

}  // namespace stz::atom
