// SweepWorld implementations for the CLI: one process, or MPI ranks (src/cli/sweep_world.hpp).
#include "src/cli/sweep_world.hpp"

#include <cstdlib>

#include "stz/core/error.hpp"

#ifdef STZ_WITH_MPI
#include <mpi.h>
#endif

namespace stz::cli {

namespace {

class LocalWorld final : public SweepWorld {};

#ifdef STZ_WITH_MPI
/// Whether an MPI launcher started this process (Open MPI, PMI or PMIx variables).
bool under_mpi_launcher() {
    for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "PMI_RANK"})
        if (std::getenv(v)) return true;
    return false;
}

class MpiWorld final : public SweepWorld {
  public:
    MpiWorld() {
        int provided = 0;
        MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
        MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
        MPI_Comm_size(MPI_COMM_WORLD, &size_);
    }
    ~MpiWorld() override {
        int finalized = 0;
        MPI_Finalized(&finalized);
        if (!finalized) MPI_Finalize();
    }
    MpiWorld(const MpiWorld&) = delete;
    MpiWorld& operator=(const MpiWorld&) = delete;

    [[nodiscard]] int rank() const override { return rank_; }
    [[nodiscard]] int size() const override { return size_; }
    void barrier() override { MPI_Barrier(MPI_COMM_WORLD); }
    [[nodiscard]] long long sum(long long v) override {
        long long total = 0;
        MPI_Allreduce(&v, &total, 1, MPI_LONG_LONG, MPI_SUM, MPI_COMM_WORLD);
        return total;
    }
    void abort(int status) { MPI_Abort(MPI_COMM_WORLD, status); }

  private:
    int rank_ = 0, size_ = 1;
};
#endif

}  // namespace

std::unique_ptr<SweepWorld> make_sweep_world() {
#ifdef STZ_WITH_MPI
    if (under_mpi_launcher()) return std::make_unique<MpiWorld>();
#endif
    return std::make_unique<LocalWorld>();
}

bool mpi_built() {
#ifdef STZ_WITH_MPI
    return true;
#else
    return false;
#endif
}

void abort_world(SweepWorld& world, int status) {
#ifdef STZ_WITH_MPI
    if (auto* m = dynamic_cast<MpiWorld*>(&world); m && m->size() > 1) m->abort(status);
#else
    (void)world;
    (void)status;
#endif
}

}  // namespace stz::cli
