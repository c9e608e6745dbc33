#pragma once
// Argument checks shared by the observables (private to observe/).
#include "stz/core/error.hpp"
#include "stz/core/grid.hpp"

namespace stz::detail {

/// Throws unless every grid dimension is at least 1; `who` names the caller in the message.
inline void require_valid_grid(const Grid& g, const char* who) {
    STZ_REQUIRE(g.nx >= 1 && g.ny >= 1 && g.nz >= 1,
                who << ": the grid must have at least one voxel along each axis, got " << g.nx
                    << " x " << g.ny << " x " << g.nz);
}

}  // namespace stz::detail
