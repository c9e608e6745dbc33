#pragma once
// Shared helpers of the atomistic tests: where the reference potential and golden files
// are, and reading the small `key value` reference files LAMMPS wrote.
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "stz/atom/atoms.hpp"
#include "stz/core/error.hpp"

namespace stz::test {

/// Mendelev's Cu-Zr potential as Debian's lammps-data installs it.
inline std::filesystem::path cuzr_potential() { return "/usr/share/lammps/potentials/CuZr_mm.eam.fs"; }
inline bool have_cuzr_potential() { return std::filesystem::exists(cuzr_potential()); }
inline std::filesystem::path atomistic_data(const std::string& name) {
    return std::filesystem::path(STZ_TEST_DATA_DIR) / "atomistic" / name;
}

/// `key value` lines ('#' starts a comment).
inline std::map<std::string, double> read_reference(const std::filesystem::path& file) {
    std::ifstream in(file);
    STZ_REQUIRE(in, file.string() << ": cannot open reference file");
    std::map<std::string, double> out;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream w(line);
        std::string key;
        double value = 0;
        if (w >> key >> value) out[key] = value;
    }
    return out;
}

/// Per-atom rows of a LAMMPS dump (after "ITEM: ATOMS"), keyed by atom id; columns by name.
struct DumpTable {
    std::vector<std::string> columns;
    std::map<long long, std::vector<double>> rows;
    [[nodiscard]] std::size_t column(const std::string& name) const {
        for (std::size_t c = 0; c < columns.size(); ++c)
            if (columns[c] == name) return c;
        throw Error("dump has no column " + name);
    }
};
inline DumpTable read_dump(const std::filesystem::path& file) {
    std::ifstream in(file);
    STZ_REQUIRE(in, file.string() << ": cannot open dump file");
    DumpTable t;
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("ITEM: ATOMS", 0) == 0) break;
    std::istringstream h(line.substr(11));
    for (std::string c; h >> c;) t.columns.push_back(c);
    while (std::getline(in, line)) {
        std::istringstream w(line);
        std::vector<double> row;
        for (double v; w >> v;) row.push_back(v);
        if (!row.empty()) t.rows[static_cast<long long>(row[0])] = row;
    }
    return t;
}

/// The message of the stz::Error that f throws, or "(no error)".
inline std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace stz::test
