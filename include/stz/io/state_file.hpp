#pragma once
// Checkpoint files: the exact binary state of a job, so that a killed job resumes and
// finishes with byte-identical outputs.
//
// Layout (little-endian host order; checkpoints move between runs, not machines):
//   "STZSTATE" | format u32 | kind (u64 length + bytes) | key (u64 length + bytes)
//   | payload length u64 | payload | SHA-256 of the payload (64 hex characters)
// `kind` names the job and the layout of its payload ("kmc-run, layout 5", "atom-quench",
// ...; a job changes the layout number whenever it writes something else); `key` identifies
// its inputs (the
// SHA-256 of its resolved parameters), so that resuming with other parameters is refused
// instead of producing a chimera. The file is written through AtomicFile: a kill during
// the write leaves the previous checkpoint in place.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "stz/core/error.hpp"

namespace stz {

/// Accumulates a checkpoint's payload in memory.
class StateWriter {
public:
    template <class T>
    void put(const T& v) {
        static_assert(std::is_trivially_copyable_v<T> && std::is_arithmetic_v<T>,
                      "put() takes numbers; write structs field by field");
        put_bytes(&v, sizeof v);
    }
    template <class T>
    void put_vector(const std::vector<T>& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        put<std::uint64_t>(v.size());
        put_bytes(v.data(), v.size() * sizeof(T));
    }
    void put_string(std::string_view s) {
        put<std::uint64_t>(s.size());
        put_bytes(s.data(), s.size());
    }
    void put_bytes(const void* p, std::size_t n) {
        if (n > 0) bytes_.append(static_cast<const char*>(p), n);
    }
    [[nodiscard]] const std::string& bytes() const { return bytes_; }

private:
    std::string bytes_;
};

/// Writes `payload` as a checkpoint of `kind` for inputs `key` to `file`, atomically.
void write_state_file(const std::filesystem::path& file, std::string_view kind,
                      std::string_view key, const StateWriter& payload);

/// Reads a checkpoint back, field by field in the order it was written. Every failure is
/// an stz::Error naming the file and what was wrong.
class StateReader {
public:
    /// Opens `file`, checks its header, kind, key and checksum. `what_key` describes the
    /// key for the refusal message ("the parameters").
    StateReader(const std::filesystem::path& file, std::string_view kind, std::string_view key,
                std::string_view what_key = "the parameters")
        : StateReader(file, {kind}, key, what_key) {}
    /// Accepts any of `kinds` (a job that still reads an older layout); kind() tells which.
    StateReader(const std::filesystem::path& file, std::initializer_list<std::string_view> kinds,
                std::string_view key, std::string_view what_key = "the parameters");

    template <class T>
    T get(const char* what) {
        static_assert(std::is_trivially_copyable_v<T> && std::is_arithmetic_v<T>);
        T v;
        get_bytes(&v, sizeof v, what);
        return v;
    }
    /// Reads a vector; `expected` (if not npos) is the length it must have.
    template <class T>
    std::vector<T> get_vector(const char* what, std::size_t expected = npos) {
        static_assert(std::is_trivially_copyable_v<T>);
        const auto n = get<std::uint64_t>(what);
        check_length(n, sizeof(T), expected, what);
        std::vector<T> v(static_cast<std::size_t>(n));
        get_bytes(v.data(), v.size() * sizeof(T), what);
        return v;
    }
    std::string get_string(const char* what);
    void get_bytes(void* p, std::size_t n, const char* what);
    /// Throws unless every byte of the payload has been read.
    void expect_end() const;
    [[nodiscard]] const std::filesystem::path& file() const { return file_; }
    /// The kind the file was written as.
    [[nodiscard]] const std::string& kind() const { return kind_; }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

private:
    void check_length(std::uint64_t n, std::size_t elem, std::size_t expected,
                      const char* what) const;
    std::filesystem::path file_;
    std::string kind_;
    std::string payload_;
    std::size_t pos_ = 0;
};

}  // namespace stz
