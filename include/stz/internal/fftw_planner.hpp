#pragma once
// The one lock around FFTW's planner, which is not thread-safe (plans are made once per
// solver; executing them on other buffers is thread-safe). A process-wide mutex rather than
// an OpenMP critical: solvers are also built on threads that OpenMP does not know
// (concurrent runs of `stzkmc sweep`). Internal to the library: it includes no FFTW header.
#include <mutex>

namespace stz::detail {

std::mutex& fftw_planner_mutex();

}  // namespace stz::detail
