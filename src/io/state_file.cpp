#include "stz/io/state_file.hpp"

#include <fstream>
#include <sstream>

#include "stz/core/sha256.hpp"
#include "stz/io/atomic_file.hpp"

namespace stz {

namespace {

constexpr char kMagic[8] = {'S', 'T', 'Z', 'S', 'T', 'A', 'T', 'E'};
constexpr std::uint32_t kFormat = 1;
constexpr std::size_t kDigestChars = 64;

void append_u64(std::string& s, std::uint64_t v) { s.append(reinterpret_cast<const char*>(&v), 8); }

void append_text(std::string& s, std::string_view t) {
    append_u64(s, t.size());
    s.append(t);
}

/// A cursor over the header; every read is bounds-checked.
struct Cursor {
    const std::string& bytes;
    const std::filesystem::path& file;
    std::size_t pos = 0;
    void read(void* p, std::size_t n, const char* what) {
        STZ_REQUIRE(n <= bytes.size() - pos, file.string() << ": checkpoint is truncated (ends "
                                                           << "inside the " << what << ")");
        std::memcpy(p, bytes.data() + pos, n);
        pos += n;
    }
    std::uint64_t u64(const char* what) {
        std::uint64_t v;
        read(&v, 8, what);
        return v;
    }
    std::string text(const char* what) {
        const std::uint64_t n = u64(what);
        STZ_REQUIRE(n <= 4096, file.string() << ": checkpoint header is corrupt (" << what
                                             << " of " << n << " bytes)");
        std::string s(static_cast<std::size_t>(n), '\0');
        read(s.data(), s.size(), what);
        return s;
    }
};

}  // namespace

void write_state_file(const std::filesystem::path& file, std::string_view kind,
                      std::string_view key, const StateWriter& payload) {
    std::string head(kMagic, sizeof kMagic);
    head.append(reinterpret_cast<const char*>(&kFormat), sizeof kFormat);
    append_text(head, kind);
    append_text(head, key);
    append_u64(head, payload.bytes().size());
    AtomicFile out(file);
    out.stream().write(head.data(), static_cast<std::streamsize>(head.size()));
    out.stream().write(payload.bytes().data(), static_cast<std::streamsize>(payload.bytes().size()));
    const std::string digest = sha256_hex(payload.bytes());
    out.stream().write(digest.data(), static_cast<std::streamsize>(digest.size()));
    out.commit();
}

StateReader::StateReader(const std::filesystem::path& file,
                         std::initializer_list<std::string_view> kinds, std::string_view key,
                         std::string_view what_key)
    : file_(file) {
    std::error_code ec;
    STZ_REQUIRE(std::filesystem::is_regular_file(file, ec),
                file.string() << ": no checkpoint here (missing or not a file)");
    std::ifstream in(file, std::ios::binary);
    STZ_REQUIRE(in, file.string() << ": cannot open the checkpoint for reading");
    std::ostringstream all;
    all << in.rdbuf();
    STZ_REQUIRE(!in.bad(), file.string() << ": cannot read the checkpoint");
    const std::string bytes = std::move(all).str();

    Cursor c{bytes, file_};
    char magic[sizeof kMagic];
    c.read(magic, sizeof magic, "file signature");
    STZ_REQUIRE(std::memcmp(magic, kMagic, sizeof kMagic) == 0,
                file.string() << ": not a stzkmc checkpoint (wrong signature)");
    std::uint32_t format = 0;
    c.read(&format, sizeof format, "format number");
    STZ_REQUIRE(format == kFormat, file.string() << ": checkpoint format " << format
                                                 << ", this stzkmc reads format " << kFormat);
    kind_ = c.text("job kind");
    bool known = false;
    std::string expected;
    for (std::string_view k : kinds) {
        known = known || kind_ == k;
        expected += (expected.empty() ? "'" : "' or '") + std::string(k);
    }
    STZ_REQUIRE(known, file.string() << ": a checkpoint of a '" << kind_ << "' job, expected "
                                     << expected << "'");
    const std::string got_key = c.text("input key");
    STZ_REQUIRE(got_key == key,
                file.string() << ": written for other " << what_key << " (checkpoint key "
                              << got_key.substr(0, 16) << "..., now " << std::string(key).substr(0, 16)
                              << "...): resume with exactly the inputs of the interrupted run");
    const std::uint64_t n = c.u64("payload length");
    STZ_REQUIRE(bytes.size() - c.pos >= kDigestChars && n == bytes.size() - c.pos - kDigestChars,
                file.string() << ": checkpoint is truncated or has trailing bytes (payload of "
                              << n << " bytes announced, " << bytes.size() - c.pos
                              << " bytes follow the header)");
    payload_ = bytes.substr(c.pos, static_cast<std::size_t>(n));
    const std::string digest = bytes.substr(c.pos + static_cast<std::size_t>(n));
    STZ_REQUIRE(digest == sha256_hex(payload_),
                file.string() << ": checkpoint is corrupted (SHA-256 of its contents does not match)");
}

void StateReader::get_bytes(void* p, std::size_t n, const char* what) {
    STZ_REQUIRE(n <= payload_.size() - pos_,
                file_.string() << ": checkpoint ends early (while reading " << what << ")");
    if (n > 0) std::memcpy(p, payload_.data() + pos_, n);
    pos_ += n;
}

std::string StateReader::get_string(const char* what) {
    const auto n = get<std::uint64_t>(what);
    check_length(n, 1, npos, what);
    std::string s(static_cast<std::size_t>(n), '\0');
    get_bytes(s.data(), s.size(), what);
    return s;
}

void StateReader::check_length(std::uint64_t n, std::size_t elem, std::size_t expected,
                               const char* what) const {
    STZ_REQUIRE(n <= (payload_.size() - pos_) / elem,
                file_.string() << ": checkpoint ends early (" << what << " of " << n
                               << " elements announced)");
    STZ_REQUIRE(expected == npos || n == expected,
                file_.string() << ": checkpoint does not fit this job (" << what << " has " << n
                               << " elements, expected " << expected << ")");
}

void StateReader::expect_end() const {
    STZ_REQUIRE(pos_ == payload_.size(),
                file_.string() << ": checkpoint has " << payload_.size() - pos_
                               << " unread bytes (written by another version?)");
}

}  // namespace stz
