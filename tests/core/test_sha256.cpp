// SHA-256 against the FIPS 180-4 example vectors (NIST "Cryptographic Standards and
// Guidelines: Examples with Intermediate Values", SHA256.pdf and SHA2_Additional.pdf), the
// padding boundaries, the file reader against the in-memory digest, and the read errors.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "stz/core/error.hpp"
#include "stz/core/sha256.hpp"
#include "tests/io/scratch_dir.hpp"

using stz::sha256_file;
using stz::sha256_hex;

TEST_CASE("sha256_hex reproduces the FIPS 180-4 example digests") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // 448 bits: the padding no longer fits in the first block, so a second one is needed.
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1'000'000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256_hex is 64 lowercase hex digits and depends on every byte") {
    const std::string base(200, 'x');
    const std::string digest = sha256_hex(base);
    CHECK(digest.size() == 64);
    CHECK(digest.find_first_not_of("0123456789abcdef") == std::string::npos);
    std::string changed = base;
    changed[137] = 'y';
    CHECK(sha256_hex(changed) != digest);
    CHECK(sha256_hex(std::string_view("a\0b", 3)) != sha256_hex("ab"));  // embedded NUL counts
}

TEST_CASE("sha256_hex is right at the lengths where padding changes (55, 56, 63, 64, 65)") {
    // Reference digests from coreutils sha256sum, e.g. `head -c 55 /dev/zero | tr '\0' a`.
    CHECK(sha256_hex(std::string(55, 'a')) ==
          "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    CHECK(sha256_hex(std::string(56, 'a')) ==
          "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    CHECK(sha256_hex(std::string(63, 'a')) ==
          "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
    CHECK(sha256_hex(std::string(64, 'a')) ==
          "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
    CHECK(sha256_hex(std::string(65, 'a')) ==
          "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0");
}

TEST_CASE("sha256_file equals sha256_hex of the file's bytes") {
    // 200 000 bytes of every value, so several read chunks and a partial last one.
    std::string bytes;
    for (int i = 0; i < 200'000; ++i) bytes += static_cast<char>((i * 7 + i / 256) & 0xff);
    const stz::test::ScratchDir dir;
    const auto file = dir.write("bytes.bin", bytes);
    CHECK(std::filesystem::file_size(file) == bytes.size());
    CHECK(sha256_file(file) == sha256_hex(bytes));

    const auto empty = dir.write("empty.bin", "");
    CHECK(sha256_file(empty) ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("sha256_file names the file and the reason when it cannot read it") {
    const auto missing = std::filesystem::temp_directory_path() / "stz_no_such_file_for_sha256";
    std::error_code ec;
    std::filesystem::remove(missing, ec);
    try {
        (void)sha256_file(missing);
        FAIL("expected stz::Error");
    } catch (const stz::Error& e) {
        CHECK(std::string(e.what()) ==
              missing.string() + ": cannot read for SHA-256: no such file");
    }
    CHECK_THROWS_AS((void)sha256_file(std::filesystem::temp_directory_path()), stz::Error);
}
