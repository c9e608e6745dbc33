// stzkmc MD against LAMMPS on one input: µs per atom-step.
#include "stz/bench/md_bench.hpp"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <regex>
#include <sstream>

#include "stz/atom/eam_force.hpp"
#include "stz/atom/lammps_data.hpp"
#include "stz/atom/md.hpp"
#include "stz/atom/structure_builder.hpp"
#include "stz/atom/thermo.hpp"
#include "stz/core/build_info.hpp"
#include "stz/core/error.hpp"
#include "stz/io/atomic_file.hpp"

namespace stz {

namespace {

constexpr double kTemperature_K = 1500, kTdamp_ps = 0.2, kPdamp_ps = 2.0, kDt_ps = 0.002;

std::string run_capture(const std::string& cmd, int* status) {
    std::string out;
    FILE* p = popen((cmd + " 2>&1").c_str(), "r");
    if (!p) {
        *status = -1;
        return out;
    }
    char buf[4096];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    *status = pclose(p);
    return out;
}

MdBenchRow lammps_row(const MdBenchOptions& o, const std::filesystem::path& dir, int ranks, bool opt, long atoms) {
    MdBenchRow row;
    row.code = opt ? "LAMMPS -sf opt" : "LAMMPS";
    row.cores = ranks;
    row.atoms = atoms;
    row.steps = o.steps;
    // One OpenMP thread per rank: plain MPI LAMMPS, as the issue asks for.
    std::string cmd = "OMP_NUM_THREADS=1 ";
    if (ranks > 1) cmd += fmt::format("{} --allow-run-as-root --oversubscribe -np {} ", o.mpirun, ranks);
    cmd += fmt::format("{} -in '{}' -log none -nocite{}", o.lammps, (dir / "bench.in").string(), opt ? " -sf opt" : "");
    int status = 0;
    const std::string out = run_capture(cmd, &status);
    std::smatch m;
    static const std::regex loop(R"(Loop time of ([0-9.eE+-]+) on (\d+) procs for (\d+) steps with (\d+) atoms)");
    if (status != 0 || !std::regex_search(out, m, loop)) {
        row.note = fmt::format("LAMMPS failed (status {}): {}", status, out.substr(out.size() > 300 ? out.size() - 300 : 0));
        return row;
    }
    row.seconds = std::stod(m[1]);
    row.us_per_atom_step = row.seconds / (static_cast<double>(o.steps) * static_cast<double>(atoms)) * 1e6;
    // Last thermo line: Step Temp PotEng ...
    static const std::regex thermo(R"(\n\s*)" + std::to_string(o.steps) + R"(\s+([0-9.eE+-]+)\s+([0-9.eE+-]+))");
    if (std::regex_search(out, m, thermo)) {
        row.final_temperature_K = std::stod(m[1]);
        row.final_pe_per_atom_eV = std::stod(m[2]) / static_cast<double>(atoms);
    }
    return row;
}

}  // namespace

std::vector<MdBenchRow> bench_md(const MdBenchOptions& o) {
    STZ_REQUIRE(o.cells >= 2 && o.steps >= 1, "bench md: need cells >= 2 and steps >= 1");
    auto pot = std::make_shared<atom::EamPotential>(atom::EamPotential::read(o.potential));
    atom::Composition comp;
    for (const char* el : {"Cu", "Zr"})
        comp.species.push_back({el, pot->elements()[static_cast<std::size_t>(pot->element_index(el))].mass_amu});
    comp.fractions = {0.64, 0.36};
    // a = 4.07 Å gives 0.0593 atoms/Å^3, near the liquid's density at 1500 K.
    const atom::Atoms start = atom::lattice_structure(comp, "fcc", 4.07, {o.cells, o.cells, o.cells}, 1);
    atom::Atoms with_v = start;
    atom::assign_velocities(with_v, kTemperature_K, 1);
    const long n = static_cast<long>(start.size());

    std::filesystem::path dir = o.work_dir;
    if (dir.empty()) dir = std::filesystem::temp_directory_path() / fmt::format("stzkmc-bench-md-{}", static_cast<long>(getpid()));
    ensure_directory(dir);  // an stz::Error naming the folder and the reason, not filesystem_error
    atom::write_lammps_data(dir / "start.data", with_v, "stzkmc bench md: Cu64Zr36 fcc start with 1500 K velocities");
    {
        // Through AtomicFile: a full disk is an error here, not a truncated input that LAMMPS
        // would run (or fail on) with a confusing message.
        std::ostringstream in;
        in << "# stzkmc bench md: the same run as stzkmc's (NPT 1500 K, 0 bar)\n"
           << "units metal\natom_style atomic\nboundary p p p\nread_data start.data\n"
           << "pair_style eam/fs\npair_coeff * * " << o.potential.string() << " Cu Zr\n"
           << "neighbor 2.0 bin\nneigh_modify every 1 delay 0 check yes\n"
           << fmt::format("fix 1 all npt temp {0} {0} {1} iso 0 0 {2}\n", kTemperature_K, kTdamp_ps, kPdamp_ps)
           << fmt::format("timestep {}\nthermo_style custom step temp pe press vol\nthermo {}\nrun {}\n", kDt_ps,
                          o.steps, o.steps);
        write_file_atomic(dir / "bench.in", in.str());
    }

    std::vector<MdBenchRow> rows;
    if (!o.lammps.empty()) {
        for (int ranks : o.threads)
            for (bool opt : {false, true}) {
                if (opt && !o.lammps_opt) continue;
                spdlog::info("bench md: LAMMPS{} on {} rank(s), {} atoms, {} steps", opt ? " -sf opt" : "", ranks, n,
                             o.steps);
                // LAMMPS reads start.data relative to its working directory.
                const auto cwd = std::filesystem::current_path();
                std::filesystem::current_path(dir);
                rows.push_back(lammps_row(o, dir, ranks, opt, n));
                std::filesystem::current_path(cwd);
                if (!rows.back().note.empty()) spdlog::warn("{}", rows.back().note);
            }
    }
    const int threads_before = thread_count();
    for (int t : o.threads) {
        set_thread_count(t);
        atom::Atoms atoms = with_v;
        atom::EamForce force(pot, atom::EamForce::map_species(*pot, atoms.species), 2.0);
        atom::MdSettings ms;
        ms.timestep_ps = kDt_ps;
        ms.thermostat = atom::ThermostatSettings{kTemperature_K, kTemperature_K, kTdamp_ps, 3};
        ms.barostat = atom::BarostatSettings{atom::PressureCoupling::iso, 0.0, 0.0, kPdamp_ps, 3};
        atom::MdIntegrator md(force, ms);
        spdlog::info("bench md: stzkmc on {} thread(s)", t);
        const auto t0 = std::chrono::steady_clock::now();
        md.run(atoms, o.steps);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const auto snap = md.snapshot(atoms);
        MdBenchRow row;
        row.code = "stzkmc";
        row.cores = t;
        row.atoms = n;
        row.steps = o.steps;
        row.seconds = s;
        row.us_per_atom_step = s / (static_cast<double>(o.steps) * static_cast<double>(n)) * 1e6;
        row.final_temperature_K = snap.temperature_K;
        row.final_pe_per_atom_eV = snap.potential_eV / static_cast<double>(n);
        rows.push_back(row);
    }
    set_thread_count(threads_before);
    if (o.work_dir.empty()) std::filesystem::remove_all(dir);
    return rows;
}

std::string to_markdown(const std::vector<MdBenchRow>& rows) {
    const MdBenchRow* base = nullptr;
    for (const auto& r : rows)
        if (r.code == "LAMMPS" && r.cores == 1 && r.seconds > 0) base = &r;
    if (!base && !rows.empty()) base = &rows.front();
    std::ostringstream os;
    os << "| code | cores | atoms | steps | time (s) | µs/atom-step | speed vs " << (base ? base->code : "") << " "
       << (base ? std::to_string(base->cores) : "") << " | T at end (K) | pe at end (eV/atom) |\n"
       << "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& r : rows) {
        if (!r.note.empty()) {
            os << fmt::format("| {} | {} | {} | {} | – | – | – | – | {} |\n", r.code, r.cores, r.atoms, r.steps, "failed");
            continue;
        }
        const double speed = base && r.us_per_atom_step > 0 ? base->us_per_atom_step / r.us_per_atom_step : 0;
        os << fmt::format("| {} | {} | {} | {} | {:.2f} | {:.3f} | {:.2f}× | {:.0f} | {:.4f} |\n", r.code, r.cores,
                          r.atoms, r.steps, r.seconds, r.us_per_atom_step, speed, r.final_temperature_K,
                          r.final_pe_per_atom_eV);
    }
    return os.str();
}

}  // namespace stz
