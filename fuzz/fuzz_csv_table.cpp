// Fuzz target: the CSV table reader, stz::CsvTable (src/io/csv_table.cpp), as every
// calibration input uses it: parse, then every column as numbers under each rule and as text.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "stz/io/csv_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = stz::fuzz::text_of(data, size);
    stz::fuzz::expect_error_or_success("fuzz.csv", [&] {
        const auto t = stz::CsvTable::parse(text, "fuzz.csv", "fuzzed table");
        stz::fuzz::expect(t.rows() > 0 && !t.columns().empty(), "a table without rows or columns was accepted");
        for (const auto& column : t.columns()) {
            (void)t.texts(column);
            for (const auto& rule : {stz::CsvNumberRule::any(), stz::CsvNumberRule::positive(),
                                     stz::CsvNumberRule::non_negative()}) {
                try {
                    (void)t.numbers(column, rule);
                } catch (const stz::Error& e) {
                    const std::string msg = e.what();
                    stz::fuzz::expect(msg.rfind("fuzz.csv:", 0) == 0 && msg.find(": column ") != std::string::npos,
                                      "a cell error does not name file:line and the column: " + msg);
                }
            }
        }
        (void)t.optional_numbers("no such column", stz::CsvNumberRule::any());
    });
    return 0;
}
