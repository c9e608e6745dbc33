// Checkpoint timing and the shared pieces of the atomistic jobs' checkpoints.
#include "stz/atom/checkpoint.hpp"

#include <cstdint>
#include <sstream>

#include "stz/core/error.hpp"
#include "stz/core/interrupt.hpp"
#include "stz/io/atomic_file.hpp"
#include "stz/io/state_file.hpp"

namespace stz::atom {

std::filesystem::path checkpoint_file(const std::filesystem::path& out_dir) { return out_dir / "checkpoint.bin"; }

void require_checkpoint(const std::filesystem::path& out_dir, const std::string& command) {
    STZ_REQUIRE(std::filesystem::is_directory(out_dir),
                "--resume " << out_dir.string() << ": no such folder (give the output folder of the job to continue)");
    STZ_REQUIRE(std::filesystem::is_regular_file(checkpoint_file(out_dir)),
                "--resume " << out_dir.string() << ": no checkpoint.bin there, nothing to continue (a finished job "
                            << "deletes its checkpoint; a job killed before its first checkpoint must be started "
                            << "afresh: " << command << ")");
}

bool CheckpointClock::due() const {
    if (interrupt_signal() != 0) return true;
    if (every_s_ <= 0) return false;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - last_).count() >= every_s_;
}

void stop_if_interrupted(const std::filesystem::path& file, const std::string& command) {
    const int sig = interrupt_signal();
    if (sig == 0) return;
    std::ostringstream os;
    os << "stopped by " << signal_name(sig) << "; state saved in " << file.string() << "; continue with: " << command;
    throw Interrupted(sig, os.str());
}

StateReader open_for_resume(const std::filesystem::path& out_dir, const std::string& command, const char* kind,
                            const std::string& key, std::initializer_list<const char*> subdirs) {
    require_checkpoint(out_dir, command);
    StateReader in(checkpoint_file(out_dir), kind, key, "recipe (recipe.yaml)");
    remove_stale_temporaries(out_dir);
    for (const char* d : subdirs)
        if (std::filesystem::is_directory(out_dir / d)) remove_stale_temporaries(out_dir / d);
    return in;
}

std::string resume_command(const std::string& job, const std::filesystem::path& out_dir) {
    return "stzkmc atom " + job + " --resume '" + out_dir.string() + "'";
}

void put_box(StateWriter& w, const Box& b) {
    for (double v : {b.lo.x, b.lo.y, b.lo.z, b.lx, b.ly, b.lz, b.xy, b.xz, b.yz}) w.put(v);
}

Box get_box(StateReader& r) {
    Box b;
    for (double* p : {&b.lo.x, &b.lo.y, &b.lo.z, &b.lx, &b.ly, &b.lz, &b.xy, &b.xz, &b.yz}) *p = r.get<double>("box");
    return b;
}

void put_atoms(StateWriter& w, const Atoms& a) {
    put_box(w, a.box);
    w.put_vector(a.id);
    w.put_vector(a.type);
    w.put_vector(a.x);
    w.put_vector(a.v);
    w.put_vector(a.f);
    w.put_vector(a.image);
}

void get_atoms(StateReader& r, Atoms& a) {
    const std::size_t n = a.size();
    a.box = get_box(r);
    const auto id = r.get_vector<std::int64_t>("atom ids", n);
    STZ_REQUIRE(id == a.id, r.file().string() << ": the atom ids differ from the job's starting structure");
    a.type = r.get_vector<int>("atom types", n);
    a.x = r.get_vector<Vec3>("positions", n);
    a.v = r.get_vector<Vec3>("velocities", n);
    a.f = r.get_vector<Vec3>("forces", n);
    a.image = r.get_vector<std::array<int, 3>>("image flags", n);
    for (int t : a.type)
        STZ_REQUIRE(t >= 0 && static_cast<std::size_t>(t) < a.species.size(),
                    r.file().string() << ": atom type " << t + 1 << " out of range");
}

}  // namespace stz::atom
