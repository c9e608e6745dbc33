// Fuzz target: the ART search table reader (read_art_searches, atomistic/art_campaign.cpp),
// which `stzkmc atom art` uses to merge the searches-<rank>.csv files of its MPI ranks. The
// table must read or be refused with an stz::Error naming the file; a table that reads must
// survive write_art_searches and read back to the same records.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "stz/atom/art_campaign.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto file = stz::fuzz::scratch_file("searches.csv", {reinterpret_cast<const char*>(data), size});
    const std::string name = file.string();
    std::vector<stz::atom::ArtSearchRecord> records;
    bool ok = false;
    stz::fuzz::expect_error_or_success(name, [&] {
        records = stz::atom::read_art_searches(file);
        ok = true;
    });
    if (!ok) return 0;
    // Round trip: what the reader accepted, the writer writes and the reader takes back.
    const auto again = file.parent_path() / "again.csv";
    stz::atom::write_art_searches(again, records);
    const auto back = stz::atom::read_art_searches(again);
    stz::fuzz::expect(back.size() == records.size(), "round trip changed the number of rows");
    for (std::size_t i = 0; i < back.size(); ++i) {
        stz::fuzz::expect(back[i].search == records[i].search && back[i].event.center == records[i].event.center &&
                              back[i].event.moved_atoms == records[i].event.moved_atoms &&
                              back[i].duplicate_of == records[i].duplicate_of,
                          "round trip changed row " + std::to_string(i));
    }
    return 0;
}
