#pragma once
// Small configurations for engine tests: the Table 1 physics on tiny grids.
#include "stz/config/config.hpp"

namespace stz::test {

inline Config small_config(int n = 16, int nz = 1, int modes = 6, std::uint64_t seed = 1) {
    Config c;
    c.source = "test";
    c.grid.nx = c.grid.ny = n;
    c.grid.nz = nz;
    c.material = {69.46, 0.365};
    c.catalog.modes = modes;
    c.loading.strain_step = 1e-4;
    c.loading.final_strain = 0.04;
    c.run.seed = seed;
    return c;
}

}  // namespace stz::test
