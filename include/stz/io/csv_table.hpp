#pragma once
// Reading small CSV tables with a header row (calibration inputs, docs/calibration.md).
//
// The format: the first non-comment line names the columns; every further line is one
// row with exactly as many fields. Lines starting with '#' and blank lines are skipped,
// so a file can carry its own provenance. Fields may be double-quoted (RFC 4180: a
// quote inside is doubled), so sample names may hold commas. CRLF line ends are fine.
//
// Every error names the file, the 1-based line and the column, and says what was
// expected and what was found:
//   data/art.csv:17: column barrier_eV: expected a positive number, got "n/a"
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace stz {

/// What a numeric column accepts: `ok(value)` for every cell, and the words for
/// "expected ..." (e.g. "a positive number"). Non-finite values (nan, inf) are always
/// rejected, whatever `ok` says.
struct CsvNumberRule {
    std::function<bool(double)> ok;
    std::string expected;

    static CsvNumberRule any();
    static CsvNumberRule positive();
    static CsvNumberRule non_negative();
};

class CsvTable {
  public:
    /// Reads `file`; `what` names it in errors ("ART event file"). Throws stz::Error
    /// for an unreadable file, a missing header, duplicate or empty column names, a row
    /// with the wrong number of fields, an unterminated quote, or no data rows.
    static CsvTable read(const std::filesystem::path& file, const std::string& what);
    /// The same from text; `name` stands for the file in messages.
    static CsvTable parse(const std::string& text, const std::string& name,
                          const std::string& what);

    [[nodiscard]] const std::string& name() const { return name_; }
    [[nodiscard]] std::size_t rows() const { return cells_.size(); }
    [[nodiscard]] const std::vector<std::string>& columns() const { return columns_; }
    [[nodiscard]] bool has_column(const std::string& column) const;
    /// 1-based line of data row `row` in the file.
    [[nodiscard]] int line_of(std::size_t row) const { return lines_.at(row); }

    /// The cells of `column` as numbers; an absent column, an empty cell, text that is
    /// not a number, nan/inf or a value `rule` rejects is an error naming line and column.
    [[nodiscard]] std::vector<double> numbers(const std::string& column,
                                              const CsvNumberRule& rule) const;
    /// numbers() if the column exists, nothing otherwise.
    [[nodiscard]] std::optional<std::vector<double>> optional_numbers(
        const std::string& column, const CsvNumberRule& rule) const;
    /// The cells of `column` as text (an absent column is an error).
    [[nodiscard]] std::vector<std::string> texts(const std::string& column) const;

    /// Throws "name:line: column C: message" about data row `row`.
    [[noreturn]] void fail(std::size_t row, const std::string& column,
                           const std::string& message) const;
    /// Throws "name: message" about the file as a whole.
    [[noreturn]] void fail_file(const std::string& message) const;

  private:
    [[nodiscard]] std::size_t index_of(const std::string& column) const;

    std::string name_;
    std::string what_;
    std::vector<std::string> columns_;
    std::vector<std::vector<std::string>> cells_;
    std::vector<int> lines_;
};

}  // namespace stz
