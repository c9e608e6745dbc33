// Checkpoint files (stz/io/state_file.hpp): round trip, and every way a file can fail to
// belong to the job resuming from it.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "stz/core/error.hpp"
#include "stz/io/atomic_file.hpp"
#include "stz/io/state_file.hpp"
#include "tests/io/scratch_dir.hpp"

namespace fs = std::filesystem;
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

fs::path write_sample(const fs::path& dir) {
    stz::StateWriter w;
    w.put<double>(0.1);
    w.put<std::int64_t>(-7);
    w.put_vector(std::vector<double>{1.5, -2.25, 1e-300});
    w.put_string("stress_strain.csv");
    w.put_vector(std::vector<std::uint8_t>{});
    const fs::path f = dir / "checkpoint.bin";
    stz::write_state_file(f, "kmc-run", "key-1", w);
    return f;
}

void overwrite_byte(const fs::path& f, std::streamoff at, char c) {
    std::fstream io(f, std::ios::in | std::ios::out | std::ios::binary);
    io.seekp(at);
    io.put(c);
}

}  // namespace

TEST_CASE("state file: values come back bit for bit, in order") {
    ScratchDir dir;
    const fs::path f = write_sample(dir.path());
    stz::StateReader r(f, "kmc-run", "key-1");
    CHECK(r.get<double>("a") == 0.1);
    CHECK(r.get<std::int64_t>("b") == -7);
    CHECK(r.get_vector<double>("c", 3) == std::vector<double>{1.5, -2.25, 1e-300});
    CHECK(r.get_string("d") == "stress_strain.csv");
    CHECK(r.get_vector<std::uint8_t>("e").empty());
    r.expect_end();
}

TEST_CASE("state file: wrong kind, wrong key, wrong length and leftovers are refused") {
    ScratchDir dir;
    const fs::path f = write_sample(dir.path());
    CHECK(error_of([&] { stz::StateReader r(f, "atom-quench", "key-1"); })
              .find("a checkpoint of a 'kmc-run' job, expected 'atom-quench'") != std::string::npos);
    CHECK(error_of([&] { stz::StateReader r(f, "kmc-run", "key-2"); })
              .find("written for other the parameters") != std::string::npos);
    stz::StateReader r(f, "kmc-run", "key-1");
    (void)r.get<double>("a");
    (void)r.get<std::int64_t>("b");
    CHECK(error_of([&] { (void)r.get_vector<double>("plastic strain", 4); })
              .find("plastic strain has 3 elements, expected 4") != std::string::npos);
    stz::StateReader r2(f, "kmc-run", "key-1");
    (void)r2.get<double>("a");
    CHECK(error_of([&] { r2.expect_end(); }).find("unread bytes") != std::string::npos);
}

TEST_CASE("state file: truncation, corruption and non-checkpoints are refused by name") {
    ScratchDir dir;
    const fs::path f = write_sample(dir.path());
    const auto size = fs::file_size(f);

    SUBCASE("a flipped payload byte fails the checksum") {
        overwrite_byte(f, static_cast<std::streamoff>(size) - 70, '\x7f');
        const std::string e = error_of([&] { stz::StateReader r(f, "kmc-run", "key-1"); });
        CHECK(e.find("checkpoint is corrupted") != std::string::npos);
        CHECK(e.find(f.string()) != std::string::npos);
    }
    SUBCASE("a cut file") {
        fs::resize_file(f, size - 10);
        CHECK(error_of([&] { stz::StateReader r(f, "kmc-run", "key-1"); })
                  .find("truncated") != std::string::npos);
    }
    SUBCASE("a cut header") {
        fs::resize_file(f, 12);
        CHECK(error_of([&] { stz::StateReader r(f, "kmc-run", "key-1"); })
                  .find("truncated") != std::string::npos);
    }
    SUBCASE("another file") {
        std::ofstream(f) << "seed: 1\n";
        CHECK(error_of([&] { stz::StateReader r(f, "kmc-run", "key-1"); })
                  .find("not a stzkmc checkpoint") != std::string::npos);
    }
    SUBCASE("no file") {
        CHECK(error_of([&] { stz::StateReader r(dir.path() / "none.bin", "kmc-run", "key-1"); })
                  .find("no checkpoint here") != std::string::npos);
    }
    SUBCASE("a length field claiming more than the file holds") {
        stz::StateWriter w;
        w.put<std::uint64_t>(std::uint64_t(1) << 60);  // read back as a vector length
        stz::write_state_file(f, "kmc-run", "key-1", w);
        stz::StateReader r(f, "kmc-run", "key-1");
        CHECK(error_of([&] { (void)r.get_vector<double>("fluctuation stress"); })
                  .find("checkpoint ends early (fluctuation stress of") != std::string::npos);
    }
}

TEST_CASE("remove_stale_temporaries: removes dead processes' temporaries only") {
    ScratchDir dir;
    // A process id that is certainly dead: a child that has exited and been reaped.
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    const auto touch = [&](const std::string& name) { std::ofstream(dir.path() / name) << "x"; };
    const std::string dead = ".summary.yaml.tmp." + std::to_string(child) + ".0";
    const std::string mine = ".summary.yaml.tmp." + std::to_string(::getpid()) + ".3";
    touch(dead);
    touch(mine);
    touch("summary.yaml");
    touch(".hidden.tmp.notapid.1");
    CHECK(stz::remove_stale_temporaries(dir.path()) == 1);
    CHECK_FALSE(fs::exists(dir.path() / dead));
    CHECK(fs::exists(dir.path() / mine));
    CHECK(fs::exists(dir.path() / "summary.yaml"));
    CHECK(fs::exists(dir.path() / ".hidden.tmp.notapid.1"));
}
