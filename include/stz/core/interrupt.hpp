#pragma once
// Clean stops on SIGINT and SIGTERM (Ctrl-C, `kill`, a batch system's time limit).
//
// A long job (a kMC run, a quench, an ART campaign) installs an InterruptHandler for its
// lifetime and polls interrupt_signal() at points where its state is consistent: when a
// signal has arrived it writes its checkpoint and throws stz::Interrupted, which the
// command-line program reports and turns into exit status 128 + signal. The handler only
// records the signal (async-signal-safe); a second signal while the first is being
// handled restores the default action and re-raises, so a job that does not poll (or
// hangs) can still be stopped by pressing Ctrl-C twice.
#include <string>

#include "stz/core/error.hpp"

namespace stz {

/// A job stopped on request after saving its state: not a failure of its input. The
/// message says where the checkpoint is and how to continue.
class Interrupted : public Error {
public:
    Interrupted(int signal, const std::string& what) : Error(what), signal_(signal) {}
    /// The signal that stopped the job (SIGINT, SIGTERM).
    [[nodiscard]] int signal() const { return signal_; }

private:
    int signal_;
};

/// Installs the SIGINT/SIGTERM handlers while it lives and restores the previous ones on
/// destruction. Nesting is allowed (only the outermost installs).
class InterruptHandler {
public:
    InterruptHandler();
    ~InterruptHandler();
    InterruptHandler(const InterruptHandler&) = delete;
    InterruptHandler& operator=(const InterruptHandler&) = delete;
};

/// The signal received since the last clear_interrupt(), 0 if none.
[[nodiscard]] int interrupt_signal();
/// Records `signal` as if it had been delivered (tests; callbacks that stop a job).
void request_interrupt(int signal);
/// Forgets a recorded signal.
void clear_interrupt();
/// "SIGINT", "SIGTERM" or "signal N".
[[nodiscard]] std::string signal_name(int signal);

}  // namespace stz
