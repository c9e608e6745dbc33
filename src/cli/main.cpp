// stzkmc command-line program (placeholder while the subcommands are written).
#include <cstdio>
#include "stz/version.hpp"
int main() { std::printf("stzkmc %s\n", stz::kVersion); return 0; }
