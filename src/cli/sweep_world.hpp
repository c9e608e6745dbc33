#pragma once
// The processes of `stzkmc sweep`: this process alone, or the MPI ranks when the program
// was built with MPI (STZ_WITH_MPI) and started by an MPI launcher (mpirun, srun).
#include <memory>

#include "stz/sweep/sweep_runner.hpp"

namespace stz::cli {

/// The world for this process. MPI is initialised only under a launcher (its environment
/// variables are set), so a plain `stzkmc sweep` never touches MPI. The MPI world
/// finalises MPI when destroyed.
[[nodiscard]] std::unique_ptr<SweepWorld> make_sweep_world();

/// Whether this build can use MPI.
[[nodiscard]] bool mpi_built();

/// Ends every process of the world after an error on this one (MPI_Abort), so that the
/// others do not wait forever at the next collective call; a no-op without MPI.
void abort_world(SweepWorld& world, int status);

}  // namespace stz::cli
