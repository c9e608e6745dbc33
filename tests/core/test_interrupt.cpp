// SIGINT/SIGTERM handling (stz/core/interrupt.hpp).
#include <doctest/doctest.h>

#include <csignal>

#include "stz/core/interrupt.hpp"

TEST_CASE("interrupt: a delivered SIGTERM or SIGINT is recorded, not fatal, while handled") {
    stz::clear_interrupt();
    {
        stz::InterruptHandler h;
        CHECK(stz::interrupt_signal() == 0);
        std::raise(SIGTERM);
        CHECK(stz::interrupt_signal() == SIGTERM);
        stz::clear_interrupt();
        {
            stz::InterruptHandler nested;  // nesting keeps the handler installed
        }
        std::raise(SIGINT);
        CHECK(stz::interrupt_signal() == SIGINT);
        stz::clear_interrupt();
    }
    stz::request_interrupt(SIGTERM);
    CHECK(stz::interrupt_signal() == SIGTERM);
    stz::clear_interrupt();
    CHECK(stz::signal_name(SIGINT) == "SIGINT");
    CHECK(stz::signal_name(SIGTERM) == "SIGTERM");
}

TEST_CASE("interrupt: Interrupted is an stz::Error that carries its signal") {
    try {
        throw stz::Interrupted(SIGINT, "stopped");
    } catch (const stz::Error& e) {
        const auto* i = dynamic_cast<const stz::Interrupted*>(&e);
        REQUIRE(i != nullptr);
        CHECK(i->signal() == SIGINT);
    }
}
