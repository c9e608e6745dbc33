#pragma once
// SHA-256 digests (FIPS 180-4) for file provenance: an output folder records the digest of
// every input it was made from, so a result names the exact bytes that produced it.
#include <filesystem>
#include <string>
#include <string_view>

namespace stz {

/// The SHA-256 digest of `bytes` as 64 lowercase hexadecimal characters.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

/// The SHA-256 digest of the contents of `file` as 64 lowercase hexadecimal characters,
/// read in chunks (the file is never held in memory whole). Throws stz::Error
/// "<file>: cannot read for SHA-256: <reason>" if it cannot be opened or read.
[[nodiscard]] std::string sha256_file(const std::filesystem::path& file);

}  // namespace stz
