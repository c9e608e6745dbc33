#pragma once
// Shared by the libFuzzer targets in this folder (docs/reliability.md, "Fuzzing").
//
// A target feeds the fuzzer's bytes to one reader. The contract being checked: whatever the
// bytes, the reader returns or throws stz::Error whose message names the input; anything
// else (another exception type, a crash, a sanitizer report, a hang) is a finding.
// stz_fuzz_expect() turns a broken contract into an abort, which libFuzzer records with
// the input that caused it.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

#include "stz/core/error.hpp"

namespace stz::fuzz {

/// The fuzzer's bytes as text.
inline std::string text_of(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

/// Aborts (a finding) with `what` unless `ok`.
inline void expect(bool ok, const std::string& what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz contract broken: %s\n", what.c_str());
    std::abort();
}

/// A file in a per-process scratch folder holding `bytes`, for readers that take a path.
/// The folder lives as long as the process; each call overwrites the file.
inline std::filesystem::path scratch_file(const std::string& name, std::string_view bytes) {
    static const std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() / ("stz_fuzz_" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    const auto path = dir / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    expect(static_cast<bool>(out), "cannot write the scratch file " + path.string());
    return path;
}

/// Runs `read()`; an stz::Error must name `source` (the file or stand-in name) in its
/// message. Other exceptions propagate, and libFuzzer reports them as a crash.
template <class Read>
void expect_error_or_success(const std::string& source, Read&& read) {
    try {
        read();
    } catch (const stz::Error& e) {
        const std::string msg = e.what();
        expect(msg.find(source) != std::string::npos,
               "stz::Error does not name the input '" + source + "': " + msg);
    }
}

}  // namespace stz::fuzz
