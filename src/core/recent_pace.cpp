#include "stz/core/recent_pace.hpp"

#include <algorithm>
#include <cmath>

#include "stz/core/error.hpp"

namespace stz {

RecentPace::RecentPace(double window_s) : window_s_(window_s) {
    STZ_REQUIRE(window_s > 0, "RecentPace: window must be > 0 s, got " << window_s);
}

void RecentPace::add(double t_s, double fraction) {
    STZ_REQUIRE(samples_.empty() || t_s >= samples_.back().t_s,
                "RecentPace: time went back from " << samples_.back().t_s << " to " << t_s << " s");
    samples_.push_back({t_s, fraction});
    // Keep one sample at or before the start of the window, so that the pace always spans
    // at least the window once the job has run that long.
    while (samples_.size() > 2 && t_s - samples_[1].t_s >= window_s_) samples_.pop_front();
}

double RecentPace::pace_per_s() const {
    if (samples_.size() < 2) return NAN;
    const Sample& a = samples_.front();
    const Sample& b = samples_.back();
    if (!(b.t_s > a.t_s)) return NAN;
    return (b.fraction - a.fraction) / (b.t_s - a.t_s);
}

double RecentPace::eta_s() const {
    const double pace = pace_per_s();
    if (!(pace > 0)) return NAN;
    return std::max(0.0, 1.0 - samples_.back().fraction) / pace;
}

}  // namespace stz
