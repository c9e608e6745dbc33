#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "stz/core/error.hpp"
#include "stz/io/csv.hpp"
#include "stz/io/csv_journal.hpp"
#include "tests/io/scratch_dir.hpp"

namespace fs = std::filesystem;
using stz::CsvJournal;
using stz::test::read_bytes;
using stz::test::ScratchDir;

namespace {

const std::vector<std::string> kCols{"index", "x_GPa"};

/// Row k of the test tables: numbers whose text needs all 10 digits, and a NaN.
std::vector<double> row_of(int k) {
    return {double(k), k == 3 ? std::nan("") : 1.0 / (k + 3.0)};
}

/// A journal of rows 0..marked-1 marked (as a checkpoint would), then rows up to
/// written-1 added and written out, then dropped as by a killed job; returns the mark.
CsvJournal::Mark killed_after(const fs::path& target, int marked, int written) {
    CsvJournal j(target, kCols);
    for (int k = 0; k < marked; ++k) j.row(row_of(k));
    const CsvJournal::Mark m = j.mark();
    for (int k = marked; k < written; ++k) j.row(row_of(k));
    j.flush();  // on disk as well: a resumed job must cut them off
    return m;
}  // marked: the part file stays for the resumed job

}  // namespace

TEST_CASE("csv journal: the committed file equals CsvWriter's, byte for byte") {
    // 100,000 rows, far more than the 64 kB buffer: written out while rows are added.
    ScratchDir dir;
    stz::CsvWriter ref(dir / "ref.csv", kCols);
    CsvJournal j(dir / "j.csv", kCols);
    CsvJournal::Mark m;
    for (int k = 0; k < 100000; ++k) {
        ref.row(row_of(k));
        j.row(row_of(k));
        if (k == 1) {
            j.flush();  // the rows so far are in the part file, whole lines
            const std::string part = read_bytes(dir / "j.csv.part");
            CHECK(part.substr(0, 12) == "index,x_GPa\n");
            CHECK(std::count(part.begin(), part.end(), '\n') == 3);
        }
        if (k == 2) m = j.mark();
    }
    ref.close();
    CHECK(m.rows == 3);
    CHECK(fs::file_size(dir / "j.csv.part") > m.bytes);  // written out since, unmarked
    CHECK_FALSE(fs::exists(dir / "j.csv"));  // the target appears only on commit
    CHECK(j.rows() == 100000);
    j.commit();
    CHECK(read_bytes(dir / "j.csv") == read_bytes(dir / "ref.csv"));
    CHECK_FALSE(fs::exists(dir / "j.csv.part"));
    CHECK_THROWS_AS(j.row(row_of(6)), stz::Error);
}

TEST_CASE("csv journal: a resumed table drops the rows written after the mark") {
    // A job checkpoints after 3 rows, writes 4 more and is killed; resumed from the
    // checkpoint it writes rows 3.. again: the file must be the uninterrupted one.
    ScratchDir dir;
    const CsvJournal::Mark m = killed_after(dir / "a.csv", 3, 7);
    CHECK(m.rows == 3);
    CHECK(m.bytes > 0);
    REQUIRE(fs::exists(dir / "a.csv.part"));
    CHECK(fs::file_size(dir / "a.csv.part") > m.bytes);

    CsvJournal r = CsvJournal::resume(dir / "a.csv", kCols, m);
    CHECK(r.rows() == 3);
    CHECK(fs::file_size(dir / "a.csv.part") == m.bytes);
    for (int k = 3; k < 7; ++k) r.row(row_of(k));
    r.commit();

    CsvJournal whole(dir / "b.csv", kCols);
    for (int k = 0; k < 7; ++k) whole.row(row_of(k));
    whole.commit();
    CHECK(read_bytes(dir / "a.csv") == read_bytes(dir / "b.csv"));
}

TEST_CASE("csv journal: a job killed after commit() resumes from the committed table") {
    // Marked after 3 rows (the checkpoint), committed after 7, then killed before the job
    // removed its checkpoint: only the target is there, and it is taken up again.
    ScratchDir dir;
    CsvJournal::Mark m;
    {
        CsvJournal j(dir / "d.csv", kCols);
        for (int k = 0; k < 7; ++k) {
            j.row(row_of(k));
            if (k == 2) m = j.mark();
        }
        j.commit();
    }
    const std::string whole = read_bytes(dir / "d.csv");
    REQUIRE_FALSE(fs::exists(dir / "d.csv.part"));

    CsvJournal r = CsvJournal::resume(dir / "d.csv", kCols, m);
    CHECK(r.reopened_target());
    CHECK(r.rows() == 3);
    CHECK_FALSE(fs::exists(dir / "d.csv"));  // until the resumed job commits again
    CHECK(fs::file_size(dir / "d.csv.part") == m.bytes);
    for (int k = 3; k < 7; ++k) r.row(row_of(k));
    r.commit();
    CHECK(read_bytes(dir / "d.csv") == whole);

    // A committed table that is not the checkpoint's keeps its name when refused.
    {
        CsvJournal other(dir / "f.csv", {"index", "y_GPa"});
        other.row(row_of(0));
        other.commit();
    }
    const std::string other_bytes = read_bytes(dir / "f.csv");
    CHECK_THROWS_WITH_AS(CsvJournal::resume(dir / "f.csv", kCols, CsvJournal::Mark{1, 12}),
                         doctest::Contains("does not start with the header"), stz::Error);
    CHECK(read_bytes(dir / "f.csv") == other_bytes);
    CHECK_FALSE(fs::exists(dir / "f.csv.part"));

    // An ordinary resume does not say so.
    const CsvJournal::Mark m2 = killed_after(dir / "e.csv", 2, 4);
    CHECK_FALSE(CsvJournal::resume(dir / "e.csv", kCols, m2).reopened_target());
}

TEST_CASE("csv journal: a table never marked is removed with its journal") {
    ScratchDir dir;
    {
        CsvJournal j(dir / "gone.csv", kCols);
        j.row(row_of(0));
    }
    CHECK(dir.entries().empty());
}

TEST_CASE("csv journal: a fresh table replaces an earlier part file") {
    ScratchDir dir;
    dir.write("t.csv.part", "stale,rows\n1,2\n3,4\n");
    CsvJournal j(dir / "t.csv", kCols);
    j.row(row_of(0));
    j.commit();
    CHECK(read_bytes(dir / "t.csv") == "index,x_GPa\n0,0.3333333333\n");
}

TEST_CASE("csv journal: resuming refuses a part file that is not the checkpoint's") {
    ScratchDir dir;
    const CsvJournal::Mark m = killed_after(dir / "c.csv", 4, 4);
    const std::string good = read_bytes(dir / "c.csv.part");

    SUBCASE("missing") {
        fs::remove(dir / "c.csv.part");
        CHECK_THROWS_WITH_AS(CsvJournal::resume(dir / "c.csv", kCols, m),
                             doctest::Contains("c.csv.part' from the checkpoint's 4 rows: cannot "
                                               "open it"),
                             stz::Error);
    }
    SUBCASE("shorter than the mark") {
        dir.write("c.csv.part", good.substr(0, good.size() - 3));
        CHECK_THROWS_WITH_AS(CsvJournal::resume(dir / "c.csv", kCols, m),
                             doctest::Contains("not the table of this checkpoint"), stz::Error);
    }
    SUBCASE("another header") {
        dir.write("c.csv.part", "index,y_GPa" + good.substr(11));
        CHECK_THROWS_WITH_AS(CsvJournal::resume(dir / "c.csv", kCols, m),
                             doctest::Contains("does not start with the header 'index,x_GPa'"),
                             stz::Error);
    }
    SUBCASE("the mark inside a line") {
        CsvJournal::Mark off = m;
        off.bytes -= 2;
        CHECK_THROWS_WITH_AS(CsvJournal::resume(dir / "c.csv", kCols, off),
                             doctest::Contains("is not the end of a line"), stz::Error);
        CHECK(read_bytes(dir / "c.csv.part") == good);  // refused before anything is cut
    }
}
