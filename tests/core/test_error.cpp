#include <doctest/doctest.h>

#include <string>

#include "stz/core/error.hpp"

TEST_CASE("STZ_REQUIRE throws stz::Error carrying the streamed message") {
    auto f = [](int n) { STZ_REQUIRE(n > 0, "n must be positive, got " << n); };
    CHECK_NOTHROW(f(1));
    try {
        f(-3);
        FAIL("expected stz::Error");
    } catch (const stz::Error& e) {
        CHECK(std::string(e.what()) == "n must be positive, got -3");
    }
}
