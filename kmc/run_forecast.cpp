#include "stz/kmc/run_forecast.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "stz/core/error.hpp"

namespace stz {

RunForecast::RunForecast(const Limits& limits, double window_s)
    : limits_(limits), applied_(window_s), events_(window_s) {
    STZ_REQUIRE(limits.final_strain > 0,
                "RunForecast: final strain must be > 0, got " << limits.final_strain);
    STZ_REQUIRE(limits.final_plastic_strain >= 0 && limits.max_events >= 0,
                "RunForecast: limits must be >= 0 (0 = none)");
}

void RunForecast::add(double t_s, double applied_strain, double plastic_strain, std::int64_t events) {
    applied_.add(t_s, applied_strain / limits_.final_strain);
    events_.add(t_s, limits_.max_events > 0 ? double(events) / double(limits_.max_events) : 0.0);
    plastic_strain_ = plastic_strain;
}

double RunForecast::eta_s() const {
    const double inf = std::numeric_limits<double>::infinity();
    const auto known = [&](double s) { return std::isnan(s) ? inf : s; };
    double eta = known(applied_.eta_s());
    if (limits_.max_events > 0) eta = std::min(eta, known(events_.eta_s()));
    const double applied_pace = applied_.pace_per_s() * limits_.final_strain;  // strain per s
    if (limits_.final_plastic_strain > 0 && applied_pace > 0)
        eta = std::min(eta, std::max(0.0, limits_.final_plastic_strain - plastic_strain_) / applied_pace);
    return std::isinf(eta) ? NAN : eta;
}

}  // namespace stz
