#pragma once
// Time to finish a long job from its recent pace rather than its average one.
//
// A kMC run's progress is not linear in wall time: a glass reaches yield quickly in plastic
// strain and then may flow in a band where each 0.01 % of plastic strain costs far more
// events (at 512^2, Q = 1.8 eV, the last 15 % of a run took most of its time). The average
// pace since the start then promises minutes where hours remain; the pace over the last few
// minutes is the better forecast.
#include <deque>

namespace stz {

class RecentPace {
public:
    /// Forecast from the progress over the last `window_s` seconds of wall time (> 0).
    explicit RecentPace(double window_s);

    /// Records that at wall time `t_s` (non-decreasing) the job was `fraction` done (0..1).
    void add(double t_s, double fraction);

    /// Seconds left at the pace between the oldest sample still in the window (or the one
    /// just before it) and the newest; NaN until the fraction has grown.
    [[nodiscard]] double eta_s() const;

    /// That pace, in fraction per second; NaN until two samples span some time, and <= 0
    /// when the fraction has not grown over the window.
    [[nodiscard]] double pace_per_s() const;

private:
    struct Sample {
        double t_s, fraction;
    };
    double window_s_;
    std::deque<Sample> samples_;
};

}  // namespace stz
