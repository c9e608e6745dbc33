#pragma once
// The ETA of a kMC run's progress log: wall time left until the first of its limits (applied
// strain, plastic strain, events), each forecast from the recent pace (RecentPace) of this
// process.
//
// The plastic-strain limit is forecast from the applied strain's pace. Under strain control
// the stress stays bounded, so over many loading steps the plastic strain advances as fast as
// the applied strain; from one step to the next, though, it jumps and falls back (in a
// flowing band at 512^2 a step of 1e-5 takes one to five minutes), and its own pace over
// five minutes swung the old forecast from a third to seven times the truth. The applied
// strain only advances, at a pace set by the cost of the present steps, so a short window
// follows it: fast elastic loading, then slow flow, without averaging the two. Before yield
// it takes the fast elastic pace to go on (too low), and in a stress drop the plastic strain
// runs ahead of the applied strain (too high); docs/run-output.md has its figures on the
// logs of finished runs.
#include <cstdint>

#include "stz/core/recent_pace.hpp"

namespace stz {

class RunForecast {
public:
    struct Limits {
        double final_strain = 0;          ///< applied strain at which the run ends (> 0)
        double final_plastic_strain = 0;  ///< plastic strain at which it ends (0: no such limit)
        std::int64_t max_events = 0;      ///< events after which it ends (0: no such limit)
    };
    /// Paces over the last `window_s` seconds of wall time (> 0). The run adds a sample with
    /// each progress line, at the end of a loading step, and RecentPace keeps the one before
    /// the window: a pace spans at least one progress interval and one step.
    explicit RunForecast(const Limits& limits, double window_s = 30.0);

    /// Records the run's state at wall time `t_s` (non-decreasing).
    void add(double t_s, double applied_strain, double plastic_strain, std::int64_t events);

    /// Seconds left until the first limit is reached; NaN while no limit's pace is known.
    [[nodiscard]] double eta_s() const;

private:
    Limits limits_;
    RecentPace applied_, events_;  ///< fractions of final_strain and of max_events
    double plastic_strain_ = 0;    ///< the latest one recorded
};

}  // namespace stz
