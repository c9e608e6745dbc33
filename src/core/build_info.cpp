#include "stz/core/build_info.hpp"

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
