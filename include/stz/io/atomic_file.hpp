#pragma once
// Crash-safe output files.
//
// A run that is killed (time limit, node failure, full disk) must never leave a
// truncated result under its final name, where a later analysis would read it as
// complete. AtomicFile writes to a temporary sibling in the same folder and only
// rename()s it over the target once everything is written and synced; rename within
// one folder is atomic on POSIX file systems, so readers see the old file or the
// new one, never a mix.
#include <filesystem>
#include <memory>
#include <ostream>
#include <string_view>

namespace stz {

/// An output file that appears under its final name only on commit().
///
/// The constructor creates `.NAME.tmp.<pid>.<counter>` next to `target`; write
/// through stream(); commit() flushes, checks every write, fsyncs and renames it
/// over `target`. Destroying an uncommitted AtomicFile removes the temporary and
/// leaves `target` as it was. Every failure throws stz::Error naming the path and
/// the operating system's reason.
class AtomicFile {
  public:
    /// Creates the temporary sibling of `target`; throws if the folder is missing
    /// or not writable.
    explicit AtomicFile(std::filesystem::path target);
    ~AtomicFile();

    AtomicFile(AtomicFile&&) noexcept;
    AtomicFile& operator=(AtomicFile&&) noexcept;
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    /// The stream to write to. Write errors set its badbit; commit() reports them.
    [[nodiscard]] std::ostream& stream();

    /// Flushes, checks for write errors, fsyncs and renames the temporary over the
    /// target. On failure the temporary is removed and the target left untouched.
    void commit();

    /// Removes the temporary without touching the target (what the destructor does).
    void discard() noexcept;

    [[nodiscard]] const std::filesystem::path& target() const;
    [[nodiscard]] const std::filesystem::path& temp_path() const;
    [[nodiscard]] bool committed() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Writes `content` to `path` through an AtomicFile.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

/// Removes the temporaries that killed processes left in `dir` (not its subfolders):
/// files named like AtomicFile's whose process id is no longer running. A resumed job
/// calls it so that its folder ends up as an uninterrupted job's would. Returns how many
/// were removed.
std::size_t remove_stale_temporaries(const std::filesystem::path& dir);

/// Creates `dir` and its missing parents; throws stz::Error naming the folder and
/// the reason if that fails or if `dir` exists but is not a folder.
void ensure_directory(const std::filesystem::path& dir);

}  // namespace stz
