#pragma once
// Microseconds per atom-step of the EAM MD engine against LAMMPS on the same input
// (`stzkmc bench md`, docs/benchmarks.md): a Cu64Zr36 sample made from an fcc lattice with
// random species, written as a LAMMPS data file, then NPT at 1500 K and 0 bar (Tdamp 0.2 ps,
// Pdamp 2 ps, chains of 3, dt 2 fs, neighbour skin 2 Å) for the same number of steps by
// stzkmc (each thread count) and by LAMMPS (`pair_style eam/fs`, each MPI rank count,
// plain and `-sf opt`). All timings come from one invocation, so ratios compare like with
// like; LAMMPS's own "Loop time" is used for it, the integrator loop for stzkmc.
#include <filesystem>
#include <string>
#include <vector>

namespace stz {

struct MdBenchOptions {
    int cells = 16;                 ///< fcc cells per edge: 4 cells^3 atoms (16 -> 16,384)
    long steps = 500;
    std::vector<int> threads{1, 2}; ///< stzkmc thread counts (and LAMMPS rank counts)
    std::filesystem::path potential = "/usr/share/lammps/potentials/CuZr_mm.eam.fs";
    std::string lammps = "lmp";     ///< LAMMPS executable; empty: skip LAMMPS
    std::string mpirun = "mpirun";  ///< for rank counts > 1
    bool lammps_opt = true;         ///< also time `-sf opt`
    std::filesystem::path work_dir; ///< where the data file and LAMMPS input go (default: temp)
};

struct MdBenchRow {
    std::string code;     ///< "stzkmc", "LAMMPS", "LAMMPS -sf opt"
    int cores = 1;        ///< threads (stzkmc) or MPI ranks (LAMMPS)
    long atoms = 0, steps = 0;
    double seconds = 0;
    double us_per_atom_step = 0;
    double final_temperature_K = 0, final_pe_per_atom_eV = 0;
    std::string note;     ///< why a row has no timing (LAMMPS missing, failed)
};

std::vector<MdBenchRow> bench_md(const MdBenchOptions& options);
/// Table with ratios against the first LAMMPS row with 1 core (or the first row).
std::string to_markdown(const std::vector<MdBenchRow>& rows);

}  // namespace stz
