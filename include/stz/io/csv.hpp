#pragma once
// Small CSV tables of numbers (time series, profiles), written crash-safely.
//
// Numbers are written with std::to_chars: locale-independent, and with a fixed
// number of significant digits, so the same run gives byte-identical files and a
// long time series stays compact.
#include <cstddef>
#include <filesystem>
#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "stz/io/atomic_file.hpp"

namespace stz {

class CsvWriter {
  public:
    /// Starts `path` (through AtomicFile) with a header line of `columns`. Column
    /// names must be non-empty and contain no comma, quote or line break.
    /// `significant_digits` (1..17) applies to every value; NaN is written as `nan`.
    CsvWriter(std::filesystem::path path, std::vector<std::string> columns,
              int significant_digits = 10);
    /// Without close(), the temporary file is discarded and `path` left untouched.
    ~CsvWriter() = default;

    CsvWriter(CsvWriter&&) noexcept = default;
    CsvWriter& operator=(CsvWriter&&) noexcept = default;
    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;

    /// Appends one row; the number of values must equal the number of columns.
    void row(std::initializer_list<double> values);
    void row(std::span<const double> values);

    /// Commits the file under its final name; no rows can be added afterwards.
    void close();

    [[nodiscard]] const std::vector<std::string>& columns() const { return columns_; }
    [[nodiscard]] std::size_t rows_written() const { return rows_; }
    [[nodiscard]] bool is_open() const { return open_; }

  private:
    AtomicFile file_;
    std::vector<std::string> columns_;
    int digits_;
    std::size_t rows_ = 0;
    bool open_ = true;
};

}  // namespace stz
