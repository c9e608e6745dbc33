// Fuzz target: the YAML parameter loader, stz::parse_config (src/config/).
// Any text must give a Config or an stz::Error naming the source; a Config that loads must
// also survive the round trip through to_yaml (the resolved params.yaml of a run folder).
// Lines "#--set key=value" (YAML comments, so the text is unchanged) become --set
// overrides, so the override parser is fuzzed too.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "stz/config/load_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = stz::fuzz::text_of(data, size);
    std::vector<std::string> overrides;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        if (line.rfind("#--set ", 0) == 0) overrides.push_back(line.substr(7));
    stz::fuzz::expect_error_or_success("fuzz.yaml", [&] {
        const stz::Config cfg = stz::parse_config(text, "fuzz.yaml", overrides);
        const std::string again = stz::to_yaml(cfg);
        try {
            (void)stz::parse_config(again, "fuzz.yaml (to_yaml)");
        } catch (const stz::Error& e) {
            stz::fuzz::expect(false, std::string("to_yaml output of an accepted file does not load: ") +
                                         e.what() + "\n--- to_yaml:\n" + again);
        }
    });
    return 0;
}
