#pragma once
// FFTW helpers shared by the library's FFT users (fft_solver.cpp, matrix_convolution.cpp).
// Private to the library: FFTW is a private dependency, so no installed header includes it.
#include <fftw3.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <mutex>

#include "stz/core/error.hpp"

namespace stz::detail {

/// The one lock around FFTW's planner, which is not thread-safe (plans are made once per
/// solver; executing them on other buffers of the same alignment is thread-safe). A
/// process-wide mutex rather than an OpenMP critical: solvers are also built on threads
/// that OpenMP does not know (concurrent runs of `stzkmc sweep`).
std::mutex& fftw_planner_mutex();

struct FftwFree {
    void operator()(void* p) const { fftw_free(p); }
};
template <class T>
using FftwBuffer = std::unique_ptr<T[], FftwFree>;

/// An FFTW-aligned buffer of n elements (at least one).
template <class T>
FftwBuffer<T> fftw_buffer(std::size_t n) {
    T* p = static_cast<T*>(fftw_malloc(sizeof(T) * std::max<std::size_t>(n, 1)));
    STZ_REQUIRE(p != nullptr, "out of memory allocating an FFT buffer of " << n << " elements");
    return FftwBuffer<T>(p);
}

}  // namespace stz::detail
