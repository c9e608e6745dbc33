#pragma once
// A CSV table that grows on disk while a long job runs, so that the job's memory and its
// checkpoints stay the same size however many rows it records (a flowing shear band makes
// millions of avalanches).
//
// Rows go to `NAME.part` beside the target `NAME`. mark() writes out what is buffered,
// fsyncs, and returns the row count and byte length: the job records them in its
// checkpoint. A resumed job reopens the part file at that mark, cutting off the rows
// written after it (the job replays the same events and writes them again, identically).
// commit() renames the part file to the target, so that, as with AtomicFile, the target
// appears only whole. Numbers are formatted as by CsvWriter: byte-identical files.
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <span>
#include <string>
#include <vector>

namespace stz {

class CsvJournal {
  public:
    /// Where a journal stands: rows after the header, and the file's length in bytes.
    struct Mark {
        std::uint64_t rows = 0;
        std::uint64_t bytes = 0;
    };

    /// Starts `target`.part afresh with a header line of `columns` (an earlier part file is
    /// replaced). Column names and digits as for CsvWriter.
    CsvJournal(std::filesystem::path target, std::vector<std::string> columns,
               int significant_digits = 10);

    /// Continues `target`.part from `mark`, which a checkpoint recorded. The file must
    /// exist, start with the header of `columns` and hold at least mark.bytes bytes; it is
    /// cut to mark.bytes. Otherwise stz::Error names the file and what is wrong. If only
    /// `target` exists (the job was killed after commit() and before it dropped its
    /// checkpoint), it is renamed back to the part file first (reopened_target() says so),
    /// and a refusal gives it its name back.
    static CsvJournal resume(std::filesystem::path target, std::vector<std::string> columns,
                             Mark mark, int significant_digits = 10);

    /// Closes the file. A journal never marked is removed (no checkpoint refers to it);
    /// a marked one stays for a resumed job, whose checkpoint refers to it.
    ~CsvJournal();
    CsvJournal(CsvJournal&& other) noexcept;
    CsvJournal& operator=(CsvJournal&&) = delete;
    CsvJournal(const CsvJournal&) = delete;
    CsvJournal& operator=(const CsvJournal&) = delete;

    /// Appends one row (buffered); the number of values must equal the number of columns.
    void row(std::initializer_list<double> values);
    void row(std::span<const double> values);

    /// Writes the buffered rows to the file (no fsync): a reader of the part file sees them.
    void flush();

    /// Writes out the buffered rows and fsyncs; returns the rows and bytes so far.
    Mark mark();

    /// Writes out the rest, fsyncs and renames the part file over the target. No rows can
    /// be added afterwards.
    void commit();

    [[nodiscard]] std::uint64_t rows() const { return rows_; }
    /// True when resume() took up a committed target as the part file again.
    [[nodiscard]] bool reopened_target() const { return reopened_target_; }
    [[nodiscard]] const std::filesystem::path& target() const { return target_; }
    [[nodiscard]] std::filesystem::path part_path() const;

  private:
    CsvJournal(std::filesystem::path target, std::vector<std::string> columns, int digits,
               int fd, Mark at);
    void close_fd() noexcept;

    std::filesystem::path target_;
    std::vector<std::string> columns_;
    int digits_ = 10;
    int fd_ = -1;
    std::string buffer_;
    std::uint64_t rows_ = 0;
    std::uint64_t bytes_ = 0;  // written to the file (the buffer not included)
    bool marked_ = false;
    bool committed_ = false;
    bool reopened_target_ = false;
};

}  // namespace stz
