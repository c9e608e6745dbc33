#include "stz/io/csv.hpp"

#include <utility>

#include "src/io/io_detail.hpp"
#include "stz/core/error.hpp"

namespace stz {

CsvWriter::CsvWriter(std::filesystem::path path, std::vector<std::string> columns,
                     int significant_digits)
    : file_(std::move(path)), columns_(std::move(columns)), digits_(significant_digits) {
    const std::string where = "cannot write " + detail::quote(file_.target());
    STZ_REQUIRE(digits_ >= 1 && digits_ <= 17,
                where << ": significant digits must be in 1..17, got " << digits_);
    file_.stream() << detail::csv_header(columns_, where);
}

void CsvWriter::row(std::initializer_list<double> values) {
    row(std::span<const double>(values.begin(), values.size()));
}

void CsvWriter::row(std::span<const double> values) {
    STZ_REQUIRE(open_, "cannot add a row to " << detail::quote(file_.target())
                                              << ": the file was already closed");
    STZ_REQUIRE(values.size() == columns_.size(),
                "cannot add a row to " << detail::quote(file_.target()) << ": got " << values.size()
                                       << " values for " << columns_.size() << " columns");
    std::string line;
    detail::append_csv_row(line, values, digits_);
    file_.stream() << line;
    ++rows_;
}

void CsvWriter::close() {
    STZ_REQUIRE(open_, "cannot close " << detail::quote(file_.target()) << " twice");
    open_ = false;  // even if commit() throws: the temporary is gone by then
    file_.commit();
}

}  // namespace stz
