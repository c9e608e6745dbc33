#pragma once
// What this build of stzkmc is: version, compiler, threading. Written into every
// output folder so that a result names the code that produced it.
#include <string>

namespace stz {

struct BuildInfo {
    std::string version;   ///< project version, e.g. "0.1.0"
    std::string compiler;  ///< compiler id and version
    std::string build_type;
    bool openmp = false;   ///< built with OpenMP
    int max_threads = 1;   ///< threads OpenMP would use now (1 without OpenMP)
};

[[nodiscard]] BuildInfo build_info();

/// Number of threads the library's parallel loops use (OpenMP's current maximum, or 1).
[[nodiscard]] int thread_count();

/// Sets the number of threads for the library's parallel loops (n >= 1; ignored without
/// OpenMP). Results do not depend on it: only the speed does.
void set_thread_count(int n);

}  // namespace stz
