#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "stz/core/error.hpp"
#include "stz/io/vti.hpp"
#include "tests/io/scratch_dir.hpp"

using stz::test::read_bytes;
using stz::test::ScratchDir;

namespace {

const std::string kTrailer = "\n  </AppendedData>\n</VTKFile>\n";

// Byte position just after the '_' that starts the appended data.
std::size_t data_start(const std::string& file) {
    const auto tag = file.find("<AppendedData encoding=\"raw\">");
    REQUIRE(tag != std::string::npos);
    const auto underscore = file.find('_', tag);
    REQUIRE(underscore != std::string::npos);
    return underscore + 1;
}

}  // namespace

TEST_CASE("vti 2D: header, extent, spacing, arrays and exact file length") {
    ScratchDir dir;
    const stz::Grid grid{3, 2, 1};
    const std::vector<double> a{0, 1, 2, 3, 4, 5};
    const std::vector<double> b{-1, -2, -3, -4, -5, -6};
    stz::VtiWriter w(grid, 0.5);
    w.add_scalar("sigma_xy", a);
    w.add_scalar("T", b);
    w.write(dir / "f.vti");

    const std::string f = read_bytes(dir / "f.vti");
    const std::size_t start = data_start(f);
    const std::string header = f.substr(0, start);
    CAPTURE(header);
    CHECK(header.find("header_type=\"UInt64\"") != std::string::npos);
    CHECK(header.find("byte_order=\"LittleEndian\"") != std::string::npos);
    CHECK(header.find("<ImageData WholeExtent=\"0 3 0 2 0 1\" Origin=\"0 0 0\" "
                      "Spacing=\"0.5 0.5 0.5\">") != std::string::npos);
    CHECK(header.find("<Piece Extent=\"0 3 0 2 0 1\">") != std::string::npos);
    CHECK(header.find("<CellData") != std::string::npos);
    CHECK(header.find("Name=\"sigma_xy\" NumberOfComponents=\"1\" format=\"appended\" "
                      "offset=\"0\"") != std::string::npos);
    CHECK(header.find("Name=\"T\" NumberOfComponents=\"1\" format=\"appended\" "
                      "offset=\"56\"") != std::string::npos);
    CHECK(header.find("type=\"Float64\"") != std::string::npos);

    const std::size_t n = grid.size();
    CHECK(f.size() == start + 2 * (8 + 8 * n) + kTrailer.size());
    CHECK(f.substr(f.size() - kTrailer.size()) == kTrailer);

    // The second block: byte count, then the values of b in x-fastest order.
    std::uint64_t nbytes = 0;
    std::memcpy(&nbytes, f.data() + start + 8 + 8 * n, 8);
    CHECK(nbytes == 8 * n);
    std::vector<double> back(n);
    std::memcpy(back.data(), f.data() + start + 16 + 8 * n, 8 * n);
    CHECK(back == b);
}

TEST_CASE("vti 3D extent and exact spacing text") {
    ScratchDir dir;
    const stz::Grid grid{2, 3, 4};
    stz::VtiWriter w(grid, 0.1);
    w.add_scalar("phi", std::vector<double>(grid.size(), 1.0));
    w.write(dir / "g.vti");
    const std::string f = read_bytes(dir / "g.vti");
    CHECK(f.find("WholeExtent=\"0 2 0 3 0 4\"") != std::string::npos);
    CHECK(f.find("Spacing=\"0.1 0.1 0.1\"") != std::string::npos);
    CHECK(f.size() == data_start(f) + 8 + 8 * grid.size() + kTrailer.size());
}

TEST_CASE("vti writer rejects bad input with clear errors") {
    const stz::Grid grid{2, 2, 1};
    CHECK_THROWS_AS(stz::VtiWriter(grid, 0.0), stz::Error);
    CHECK_THROWS_AS(stz::VtiWriter(stz::Grid{0, 2, 1}, 1.0), stz::Error);
    stz::VtiWriter w(grid, 1.0);
    CHECK_THROWS_WITH_AS(w.add_scalar("a", std::vector<double>(3)),
                         doctest::Contains("has 3 values, the grid has 4"), stz::Error);
    w.add_scalar("a", std::vector<double>(4));
    CHECK_THROWS_WITH_AS(w.add_scalar("a", std::vector<double>(4)),
                         doctest::Contains("added twice"), stz::Error);
    CHECK_THROWS_AS(w.add_scalar("a<b", std::vector<double>(4)), stz::Error);
    CHECK_THROWS_AS(w.add_scalar("", std::vector<double>(4)), stz::Error);
    ScratchDir dir;
    CHECK_THROWS_WITH_AS(stz::VtiWriter(grid, 1.0).write(dir / "empty.vti"),
                         doctest::Contains("no arrays"), stz::Error);
}
