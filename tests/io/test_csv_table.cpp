// CsvTable: the reader of calibration inputs (header row, comments, quotes, exact errors).
#include "stz/io/csv_table.hpp"

#include <doctest/doctest.h>

#include "stz/core/error.hpp"

using namespace stz;

TEST_CASE("CsvTable reads columns by name, skipping comments and blank lines") {
    const CsvTable t = CsvTable::parse(
        "# made by hand\n\nb,a,label\r\n1.5,2,\"x, y\"\n# between rows\n+3e-1,  4 ,\"say \"\"hi\"\"\"\n",
        "t.csv", "test file");
    CHECK(t.rows() == 2);
    CHECK(t.columns() == std::vector<std::string>{"b", "a", "label"});
    CHECK(t.line_of(0) == 4);
    CHECK(t.line_of(1) == 6);
    CHECK(t.numbers("b", CsvNumberRule::positive()) == std::vector<double>{1.5, 0.3});
    CHECK(t.numbers("a", CsvNumberRule::any()) == std::vector<double>{2, 4});
    CHECK(t.texts("label") == std::vector<std::string>{"x, y", "say \"hi\""});
    CHECK_FALSE(t.optional_numbers("c", CsvNumberRule::any()));
    CHECK(t.has_column("a"));
}

TEST_CASE("CsvTable errors name the file, the line and the column") {
    auto err = [](const std::string& text, const std::string& column, const std::string& msg) {
        CHECK_THROWS_WITH_AS(
            {
                const CsvTable t = CsvTable::parse(text, "d/x.csv", "test file");
                (void)t.numbers(column, CsvNumberRule::positive());
            },
            doctest::Contains(msg.c_str()), Error);
    };
    err("", "a", "d/x.csv: empty test file; expected a header row");
    err("# only a comment\n", "a", "d/x.csv: empty test file");
    err("a,b\n", "a", "d/x.csv: test file has a header but no data rows");
    err("a,a\n1,2\n", "a", "d/x.csv:1: column 'a' appears twice");
    err("a,,b\n1,2,3\n", "a", "d/x.csv:1: column 2 of the header of test file has no name");
    err("a,b\n1\n", "a", "d/x.csv:2: expected 2 fields as in the header, got 1");
    err("a,b\n\"1,2\n", "a", "d/x.csv:2: unterminated quote");
    err("a,b\n1,2\n3,4\n", "c", "d/x.csv: missing column 'c' in test file (its columns: a, b)");
    err("a,b\n1,2\n,4\n", "a", "d/x.csv:3: column a: expected a positive number, got an empty cell");
    err("a,b\n1,2\ninf,4\n", "a", "d/x.csv:3: column a: expected a finite number, got \"inf\"");
    err("a,b\n1,2\n1e999,4\n", "a", "d/x.csv:3: column a: expected a finite number, got \"1e999\"");
    err("a,b\n1,2\n0,4\n", "a", "d/x.csv:3: column a: expected a positive number, got 0");
    err("a,b\n1,2\n1.5.2,4\n", "a", "d/x.csv:3: column a: expected a positive number, got \"1.5.2\"");
    CHECK_THROWS_WITH_AS((void)CsvTable::read("/nonexistent/x.csv", "ART event file"),
                         doctest::Contains("/nonexistent/x.csv: cannot read ART event file: no such file"),
                         Error);
}
