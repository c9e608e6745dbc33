// duration_text: the short wall-time texts of progress logs (ETA, elapsed).
#include <doctest/doctest.h>

#include <cmath>

#include "stz/core/duration_text.hpp"

using stz::duration_text;

TEST_CASE("duration_text: seconds, minutes and seconds, hours") {
    CHECK(duration_text(0) == "0s");
    CHECK(duration_text(0.4) == "0s");
    CHECK(duration_text(59.5) == "60s");
    CHECK(duration_text(119.4) == "119s");
    CHECK(duration_text(119.6) == "2m00s");  // rounds to 120 s: minutes from there
    CHECK(duration_text(125) == "2m05s");
    CHECK(duration_text(5399.6) == "90m00s");  // was "89m60s": seconds rounded apart
    CHECK(duration_text(7199.4) == "119m59s");
    CHECK(duration_text(7200) == "2.0h");
    CHECK(duration_text(9000) == "2.5h");
}

TEST_CASE("duration_text: unknown") {
    CHECK(duration_text(-1) == "?");
    CHECK(duration_text(NAN) == "?");
    CHECK(duration_text(INFINITY) == "?");
}
