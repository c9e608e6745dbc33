#pragma once
// Text of the kMC numerical guards' errors (docs/reliability.md, "Numerical guards"): where
// the run is and which voxel, so that a NaN or an overflow is reported with the voxel and
// the step instead of turning into a silently wrong curve.
#include <spdlog/fmt/fmt.h>

#include <cstddef>
#include <string>

#include "stz/core/grid.hpp"
#include "stz/core/sym_tensor.hpp"
#include "stz/kmc/simulation.hpp"

namespace stz::detail {

/// "at applied strain 0.0123, t = 45.6 s, after 789 events, in loading interval 13". The
/// strain is the prescribed one: the loading strain recomputed from the mean fields is
/// meaningless once they hold overflowing values.
inline std::string run_point(double applied_strain, double t_s, const EventCounts& c) {
    return fmt::format("at applied strain {:.6g}, t = {:.6g} s, after {} events, in loading interval {}",
                       applied_strain, t_s, c.thermal + c.athermal, c.steps + 1);
}

/// "voxel 37 (x 13, y 1, z 0; stress xx ... GPa)".
inline std::string voxel_text(const Grid& g, std::size_t i, const SymTensor& s) {
    const auto nx = static_cast<std::size_t>(g.nx), ny = static_cast<std::size_t>(g.ny);
    return fmt::format("voxel {} (x {}, y {}, z {}; stress xx {:.6g} yy {:.6g} zz {:.6g} yz {:.6g} "
                       "xz {:.6g} xy {:.6g} GPa)",
                       i, i % nx, (i / nx) % ny, i / (nx * ny), s.xx, s.yy, s.zz, s.yz, s.xz, s.xy);
}

}  // namespace stz::detail
