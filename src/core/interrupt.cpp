#include "stz/core/interrupt.hpp"

#include <atomic>
#include <csignal>
#include <cstring>

namespace stz {

namespace {

// sig_atomic_t-sized lock-free atomics are async-signal-safe to store to.
std::atomic<int> g_signal{0};
std::atomic<int> g_depth{0};
struct sigaction g_old_int, g_old_term;

extern "C" void record_signal(int sig) {
    int expected = 0;
    if (g_signal.compare_exchange_strong(expected, sig)) return;
    // Second signal: the job did not stop in time; give the user the default action.
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

}  // namespace

InterruptHandler::InterruptHandler() {
    static_assert(std::atomic<int>::is_always_lock_free);
    if (g_depth.fetch_add(1) > 0) return;
    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_handler = record_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;  // reads and writes in progress are not cut short
    sigaction(SIGINT, &sa, &g_old_int);
    sigaction(SIGTERM, &sa, &g_old_term);
}

InterruptHandler::~InterruptHandler() {
    if (g_depth.fetch_sub(1) > 1) return;
    sigaction(SIGINT, &g_old_int, nullptr);
    sigaction(SIGTERM, &g_old_term, nullptr);
}

int interrupt_signal() { return g_signal.load(std::memory_order_relaxed); }

void request_interrupt(int signal) { g_signal.store(signal); }

void clear_interrupt() { g_signal.store(0); }

std::string signal_name(int signal) {
    if (signal == SIGINT) return "SIGINT";
    if (signal == SIGTERM) return "SIGTERM";
    return "signal " + std::to_string(signal);
}

}  // namespace stz
