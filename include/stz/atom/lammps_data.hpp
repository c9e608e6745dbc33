#pragma once
// LAMMPS data files (read_data / write_data, atom_style atomic) and dump files
// (dump custom, which OVITO reads). Data files: header counts, box bounds and tilts,
// then the Masses, Atoms and optional Velocities sections; an element name may follow a
// mass as a comment ("1 63.546 # Cu"), as LAMMPS and OVITO write it.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "stz/atom/atoms.hpp"

namespace stz::atom {

/// Reads a data file. Throws stz::Error naming file:line and what was expected.
Atoms read_lammps_data(const std::filesystem::path& file);
/// Writes a data file (17 significant digits, so it reads back bit for bit), atomically.
void write_lammps_data(const std::filesystem::path& file, const Atoms& atoms, const std::string& title);

/// Gives every species an element name: `names` (one per type, in type order) if not
/// empty; else the names already there (from mass comments); else the potential's element
/// whose mass matches within 0.01 g/mol. Throws naming the type it cannot resolve.
struct EamElement;
void assign_elements(Atoms& atoms, const std::vector<std::string>& names,
                     const std::vector<EamElement>& known, const std::string& context);

/// Columns a dump frame can carry beyond id, type, element and position.
struct DumpColumns {
    bool velocities = false;
    bool forces = false;
    bool image_flags = true;
    /// Extra per-atom columns (name, values in local atom order), e.g. {"c_pe", energies}.
    std::vector<std::pair<std::string, const std::vector<double>*>> extra;
};

/// Appends frames to a LAMMPS dump file (text, `dump custom` layout, sorted by id).
///
/// A trajectory is written as it goes (each frame flushed), not through a temporary: a
/// killed job leaves the frames written so far, the last one possibly cut short. A job that
/// checkpoints records bytes() with its state and reopens the file with `keep_bytes` on
/// resume, which cuts it back to the frames of the checkpoint, so the finished file is the
/// uninterrupted run's.
class DumpWriter {
public:
    /// Creates or truncates `file`.
    explicit DumpWriter(const std::filesystem::path& file, DumpColumns columns = {});
    /// Reopens `file` to append after its first `keep_bytes` bytes (the rest is cut off);
    /// throws if it is shorter.
    DumpWriter(const std::filesystem::path& file, DumpColumns columns, std::uint64_t keep_bytes);
    void write(const Atoms& atoms, std::int64_t timestep);
    /// Bytes written to the file so far (all flushed).
    [[nodiscard]] std::uint64_t bytes() const { return bytes_; }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
    DumpColumns columns_;
    std::ofstream out_;
    std::uint64_t bytes_ = 0;
};

}  // namespace stz::atom
