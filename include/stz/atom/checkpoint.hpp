#pragma once
// Checkpoints of the long atomistic jobs (`stzkmc atom quench | aqs | art | shear`,
// docs/checkpoints.md): when to write one, where, and how the shared pieces of state
// (atoms, box) are written. The job-specific payloads live with the jobs; the file format
// (kind, key = SHA-256 of the resolved recipe, checksum) is stz/io/state_file.hpp.
#include <chrono>
#include <filesystem>
#include <initializer_list>
#include <string>

#include "stz/atom/atoms.hpp"

#include "stz/io/state_file.hpp"

namespace stz::atom {

/// How a job checkpoints and whether it starts afresh or continues.
struct CheckpointSettings {
    /// Wall-clock seconds between periodic checkpoints (>= 0); 0: none, only on SIGINT or
    /// SIGTERM (InterruptHandler installed by the caller).
    double every_s = 600;
    /// Continue from out_dir/checkpoint.bin instead of starting afresh.
    bool resume = false;
};

/// The checkpoint file of a job writing into `out_dir`.
[[nodiscard]] std::filesystem::path checkpoint_file(const std::filesystem::path& out_dir);

/// Throws stz::Error unless `out_dir` holds a checkpoint (the message says what to do).
void require_checkpoint(const std::filesystem::path& out_dir, const std::string& command);

/// Opens `out_dir`'s checkpoint of `kind` for resuming (require_checkpoint first, then the
/// key `key` of the resolved recipe checked) and removes the temporaries that a killed
/// process left in `out_dir` and in `subdirs` (relative to it).
[[nodiscard]] StateReader open_for_resume(const std::filesystem::path& out_dir, const std::string& command,
                                          const char* kind, const std::string& key,
                                          std::initializer_list<const char*> subdirs = {});

/// Decides when a job writes its next checkpoint: on a recorded signal, or `every_s` seconds
/// after the last one (or after the job started).
class CheckpointClock {
public:
    explicit CheckpointClock(double every_s) : every_s_(every_s) {}
    /// True when a signal was recorded or the interval has passed (cheap: one clock read).
    [[nodiscard]] bool due() const;
    /// Restarts the interval (after a checkpoint was written).
    void written() { last_ = std::chrono::steady_clock::now(); }

private:
    double every_s_;
    std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

/// Throws stz::Interrupted for the recorded signal (if any) after a checkpoint was written
/// to `file`; `command` is the command that continues the job.
void stop_if_interrupted(const std::filesystem::path& file, const std::string& command);

/// The command that resumes a job: "stzkmc atom <job> --resume '<out_dir>'".
[[nodiscard]] std::string resume_command(const std::string& job, const std::filesystem::path& out_dir);

/// Box and the dynamic per-atom arrays (type, x, v, f, image) plus the ids, which must
/// match on reading (the atoms are rebuilt from the recipe first, species included).
void put_atoms(StateWriter& w, const Atoms& atoms);
void get_atoms(StateReader& r, Atoms& atoms);
void put_box(StateWriter& w, const Box& box);
[[nodiscard]] Box get_box(StateReader& r);

}  // namespace stz::atom
