#include "stz/core/build_info.hpp"

#include "stz/core/error.hpp"
#include "stz/version.hpp"

#ifdef STZ_WITH_OPENMP
#include <omp.h>
#endif

namespace stz {

int thread_count() {
#ifdef STZ_WITH_OPENMP
    return omp_get_max_threads();
#else
    return 1;
#endif
}

void set_thread_count(int n) {
    STZ_REQUIRE(n >= 1, "thread count must be at least 1, got " << n);
#ifdef STZ_WITH_OPENMP
    omp_set_num_threads(n);
#endif
}

BuildInfo build_info() {
    BuildInfo b;
    b.version = kVersion;
#if defined(__clang__)
    b.compiler = "clang " __clang_version__;
#elif defined(__GNUC__)
    b.compiler = "gcc " __VERSION__;
#else
    b.compiler = "unknown";
#endif
#ifdef NDEBUG
    b.build_type = "release";
#else
    b.build_type = "debug";
#endif
#ifdef STZ_WITH_OPENMP
    b.openmp = true;
#endif
    b.max_threads = thread_count();
    return b;
}

}  // namespace stz
