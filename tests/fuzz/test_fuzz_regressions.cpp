// Regression tests for the reader findings of fuzzing and of the bad-input sweep
// (docs/reliability.md, "Findings so far"). Each feeds the input that once crashed, hung or
// escaped as another exception type to the reader, and checks that it now gives stz::Error
// whose message names the file, the line where there is one, and what was expected.
// Any other exception type fails the test (error_of lets it through).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>

#include "io/scratch_dir.hpp"
#include "stz/atom/art_campaign.hpp"
#include "stz/atom/eam_potential.hpp"
#include "stz/atom/lammps_data.hpp"
#include "stz/config/load_config.hpp"
#include "stz/core/error.hpp"
#include "stz/io/csv_table.hpp"
#include "stz/io/npy.hpp"

namespace {

using stz::test::ScratchDir;

/// The message of the stz::Error that `f` throws ("" if it returns).
std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const stz::Error& e) {
        return e.what();
    }
    return "";
}

std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// `text` with the first occurrence of `from` replaced by `to` (which must be there).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

const std::filesystem::path seed_dir = std::filesystem::path(STZ_SOURCE_DIR) / "fuzz" / "corpus";

}  // namespace

TEST_CASE("EAM header claiming 10^12 points per table: stz::Error, not a huge allocation") {
    // Was: std::vector of 10^12 doubles allocated before reading (bad_alloc; ASan abort).
    ScratchDir dir;
    const std::string seed = read_text(seed_dir / "fuzz_eam_potential" / "CuZr_small.eam.fs");
    const auto file = dir.write("huge.eam.fs", replaced(seed, "\n8 37.5 8 ", "\n1000000000000 37.5 8 "));
    const std::string msg = error_of([&] { (void)stz::atom::EamPotential::read(file); });
    CHECK(msg == file.string() + ":5: Nrho and Nr (points per table) must be 5..10000000, got 1000000000000 and 8");
}

TEST_CASE("EAM header with a count the data does not back: truncation error, little memory") {
    // Within the limit but far beyond the file: reading stops at the end of the file.
    ScratchDir dir;
    const std::string seed = read_text(seed_dir / "fuzz_eam_potential" / "Cu_small.eam.alloy");
    const auto file = dir.write("big.eam.alloy", replaced(seed, "\n8 37.5 8 ", "\n9999999 37.5 8 "));
    const std::string msg = error_of([&] { (void)stz::atom::EamPotential::read(file); });
    INFO(msg);
    CHECK(msg.find(file.string() + ": unexpected end of file after line") == 0);
    CHECK(msg.find("expected F(rho) of Cu (9999999 values)") != std::string::npos);
}

TEST_CASE("EAM reader given a directory says it is not a file") {
    ScratchDir dir;
    std::filesystem::create_directories(dir / "pot.eam.fs");
    CHECK(error_of([&] { (void)stz::atom::EamPotential::read(dir / "pot.eam.fs"); }) ==
          (dir / "pot.eam.fs").string() + ": not a regular file; expected an EAM potential file");
}

TEST_CASE("LAMMPS data file claiming 10^18 atoms: stz::Error, not std::length_error") {
    // Was: atoms.x.reserve(10^18) threw std::length_error ("vector::reserve").
    ScratchDir dir;
    const std::string seed = read_text(seed_dir / "fuzz_lammps_data" / "small_tri12.data");
    const auto file = dir.write("huge.data", replaced(seed, "\n12 atoms", "\n1000000000000000000 atoms"));
    CHECK(error_of([&] { (void)stz::atom::read_lammps_data(file); }) ==
          file.string() + ": section Atoms ends after 12 lines; the header promises 1000000000000000000");
}

TEST_CASE("LAMMPS data file claiming 10^11 atom types: stz::Error, not a huge allocation") {
    // Was: one species record per declared type allocated at once (bad_alloc; ASan abort).
    ScratchDir dir;
    const std::string seed = read_text(seed_dir / "fuzz_lammps_data" / "small_tri12.data");
    const auto file = dir.write("types.data", replaced(seed, "\n2 atom types", "\n100000000000 atom types"));
    CHECK(error_of([&] { (void)stz::atom::read_lammps_data(file); }) ==
          file.string() + ":4: expected a number of atom types in 1..100000, got 100000000000");
}

TEST_CASE("LAMMPS data file with a negative atom count names the line") {
    // Was: "header has no 'N atoms' line", although it had one.
    ScratchDir dir;
    const std::string seed = read_text(seed_dir / "fuzz_lammps_data" / "small_tri12.data");
    const auto file = dir.write("neg.data", replaced(seed, "\n12 atoms", "\n-5 atoms"));
    CHECK(error_of([&] { (void)stz::atom::read_lammps_data(file); }) ==
          file.string() + ":3: expected a number of atoms >= 0, got -5");
}

TEST_CASE("LAMMPS data reader given a directory says it is not a file") {
    ScratchDir dir;
    CHECK(error_of([&] { (void)stz::atom::read_lammps_data(dir.path()); }) ==
          dir.path().string() + ": not a regular file; expected a LAMMPS data file");
}

TEST_CASE("include: /dev/zero in a parameter file is an error, not an endless read") {
    // Was: the included "file" read until the memory ran out.
    if (!std::filesystem::exists("/dev/zero")) return;
    const std::string msg = error_of([] { (void)stz::parse_config("include: /dev/zero\n", "zero.yaml"); });
    CHECK(msg == "/dev/zero: cannot read included parameter file: larger than 16 MiB; expected a YAML text "
                 "file of a few kB");
}

TEST_CASE("CsvTable::read of /dev/zero is an error, not an endless read") {
    if (!std::filesystem::exists("/dev/zero")) return;
    CHECK(error_of([] { (void)stz::CsvTable::read("/dev/zero", "ART event file"); }) ==
          "/dev/zero: cannot read ART event file: larger than 256 MiB");
}

TEST_CASE("EAM file whose cutoff lies beyond its r tables: stz::Error at the header line") {
    // fuzz_eam_potential found it: cutoff 7.6e200 with Nr*dr = 7.6 made r/dr overflow the
    // int table index when the potential was evaluated (UBSan: float-cast-overflow).
    const auto file =
        std::filesystem::path(STZ_SOURCE_DIR) / "fuzz/regressions/fuzz_eam_potential/cutoff_beyond_table.eam";
    const std::string msg = error_of([&] {
        (void)stz::atom::EamPotential::read(file, stz::atom::EamPotential::Format::finnis_sinclair);
    });
    CHECK(msg == file.string() + ":5: the cutoff 7.6e+200 Å lies beyond the r tables (Nr*dr = 8 * 0.95 = 7.6 Å); "
                                 "expected cutoff <= Nr*dr");
}

TEST_CASE("EAM evaluation far beyond the tables stays on the last interval (no int overflow)") {
    // The table index is clamped before its conversion to int; in range nothing changes.
    const auto pot = stz::atom::EamPotential::read(seed_dir / "fuzz_eam_potential" / "CuZr_small.eam.fs");
    const double table_end_A = pot.nr() * pot.dr_A();
    CHECK(pot.density_at(0, 1, 1e300).value == pot.density_at(0, 1, table_end_A).value);
    CHECK(pot.embedding_energy(1, 1e300).slope == pot.embedding_energy(1, pot.rho_max() * 2).slope);
}

TEST_CASE("CSV column names and cells with control bytes are escaped in messages") {
    // fuzz_csv_table found it: a NUL in a column name cut the message short (what() is a C
    // string), so it no longer said what was expected.
    const char raw[] = "size,sam\0ple\n15,sheared\n1,x\n";
    const std::string text(raw, sizeof raw - 1);
    const auto t = stz::CsvTable::parse(text, "nul.csv", "STZ cluster file");
    CHECK(error_of([&] { (void)t.numbers(std::string("sam\0ple", 7), stz::CsvNumberRule::any()); }) ==
          "nul.csv:2: column sam\\x00ple: expected a number, got \"sheared\"");
    CHECK(error_of([&] { (void)t.texts("sample"); }) ==
          "nul.csv: missing column 'sample' in STZ cluster file (its columns: size, sam\\x00ple)");
}

TEST_CASE("A stray ',' after a top-level mapping is a syntax error, not an endless loop") {
    // fuzz_config found it: yaml-cpp 0.7's LoadAll reported empty documents at the ','
    // forever (a hang, then out of memory); load_document now counts at most three.
    const auto file = std::filesystem::path(STZ_SOURCE_DIR) / "fuzz/regressions/fuzz_config/stray_comma_loadall_hang.yaml";
    CHECK(error_of([&] { (void)stz::load_config(file); }) ==
          file.string() + ":4: YAML syntax error: cannot parse the text from column 1 on (a stray ',', ']' or '}'?)");
    // The smallest such text: an indented top-level mapping, then a ',' at column 1.
    CHECK(error_of([] { (void)stz::parse_config("  nx: 4\n,\n", "comma.yaml"); }) ==
          "comma.yaml:2: YAML syntax error: cannot parse the text from column 1 on (a stray ',', ']' or '}'?)");
}

namespace {
/// A .npy file (format 1.0) with the given header dict and `data_bytes` zero bytes of data.
std::filesystem::path npy_file(const ScratchDir& dir, const std::string& name, const std::string& dict,
                               std::size_t data_bytes) {
    std::string header = dict;
    while ((10 + header.size() + 1) % 64 != 0) header += ' ';
    header += '\n';
    std::string bytes = "\x93NUMPY";
    bytes += '\x01';
    bytes += '\x00';
    bytes += static_cast<char>(header.size() & 0xff);
    bytes += static_cast<char>(header.size() >> 8);
    bytes += header + std::string(data_bytes, '\0');
    return dir.write(name, bytes);
}
}  // namespace

TEST_CASE(".npy shape whose product overflows size_t is refused, not read as empty") {
    // Found reviewing read_npy_double after UBSan flagged its memcpy: 2^62 * 4 wrapped to 0
    // elements, which matched a file with no data; now the product is checked as it grows.
    ScratchDir dir;
    const auto file = npy_file(dir, "wrap.npy",
                               "{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }", 0);
    CHECK(error_of([&] { (void)stz::read_npy_double(file); }) ==
          "cannot read '" + file.string() + "' as .npy: shape (4611686018427387904, 4) needs more data than the 0 bytes "
                                           "the file has");
    const auto huge = npy_file(dir, "huge.npy",
                               "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999999,), }", 8);
    CHECK(error_of([&] { (void)stz::read_npy_double(huge); }).find(
              "a dimension of the shape (99999999999999999999999,) does not fit in 64 bits") != std::string::npos);
}

TEST_CASE("ART search table with integer cells out of their type's range: stz::Error at the cell") {
    // Found reviewing read_art_searches for its fuzz target (fuzz_art_searches): a centre of
    // -1 cast to size_t and 1e300 iterations cast to int were undefined behaviour (UBSan:
    // "outside the range of representable values"); each integer column now has its range.
    const auto dir = std::filesystem::path(STZ_SOURCE_DIR) / "fuzz/regressions/fuzz_art_searches";
    const auto neg = dir / "center_negative.csv";
    CHECK(error_of([&] { (void)stz::atom::read_art_searches(neg); }) ==
          neg.string() + ":2: column center: expected an integer in 0..9007199254740992, got -1");
    const auto big = dir / "iterations_1e300.csv";
    CHECK(error_of([&] { (void)stz::atom::read_art_searches(big); }) ==
          big.string() + ":2: column iterations: expected an integer in -2147483648..2147483647, got 1e300");
    // The fuzzer's own find (the old reader under fuzz_art_searches, ~90 s from the seeds):
    // 7.8e86 active atoms cast to size_t.
    const auto huge = dir / "active_atoms_huge.csv";
    CHECK(error_of([&] { (void)stz::atom::read_art_searches(huge); })
              .starts_with(huge.string() + ":2: column active_atoms: expected an integer in 0..9007199254740992, got "
                                           "7777777777"));
    // A fraction in an id column is refused too; the seed itself reads (the test can fail
    // either way: a reader refusing valid tables, or accepting the bad ones).
    ScratchDir scratch;
    const std::string seed = read_text(seed_dir / "fuzz_art_searches" / "searches_rank0.csv");
    const auto frac = scratch.write("frac.csv", replaced(seed, "\n0,442,443,", "\n0.5,442,443,"));
    CHECK(error_of([&] { (void)stz::atom::read_art_searches(frac); }) ==
          frac.string() + ":2: column search: expected an integer in -9007199254740992..9007199254740992, got 0.5");
    const auto rows = stz::atom::read_art_searches(seed_dir / "fuzz_art_searches" / "searches_rank0.csv");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].event.center == 442);
    CHECK(rows[0].duplicate_of == -1);
}
