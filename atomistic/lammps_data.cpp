// LAMMPS data-file reading and writing (atom_style atomic).
#include "stz/atom/lammps_data.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <sstream>

#include "stz/atom/eam_potential.hpp"
#include "stz/core/error.hpp"
#include "stz/io/atomic_file.hpp"

namespace stz::atom {

namespace {

std::string trim(const std::string& s) {
    const auto a = s.find_first_not_of(" \t\r");
    if (a == std::string::npos) return {};
    const auto b = s.find_last_not_of(" \t\r");
    return s.substr(a, b - a + 1);
}

/// Splits off a trailing "# comment"; returns the part before it, sets `comment`.
std::string strip_comment(const std::string& line, std::string* comment = nullptr) {
    const auto h = line.find('#');
    if (comment) *comment = h == std::string::npos ? std::string() : trim(line.substr(h + 1));
    return trim(h == std::string::npos ? line : line.substr(0, h));
}

std::vector<std::string> words(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

class DataReader {
public:
    explicit DataReader(const std::filesystem::path& file) : file_(file), in_(file) {
        STZ_REQUIRE(std::filesystem::is_regular_file(file),
                    file.string() << (std::filesystem::exists(file) ? ": not a regular file; expected a LAMMPS data file"
                                                                    : ": no such LAMMPS data file"));
        STZ_REQUIRE(in_, file.string() << ": cannot open LAMMPS data file");
    }
    bool next(std::string& line) {
        if (!std::getline(in_, line)) return false;
        ++line_no_;
        return true;
    }
    [[nodiscard]] std::string where() const { return file_.string() + ":" + std::to_string(line_no_); }
    double number(const std::string& w, const char* what) const {
        char* end = nullptr;
        const double v = std::strtod(w.c_str(), &end);
        STZ_REQUIRE(end != w.c_str() && *end == '\0' && std::isfinite(v),
                    where() << ": expected " << what << " (a finite number), got '" << w << "'");
        return v;
    }
    long long integer(const std::string& w, const char* what) const {
        char* end = nullptr;
        const long long v = std::strtoll(w.c_str(), &end, 10);
        STZ_REQUIRE(end != w.c_str() && *end == '\0', where() << ": expected " << what << " (an integer), got '" << w << "'");
        return v;
    }

private:
    std::filesystem::path file_;
    std::ifstream in_;
    long line_no_ = 0;
};

/// Most atom types a data file may declare: far beyond any atom_style atomic sample, and a
/// bound on what a corrupt header makes us allocate (one species record per type).
constexpr long long max_atom_types = 100'000;

bool is_section(const std::string& head) {
    static const char* names[] = {"Masses", "Atoms", "Velocities", "Bonds", "Angles", "Dihedrals", "Impropers",
                                  "Pair Coeffs", "PairIJ Coeffs", "Bond Coeffs", "Angle Coeffs", "Ellipsoids",
                                  "Lines", "Triangles", "Bodies", "Dihedral Coeffs", "Improper Coeffs"};
    for (const char* n : names)
        if (head == n) return true;
    return false;
}

}  // namespace

Atoms read_lammps_data(const std::filesystem::path& file) {
    DataReader in(file);
    Atoms atoms;
    std::string line;
    STZ_REQUIRE(in.next(line), file.string() << ": empty file; expected a LAMMPS data file");  // title
    long long natoms = -1, ntypes = -1;  // -1: no such header line (yet)
    bool have_x = false, have_y = false, have_z = false;
    std::string section;
    // ---- header
    while (in.next(line)) {
        const std::string body = strip_comment(line);
        if (body.empty()) continue;
        if (is_section(body)) {
            section = body;
            break;
        }
        const auto w = words(body);
        if (w.size() == 2 && w[1] == "atoms") {
            natoms = in.integer(w[0], "the number of atoms");
            STZ_REQUIRE(natoms >= 0, in.where() << ": expected a number of atoms >= 0, got " << natoms);
        } else if (w.size() == 3 && w[1] == "atom" && w[2] == "types") {
            ntypes = in.integer(w[0], "the number of atom types");
            STZ_REQUIRE(ntypes >= 1 && ntypes <= max_atom_types,
                        in.where() << ": expected a number of atom types in 1.." << max_atom_types << ", got " << ntypes);
        } else if (w.size() == 4 && w[2] == "xlo" && w[3] == "xhi") {
            atoms.box.lo.x = in.number(w[0], "xlo");
            atoms.box.lx = in.number(w[1], "xhi") - atoms.box.lo.x;
            have_x = true;
        } else if (w.size() == 4 && w[2] == "ylo" && w[3] == "yhi") {
            atoms.box.lo.y = in.number(w[0], "ylo");
            atoms.box.ly = in.number(w[1], "yhi") - atoms.box.lo.y;
            have_y = true;
        } else if (w.size() == 4 && w[2] == "zlo" && w[3] == "zhi") {
            atoms.box.lo.z = in.number(w[0], "zlo");
            atoms.box.lz = in.number(w[1], "zhi") - atoms.box.lo.z;
            have_z = true;
        } else if (w.size() == 6 && w[3] == "xy" && w[4] == "xz" && w[5] == "yz") {
            atoms.box.xy = in.number(w[0], "xy");
            atoms.box.xz = in.number(w[1], "xz");
            atoms.box.yz = in.number(w[2], "yz");
        } else if (w.size() >= 2 && (w.back() == "bonds" || w.back() == "angles" || w.back() == "dihedrals" ||
                                     w.back() == "impropers" || w.back() == "types" || w.back() == "ellipsoids" ||
                                     w.back() == "lines" || w.back() == "triangles" || w.back() == "bodies" ||
                                     (w.size() == 3 && w[1] == "extra"))) {
            STZ_REQUIRE(in.integer(w[0], "a count") == 0,
                        in.where() << ": '" << body << "': only atom_style atomic data files (atoms, no bonds) are supported");
        } else {
            throw Error(in.where() + ": unrecognised header line '" + body +
                        "'; expected 'N atoms', 'N atom types', 'lo hi xlo xhi' (y, z) or 'xy xz yz xy xz yz'");
        }
    }
    STZ_REQUIRE(natoms >= 0, file.string() << ": header has no 'N atoms' line");
    STZ_REQUIRE(ntypes >= 1, file.string() << ": header has no 'N atom types' line (at least 1)");
    STZ_REQUIRE(have_x && have_y && have_z, file.string() << ": header lacks one of the xlo xhi / ylo yhi / zlo zhi lines");
    atoms.box.validate(file.string().c_str());
    atoms.species.assign(static_cast<std::size_t>(ntypes), {});

    std::vector<bool> mass_seen(static_cast<std::size_t>(ntypes), false);
    std::map<long long, std::size_t> index_of_id;
    bool have_atoms = false;
    // ---- sections
    while (!section.empty()) {
        std::string hint;
        strip_comment(line, &hint);
        const std::string this_section = section;
        section.clear();
        std::size_t rows = 0;
        const std::size_t wanted = this_section == "Masses" ? static_cast<std::size_t>(ntypes)
                                                           : static_cast<std::size_t>(natoms);
        STZ_REQUIRE(this_section == "Masses" || this_section == "Atoms" || this_section == "Velocities",
                    in.where() << ": section '" << this_section << "' is not supported (atom_style atomic only)");
        if (this_section == "Atoms")
            STZ_REQUIRE(hint.empty() || hint == "atomic",
                        in.where() << ": Atoms section is '# " << hint << "'; expected atom_style atomic (id type x y z)");
        // Capacity grows with the lines actually read: the header's count alone (up to
        // 2^63) must not decide an allocation.
        if (this_section == "Atoms") {
            atoms.x.reserve(std::min<std::size_t>(wanted, 1u << 16));
            have_atoms = true;
        }
        while (rows < wanted && in.next(line)) {
            std::string comment;
            const std::string body = strip_comment(line, &comment);
            if (body.empty()) continue;
            const auto w = words(body);
            ++rows;
            if (this_section == "Masses") {
                STZ_REQUIRE(w.size() == 2, in.where() << ": Masses line needs 'type mass', got '" << body << "'");
                const long long t = in.integer(w[0], "an atom type");
                STZ_REQUIRE(t >= 1 && t <= ntypes, in.where() << ": atom type " << t << " out of range 1.." << ntypes);
                auto& sp = atoms.species[static_cast<std::size_t>(t - 1)];
                sp.mass_amu = in.number(w[1], "a mass in g/mol");
                STZ_REQUIRE(sp.mass_amu > 0, in.where() << ": mass of type " << t << " must be positive, got " << w[1]);
                const auto cw = words(comment);
                if (cw.size() == 1) sp.element = cw[0];
                mass_seen[static_cast<std::size_t>(t - 1)] = true;
            } else if (this_section == "Atoms") {
                STZ_REQUIRE(w.size() == 5 || w.size() == 8,
                            in.where() << ": Atoms line needs 'id type x y z' (optionally 'ix iy iz'), got " << w.size()
                                       << " fields");
                const long long id = in.integer(w[0], "an atom id");
                const long long t = in.integer(w[1], "an atom type");
                STZ_REQUIRE(id >= 1, in.where() << ": atom id must be >= 1, got " << id);
                STZ_REQUIRE(t >= 1 && t <= ntypes, in.where() << ": atom " << id << " has type " << t << "; expected 1.." << ntypes);
                STZ_REQUIRE(index_of_id.emplace(id, atoms.size()).second, in.where() << ": atom id " << id << " appears twice");
                atoms.add(static_cast<int>(t - 1),
                          {in.number(w[2], "x"), in.number(w[3], "y"), in.number(w[4], "z")}, id);
                if (w.size() == 8)
                    atoms.image.back() = {static_cast<int>(in.integer(w[5], "ix")), static_cast<int>(in.integer(w[6], "iy")),
                                          static_cast<int>(in.integer(w[7], "iz"))};
            } else {
                STZ_REQUIRE(have_atoms, in.where() << ": Velocities section must follow the Atoms section");
                STZ_REQUIRE(w.size() == 4, in.where() << ": Velocities line needs 'id vx vy vz', got '" << body << "'");
                const long long id = in.integer(w[0], "an atom id");
                const auto it = index_of_id.find(id);
                STZ_REQUIRE(it != index_of_id.end(), in.where() << ": velocity for unknown atom id " << id);
                atoms.v[it->second] = {in.number(w[1], "vx"), in.number(w[2], "vy"), in.number(w[3], "vz")};
            }
        }
        STZ_REQUIRE(rows == wanted, file.string() << ": section " << this_section << " ends after " << rows
                                                  << " lines; the header promises " << wanted);
        // find the next section header
        while (in.next(line)) {
            const std::string body = strip_comment(line);
            if (body.empty()) continue;
            STZ_REQUIRE(is_section(body), in.where() << ": expected a section name (Masses, Atoms, Velocities), got '"
                                                     << body << "' (more lines than the header's counts?)");
            section = body;
            break;
        }
    }
    STZ_REQUIRE(have_atoms || natoms == 0, file.string() << ": no Atoms section");
    for (std::size_t t = 0; t < mass_seen.size(); ++t)
        STZ_REQUIRE(mass_seen[t], file.string() << ": no mass for atom type " << t + 1 << " (Masses section)");
    atoms.validate(file.string());
    return atoms;
}

void write_lammps_data(const std::filesystem::path& file, const Atoms& atoms, const std::string& title) {
    AtomicFile out(file);
    auto& os = out.stream();
    char buf[256];
    os << title << "\n\n" << atoms.size() << " atoms\n" << atoms.species.size() << " atom types\n\n";
    const Box& b = atoms.box;
    auto line = [&](double lo, double hi, const char* tag) {
        std::snprintf(buf, sizeof buf, "%.17g %.17g %s\n", lo, hi, tag);
        os << buf;
    };
    line(b.lo.x, b.lo.x + b.lx, "xlo xhi");
    line(b.lo.y, b.lo.y + b.ly, "ylo yhi");
    line(b.lo.z, b.lo.z + b.lz, "zlo zhi");
    if (b.triclinic()) {
        std::snprintf(buf, sizeof buf, "%.17g %.17g %.17g xy xz yz\n", b.xy, b.xz, b.yz);
        os << buf;
    }
    os << "\nMasses\n\n";
    for (std::size_t t = 0; t < atoms.species.size(); ++t) {
        std::snprintf(buf, sizeof buf, "%zu %.17g", t + 1, atoms.species[t].mass_amu);
        os << buf;
        if (!atoms.species[t].element.empty()) os << " # " << atoms.species[t].element;
        os << "\n";
    }
    std::vector<std::size_t> order(atoms.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t p, std::size_t q) { return atoms.id[p] < atoms.id[q]; });
    os << "\nAtoms # atomic\n\n";
    for (std::size_t i : order) {
        const auto& x = atoms.x[i];
        const auto& n = atoms.image[i];
        std::snprintf(buf, sizeof buf, "%lld %d %.17g %.17g %.17g %d %d %d\n", static_cast<long long>(atoms.id[i]),
                      atoms.type[i] + 1, x.x, x.y, x.z, n[0], n[1], n[2]);
        os << buf;
    }
    os << "\nVelocities\n\n";
    for (std::size_t i : order) {
        const auto& v = atoms.v[i];
        std::snprintf(buf, sizeof buf, "%lld %.17g %.17g %.17g\n", static_cast<long long>(atoms.id[i]), v.x, v.y, v.z);
        os << buf;
    }
    out.commit();
}

void assign_elements(Atoms& atoms, const std::vector<std::string>& names, const std::vector<EamElement>& known,
                     const std::string& context) {
    if (!names.empty()) {
        STZ_REQUIRE(names.size() == atoms.species.size(),
                    context << ": " << names.size() << " element names given for " << atoms.species.size()
                            << " atom types; give one per type, in type order");
        for (std::size_t t = 0; t < names.size(); ++t) atoms.species[t].element = names[t];
    }
    for (std::size_t t = 0; t < atoms.species.size(); ++t) {
        auto& sp = atoms.species[t];
        if (!sp.element.empty()) continue;
        const EamElement* match = nullptr;
        for (const auto& e : known)
            if (std::fabs(e.mass_amu - sp.mass_amu) < 0.01) {
                STZ_REQUIRE(match == nullptr, context << ": atom type " << t + 1 << " (mass " << sp.mass_amu
                                                      << ") matches several elements by mass; name the elements");
                match = &e;
            }
        STZ_REQUIRE(match != nullptr, context << ": atom type " << t + 1 << " (mass " << sp.mass_amu
                                              << " g/mol) has no element name and no element of the potential has "
                                                 "that mass; name the elements of the types (e.g. --elements Cu,Zr)");
        sp.element = match->name;
    }
}

}  // namespace stz::atom
