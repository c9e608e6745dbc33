#include "stz/io/csv.hpp"

#include <cmath>
#include <utility>

#include "src/io/io_detail.hpp"
#include "stz/core/error.hpp"

namespace stz {

CsvWriter::CsvWriter(std::filesystem::path path, std::vector<std::string> columns,
                     int significant_digits)
    : file_(std::move(path)), columns_(std::move(columns)), digits_(significant_digits) {
    const std::string where = "cannot write " + detail::quote(file_.target());
    STZ_REQUIRE(!columns_.empty(), where << ": a CSV file needs at least one column");
    STZ_REQUIRE(digits_ >= 1 && digits_ <= 17,
                where << ": significant digits must be in 1..17, got " << digits_);
    std::ostream& os = file_.stream();
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        const std::string& c = columns_[i];
        // No quoting: names that would need it are almost always a mistake.
        STZ_REQUIRE(!c.empty() && c.find_first_of(",\"\n\r") == std::string::npos,
                    where << ": column name '" << c
                          << "' is empty or contains a comma, quote or line break");
        os << (i > 0 ? "," : "") << c;
    }
    os << '\n';
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
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) line += ',';
        // to_chars writes "-nan" for a NaN with the sign bit set; one spelling is
        // easier on readers and diffs.
        line +=
            std::isnan(values[i]) ? std::string("nan") : detail::format_double(values[i], digits_);
    }
    line += '\n';
    file_.stream() << line;
    ++rows_;
}

void CsvWriter::close() {
    STZ_REQUIRE(open_, "cannot close " << detail::quote(file_.target()) << " twice");
    open_ = false;  // even if commit() throws: the temporary is gone by then
    file_.commit();
}

}  // namespace stz
