// Reading setfl and Finnis–Sinclair EAM files, and LAMMPS's cubic interpolation of them.
#include "stz/atom/eam_potential.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "stz/core/error.hpp"

namespace stz::atom {

EamSpline::EamSpline(const std::vector<double>& values, double delta) {
    const int n = static_cast<int>(values.size());
    STZ_REQUIRE(n >= 5, "an EAM table needs at least 5 points, got " << n);
    coeff_.assign(static_cast<std::size_t>(n) + 1, {});
    auto s = [&](int m) -> std::array<double, 7>& { return coeff_[static_cast<std::size_t>(m)]; };
    for (int m = 1; m <= n; ++m) s(m)[6] = values[static_cast<std::size_t>(m - 1)];
    // Knot slopes (per grid step): one-sided at the ends, 2nd order next to them,
    // 4th-order central differences inside (LAMMPS PairEAM::interpolate).
    s(1)[5] = s(2)[6] - s(1)[6];
    s(2)[5] = 0.5 * (s(3)[6] - s(1)[6]);
    s(n - 1)[5] = 0.5 * (s(n)[6] - s(n - 2)[6]);
    s(n)[5] = s(n)[6] - s(n - 1)[6];
    for (int m = 3; m <= n - 2; ++m)
        s(m)[5] = ((s(m - 2)[6] - s(m + 2)[6]) + 8.0 * (s(m + 1)[6] - s(m - 1)[6])) / 12.0;
    for (int m = 1; m <= n - 1; ++m) {
        s(m)[4] = 3.0 * (s(m + 1)[6] - s(m)[6]) - 2.0 * s(m)[5] - s(m + 1)[5];
        s(m)[3] = s(m)[5] + s(m + 1)[5] - 2.0 * (s(m + 1)[6] - s(m)[6]);
    }
    s(n)[4] = 0.0;
    s(n)[3] = 0.0;
    for (int m = 1; m <= n; ++m) {
        s(m)[2] = s(m)[5] / delta;
        s(m)[1] = 2.0 * s(m)[4] / delta;
        s(m)[0] = 3.0 * s(m)[3] / delta;
    }
}

namespace {

/// Whitespace-separated tokens of a text file, with the line each came from.
class TokenReader {
public:
    explicit TokenReader(const std::filesystem::path& file) : file_(file), in_(file) {
        STZ_REQUIRE(in_, file.string() << ": cannot open EAM potential file");
    }
    /// The next raw line (for header lines), or throws at end of file.
    std::string line(const char* expected) {
        std::string text;
        STZ_REQUIRE(std::getline(in_, text),
                    file_.string() << ":" << line_no_ + 1 << ": unexpected end of file; expected " << expected);
        ++line_no_;
        return text;
    }
    double number(const char* expected) {
        const std::string tok = token(expected);
        char* end = nullptr;
        const double value = std::strtod(tok.c_str(), &end);
        STZ_REQUIRE(end != tok.c_str() && *end == '\0' && std::isfinite(value),
                    where() << ": expected " << expected << " (a finite number), got '" << tok << "'");
        return value;
    }
    long integer(const char* expected) {
        const std::string tok = token(expected);
        char* end = nullptr;
        const long value = std::strtol(tok.c_str(), &end, 10);
        STZ_REQUIRE(end != tok.c_str() && *end == '\0',
                    where() << ": expected " << expected << " (an integer), got '" << tok << "'");
        return value;
    }
    std::string token(const char* expected) {
        while (words_.eof() || words_.peek() == EOF) {
            std::string text;
            STZ_REQUIRE(std::getline(in_, text),
                        file_.string() << ": unexpected end of file after line " << line_no_ << "; expected "
                                       << expected << " (the file is truncated or its header counts are wrong)");
            ++line_no_;
            words_.clear();
            words_.str(text);
            words_ >> std::ws;
        }
        std::string tok;
        words_ >> tok;
        words_ >> std::ws;
        return tok;
    }
    /// Moves to the start of the next line (discarding the rest of the current one).
    void end_line() { words_.str(""); words_.clear(); words_.setstate(std::ios::eofbit); }
    [[nodiscard]] std::string where() const { return file_.string() + ":" + std::to_string(line_no_); }
    /// True if only whitespace remains in the file.
    bool at_end() {
        if (!(words_.eof() || words_.peek() == EOF)) return false;
        std::string text;
        while (std::getline(in_, text)) {
            ++line_no_;
            if (text.find_first_not_of(" \t\r") != std::string::npos) return false;
        }
        return true;
    }

private:
    std::filesystem::path file_;
    std::ifstream in_;
    std::istringstream words_{std::string()};
    long line_no_ = 0;
};

/// Most points per table a file may declare. Real files have 10^3..10^5; a larger count is
/// a corrupt header, refused before anything is allocated for it.
constexpr long max_table_points = 10'000'000;

std::vector<double> read_table(TokenReader& in, long n, const std::string& what) {
    std::vector<double> values;
    // Grown as numbers arrive, so a count the file does not back with data costs nothing.
    values.reserve(static_cast<std::size_t>(std::min(n, 4096L)));
    for (long k = 0; k < n; ++k) values.push_back(in.number(what.c_str()));
    return values;
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

EamPotential EamPotential::read(const std::filesystem::path& file) {
    const std::string name = file.filename().string();
    if (ends_with(name, ".fs")) return read(file, Format::finnis_sinclair);
    if (ends_with(name, ".alloy") || ends_with(name, ".setfl")) return read(file, Format::setfl);
    throw Error(file.string() + ": cannot tell the EAM format from the file name; expected a name ending in "
                ".eam.fs (Finnis-Sinclair) or .eam.alloy/.setfl (setfl)");
}

EamPotential EamPotential::read(const std::filesystem::path& file, Format format) {
    STZ_REQUIRE(std::filesystem::is_regular_file(file),
                file.string() << (std::filesystem::exists(file) ? ": not a regular file; expected an EAM potential file"
                                                                : ": no such EAM potential file"));
    EamPotential pot;
    pot.format_ = format;
    pot.source_ = file;
    TokenReader in(file);
    for (int k = 0; k < 3; ++k) pot.comments_.push_back(in.line("three comment lines"));

    const long n_el = in.integer("the number of elements (line 4)");
    STZ_REQUIRE(n_el >= 1 && n_el <= 16, in.where() << ": number of elements must be 1..16, got " << n_el);
    pot.elements_.resize(static_cast<std::size_t>(n_el));
    for (auto& e : pot.elements_) e.name = in.token("an element symbol (line 4)");
    in.end_line();
    for (std::size_t a = 0; a < pot.elements_.size(); ++a)
        for (std::size_t b = 0; b < a; ++b)
            STZ_REQUIRE(pot.elements_[a].name != pot.elements_[b].name,
                        in.where() << ": element " << pot.elements_[a].name << " is listed twice");

    const long nrho = in.integer("Nrho (line 5)");
    pot.drho_ = in.number("drho (line 5)");
    const long nr = in.integer("Nr (line 5)");
    pot.dr_A_ = in.number("dr (line 5)");
    pot.cutoff_A_ = in.number("the cutoff in Å (line 5)");
    STZ_REQUIRE(nrho >= 5 && nr >= 5 && nrho <= max_table_points && nr <= max_table_points,
                in.where() << ": Nrho and Nr (points per table) must be 5.." << max_table_points << ", got " << nrho
                           << " and " << nr);
    STZ_REQUIRE(pot.drho_ > 0 && pot.dr_A_ > 0 && pot.cutoff_A_ > 0,
                in.where() << ": drho, dr and the cutoff must be positive");
    // The tables must reach the cutoff: every file LAMMPS ships has cutoff <= Nr*dr (to
    // round-off). Beyond it the table index r/dr would not fit the tables (nor an int).
    const double r_table_end_A = static_cast<double>(nr) * pot.dr_A_;
    STZ_REQUIRE(pot.cutoff_A_ <= r_table_end_A * (1 + 1e-6),
                in.where() << ": the cutoff " << pot.cutoff_A_ << " Å lies beyond the r tables (Nr*dr = " << nr << " * "
                           << pot.dr_A_ << " = " << r_table_end_A << " Å); expected cutoff <= Nr*dr");
    pot.nrho_ = static_cast<int>(nrho);
    pot.nr_ = static_cast<int>(nr);
    in.end_line();

    const int n = static_cast<int>(n_el);
    std::vector<std::vector<double>> rhor(static_cast<std::size_t>(format == Format::setfl ? n : n * n));
    for (int a = 0; a < n; ++a) {
        auto& e = pot.elements_[static_cast<std::size_t>(a)];
        const std::string head = "element " + e.name + " header (Z, mass, lattice constant, lattice)";
        e.atomic_number = static_cast<int>(in.integer(head.c_str()));
        e.mass_amu = in.number(head.c_str());
        e.lattice_constant_A = in.number(head.c_str());
        e.lattice = in.token(head.c_str());
        in.end_line();
        STZ_REQUIRE(e.mass_amu > 0, in.where() << ": element " << e.name << " has mass " << e.mass_amu
                                               << "; expected a positive mass in g/mol");
        const auto frho = read_table(in, nrho, "F(rho) of " + e.name + " (" + std::to_string(nrho) + " values)");
        pot.embedding_.emplace_back(frho, pot.drho_);
        if (format == Format::setfl) {
            rhor[static_cast<std::size_t>(a)] =
                read_table(in, nr, "rho(r) of " + e.name + " (" + std::to_string(nr) + " values)");
        } else {
            for (int b = 0; b < n; ++b)
                rhor[static_cast<std::size_t>(a * n + b)] = read_table(
                    in, nr, "rho(r) of " + e.name + "-" + pot.elements_[static_cast<std::size_t>(b)].name);
        }
    }
    for (const auto& table : rhor) pot.density_.emplace_back(table, pot.dr_A_);
    for (int a = 0; a < n; ++a)
        for (int b = 0; b <= a; ++b)
            pot.r_phi_.emplace_back(
                read_table(in, nr, "r*phi(r) of " + pot.elements_[static_cast<std::size_t>(a)].name + "-" +
                                       pot.elements_[static_cast<std::size_t>(b)].name),
                pot.dr_A_);
    STZ_REQUIRE(in.at_end(), in.where() << ": unexpected data after the last r*phi table (wrong Nr, Nrho or "
                                           "number of elements, or the wrong format: "
                                        << (format == Format::setfl ? "setfl" : "Finnis-Sinclair") << " was assumed)");
    return pot;
}

int EamPotential::element_index(const std::string& name) const {
    std::string known;
    for (std::size_t a = 0; a < elements_.size(); ++a) {
        if (elements_[a].name == name) return static_cast<int>(a);
        known += (a ? ", " : "") + elements_[a].name;
    }
    throw Error(source_.string() + ": no element '" + name + "' in this potential (it has " + known + ")");
}

const EamSpline& EamPotential::density(int from, int at) const {
    if (format_ == Format::setfl) return density_[static_cast<std::size_t>(from)];
    return density_[static_cast<std::size_t>(from * element_count() + at)];
}

const EamSpline& EamPotential::r_phi(int a, int b) const {
    if (a < b) std::swap(a, b);
    return r_phi_[static_cast<std::size_t>(a * (a + 1) / 2 + b)];
}

namespace {
EamPotential::ValueSlope eval_at(const EamSpline& s, double arg, double inv_delta, int n, bool clamp_low) {
    double p = arg * inv_delta + 1.0;
    // Clamped to the table before the conversion to int (out of range, or NaN, it is UB);
    // in range the result is LAMMPS's.
    if (!(p >= 0.0)) p = 0.0;
    p = std::min(p, static_cast<double>(n));
    int m = static_cast<int>(p);
    m = std::min(m, n - 1);
    if (clamp_low) m = std::max(1, m);
    p -= m;
    p = std::min(p, 1.0);
    const auto& c = s[m];
    return {((c[3] * p + c[4]) * p + c[5]) * p + c[6], (c[0] * p + c[1]) * p + c[2]};
}
}  // namespace

EamPotential::ValueSlope EamPotential::embedding_energy(int a, double rho) const {
    auto vs = eval_at(embedding(a), rho, 1.0 / drho_, nrho_, true);
    if (rho > rho_max()) vs.value += vs.slope * (rho - rho_max());
    return vs;
}

EamPotential::ValueSlope EamPotential::density_at(int from, int at, double r_A) const {
    return eval_at(density(from, at), r_A, 1.0 / dr_A_, nr_, false);
}

EamPotential::ValueSlope EamPotential::pair_energy(int a, int b, double r_A) const {
    const auto z = eval_at(r_phi(a, b), r_A, 1.0 / dr_A_, nr_, false);
    const double phi = z.value / r_A;
    return {phi, z.slope / r_A - phi / r_A};
}

}  // namespace stz::atom
