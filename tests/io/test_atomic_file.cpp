#include <doctest/doctest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <optional>
#include <string>

#include "stz/core/error.hpp"
#include "stz/io/atomic_file.hpp"
#include "tests/io/scratch_dir.hpp"

namespace fs = std::filesystem;
using stz::test::read_bytes;
using stz::test::ScratchDir;

namespace {

std::string error_of(auto&& f) {
    try {
        f();
    } catch (const stz::Error& e) {
        return e.what();
    }
    return "(no stz::Error thrown)";
}

// Lowers this process's file-size limit, so that writes beyond it fail with EFBIG
// as they would on a full disk; restores the limit and SIGXFSZ on destruction.
class FileSizeLimit {
  public:
    explicit FileSizeLimit(rlim_t bytes) {
        getrlimit(RLIMIT_FSIZE, &saved_);
        old_handler_ = std::signal(SIGXFSZ, SIG_IGN);  // else the kernel kills us
        rlimit lowered = saved_;
        lowered.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &lowered);
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &saved_);
        std::signal(SIGXFSZ, old_handler_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

  private:
    rlimit saved_{};
    void (*old_handler_)(int) = nullptr;
};

}  // namespace

TEST_CASE("write_file_atomic writes the content and leaves no temporary") {
    ScratchDir dir;
    stz::write_file_atomic(dir / "a.txt", "hello\n");
    CHECK(read_bytes(dir / "a.txt") == "hello\n");
    CHECK(dir.entries() == std::vector<std::string>{"a.txt"});
}

TEST_CASE("writing into a missing folder throws with the path and the OS reason") {
    ScratchDir dir;
    const fs::path target = dir / "missing" / "x.npy";
    const std::string msg = error_of([&] { stz::write_file_atomic(target, "data"); });
    CAPTURE(msg);
    CHECK(msg.find(target.string()) != std::string::npos);
    CHECK(msg.find("No such file or directory") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "missing"));
}

TEST_CASE("AtomicFile destroyed without commit leaves the original file intact") {
    ScratchDir dir;
    const fs::path target = dir / "result.csv";
    stz::write_file_atomic(target, "original\n");
    {
        stz::AtomicFile f(target);
        const std::string temp_name = f.temp_path().filename().string();
        CHECK(temp_name.rfind(".result.csv.tmp." + std::to_string(::getpid()) + ".", 0) == 0);
        CHECK(f.temp_path().parent_path() == target.parent_path());
        f.stream() << "junk that must never appear";
        f.stream().flush();
        CHECK(fs::exists(f.temp_path()));
        CHECK(read_bytes(target) == "original\n");
    }
    CHECK(read_bytes(target) == "original\n");
    CHECK(dir.entries() == std::vector<std::string>{"result.csv"});
}

TEST_CASE("AtomicFile::commit replaces the target") {
    ScratchDir dir;
    const fs::path target = dir / "result.csv";
    stz::write_file_atomic(target, "original\n");
    stz::AtomicFile f(target);
    f.stream() << "new content " << 42 << '\n';
    f.commit();
    CHECK(f.committed());
    CHECK(read_bytes(target) == "new content 42\n");
    CHECK(dir.entries() == std::vector<std::string>{"result.csv"});
    CHECK_THROWS_AS(f.commit(), stz::Error);
    CHECK_THROWS_AS((void)f.stream(), stz::Error);
}

TEST_CASE("AtomicFile skips a temporary name left behind by a killed run") {
    ScratchDir dir;
    const fs::path target = dir / "x.bin";
    stz::AtomicFile first(target);
    // The counter is process-wide and increments by one per file: predict the
    // next name and occupy it, as a crashed process with the same pid would.
    std::string name = first.temp_path().filename().string();
    const auto dot = name.rfind('.');
    const fs::path next =
        dir / (name.substr(0, dot + 1) + std::to_string(std::stoul(name.substr(dot + 1)) + 1));
    stz::write_file_atomic(dir / "stale", "stale");
    fs::rename(dir / "stale", next);
    stz::AtomicFile second(target);
    CHECK(second.temp_path() != next);
    second.stream() << "ok";
    second.commit();
    CHECK(read_bytes(target) == "ok");
    CHECK(read_bytes(next) == "stale");
}

TEST_CASE("a write error (file-size limit, like a full disk) throws and keeps the target") {
    ScratchDir dir;
    const fs::path target = dir / "big.npy";
    stz::write_file_atomic(target, "original");
    std::string msg;
    {
        stz::AtomicFile f(target);
        const std::string block(1 << 20, 'x');
        FileSizeLimit limit(4096);
        f.stream() << block;
        msg = error_of([&] { f.commit(); });
    }
    CAPTURE(msg);
    CHECK(msg.find(target.string()) != std::string::npos);
    CHECK(msg.find("File too large") != std::string::npos);
    CHECK(read_bytes(target) == "original");
    CHECK(dir.entries() == std::vector<std::string>{"big.npy"});
}

TEST_CASE("a folder in place of the target makes commit throw and removes the temporary") {
    ScratchDir dir;
    fs::create_directory(dir / "out");  // rename() of a file over a folder fails: EISDIR
    stz::AtomicFile f(dir / "out");
    f.stream() << "data";
    const std::string msg = error_of([&] { f.commit(); });
    CAPTURE(msg);
    CHECK(msg.find((dir / "out").string()) != std::string::npos);
    CHECK(fs::is_directory(dir / "out"));
    CHECK(dir.entries() == std::vector<std::string>{"out"});
}

TEST_CASE("an unwritable folder throws with the path") {
    if (::geteuid() == 0) {
        MESSAGE("skipped: running as root, permissions are not enforced");
        return;
    }
    ScratchDir dir;
    fs::create_directory(dir / "ro");
    fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    const std::string msg = error_of([&] { stz::write_file_atomic(dir / "ro" / "x", "d"); });
    fs::permissions(dir / "ro", fs::perms::owner_all);
    CAPTURE(msg);
    CHECK(msg.find((dir / "ro" / "x").string()) != std::string::npos);
    CHECK(msg.find("Permission denied") != std::string::npos);
}

TEST_CASE("ensure_directory creates nested folders and names what is in the way") {
    ScratchDir dir;
    const fs::path nested = dir / "a" / "b" / "c";
    stz::ensure_directory(nested);
    CHECK(fs::is_directory(nested));
    CHECK_NOTHROW(stz::ensure_directory(nested));  // existing is fine

    stz::write_file_atomic(dir / "file", "x");
    std::string msg = error_of([&] { stz::ensure_directory(dir / "file"); });
    CHECK(msg.find((dir / "file").string()) != std::string::npos);
    CHECK(msg.find("not a folder") != std::string::npos);

    msg = error_of([&] { stz::ensure_directory(dir / "file" / "sub"); });
    CAPTURE(msg);
    CHECK(msg.find((dir / "file" / "sub").string()) != std::string::npos);
    CHECK(msg.find("Not a directory") != std::string::npos);
}

TEST_CASE("a moved AtomicFile keeps one owner of the temporary") {
    ScratchDir dir;
    std::optional<stz::AtomicFile> a(std::in_place, dir / "m.txt");
    stz::AtomicFile b(std::move(*a));
    a.reset();  // destroying the moved-from object must not remove b's temporary
    b.stream() << "moved";
    b.commit();
    CHECK(read_bytes(dir / "m.txt") == "moved");
}
