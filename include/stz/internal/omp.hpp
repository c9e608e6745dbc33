#pragma once
// OpenMP pragmas that vanish (without unknown-pragma warnings) when OpenMP is off.
#define STZ_INTERNAL_STR(x) #x
#ifdef STZ_WITH_OPENMP
#define STZ_OMP(args) _Pragma(STZ_INTERNAL_STR(omp args))
#else
#define STZ_OMP(args)
#endif
