#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "stz/core/error.hpp"
#include "stz/io/csv.hpp"
#include "tests/io/scratch_dir.hpp"

namespace fs = std::filesystem;
using stz::test::read_bytes;
using stz::test::ScratchDir;

TEST_CASE("csv: header, 10 significant digits, nan, committed on close") {
    ScratchDir dir;
    stz::CsvWriter csv(dir / "t.csv", {"t_s", "stress_GPa", "note"});
    csv.row({0.0, 1.0 / 3.0, 2.0});
    const std::vector<double> r{1e-20, -123456789012.0, std::nan("")};
    csv.row(r);
    csv.row({-std::nan(""), 1e300, 0.1});
    CHECK(csv.rows_written() == 3);
    CHECK_FALSE(fs::exists(dir / "t.csv"));  // not visible before close()
    csv.close();
    CHECK(read_bytes(dir / "t.csv") ==
          "t_s,stress_GPa,note\n"
          "0,0.3333333333,2\n"
          "1e-20,-1.23456789e+11,nan\n"
          "nan,1e+300,0.1\n");
    CHECK(dir.entries() == std::vector<std::string>{"t.csv"});
    CHECK_THROWS_AS(csv.row({1.0, 2.0, 3.0}), stz::Error);
}

TEST_CASE("csv: the number of significant digits is configurable") {
    ScratchDir dir;
    stz::CsvWriter csv(dir / "d.csv", {"x"}, 3);
    csv.row({2.0 / 3.0});
    csv.close();
    CHECK(read_bytes(dir / "d.csv") == "x\n0.667\n");
}

TEST_CASE("csv: a row with the wrong number of values throws") {
    ScratchDir dir;
    stz::CsvWriter csv(dir / "m.csv", {"a", "b"});
    CHECK_THROWS_WITH_AS(csv.row({1.0}), doctest::Contains("got 1 values for 2 columns"),
                         stz::Error);
    CHECK_THROWS_AS(csv.row({1.0, 2.0, 3.0}), stz::Error);
    CHECK_THROWS_WITH_AS(stz::CsvWriter(dir / "n.csv", {"a,b"}), doctest::Contains("'a,b'"),
                         stz::Error);
    CHECK(dir.entries().size() == 1);  // only m.csv's temporary: n.csv's was removed
}

TEST_CASE("csv: destroyed without close, the target is left untouched") {
    ScratchDir dir;
    {
        stz::CsvWriter csv(dir / "gone.csv", {"a"});
        csv.row({1.0});
    }
    CHECK(dir.entries().empty());
}
