#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "stz/core/error.hpp"
#include "stz/io/npy.hpp"
#include "tests/io/scratch_dir.hpp"

namespace fs = std::filesystem;
using stz::test::read_bytes;
using stz::test::ScratchDir;

#ifndef STZ_PYTHON
#define STZ_PYTHON "/usr/bin/python3"
#endif

TEST_CASE("npy header bytes: magic, version, 64-byte aligned dict") {
    ScratchDir dir;
    const std::vector<double> v{0.0, 0.5, 1.0, 1.5, 2.0, 2.5};
    stz::write_npy(dir / "a.npy", {2, 3}, v);
    const std::string b = read_bytes(dir / "a.npy");

    REQUIRE(b.size() > 10);
    CHECK(b.substr(0, 6) == "\x93NUMPY");
    CHECK(b[6] == '\x01');
    CHECK(b[7] == '\x00');
    const std::size_t hlen = static_cast<unsigned char>(b[8]) |
                             static_cast<std::size_t>(static_cast<unsigned char>(b[9])) << 8;
    CHECK((10 + hlen) % 64 == 0);
    CHECK(b.size() == 10 + hlen + 6 * sizeof(double));

    const std::string dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
    const std::string header = b.substr(10, hlen);
    CHECK(header == dict + std::string(hlen - dict.size() - 1, ' ') + "\n");
    // Exactly the padding needed, as numpy.save does (10 + 60 + 1 = 71 -> 128).
    CHECK(10 + hlen == 128);
}

TEST_CASE("npy shape text follows Python tuple syntax") {
    ScratchDir dir;
    const std::vector<std::int32_t> v{1, 2, 3, 4, 5};
    stz::write_npy(dir / "v.npy", {5}, v);
    CHECK(read_bytes(dir / "v.npy")
              .find("'descr': '<i4', 'fortran_order': False, "
                    "'shape': (5,), }") != std::string::npos);
    const std::vector<std::uint8_t> s{7};
    stz::write_npy(dir / "s.npy", {}, s);
    CHECK(read_bytes(dir / "s.npy")
              .find("'descr': '|u1', 'fortran_order': False, "
                    "'shape': (), }") != std::string::npos);
}

TEST_CASE("npy round trip through read_npy_double") {
    ScratchDir dir;
    std::vector<double> v(2 * 3 * 4);
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = 0.1 * static_cast<double>(i) - 1e-300;
    stz::write_npy(dir / "c.npy", {2, 3, 4}, v);
    const stz::NpyArray a = stz::read_npy_double(dir / "c.npy");
    CHECK(a.shape == std::vector<std::size_t>{2, 3, 4});
    CHECK(a.data == v);  // bit-exact

    const std::vector<double> one{3.25};
    stz::write_npy(dir / "0d.npy", {}, one);
    const stz::NpyArray s = stz::read_npy_double(dir / "0d.npy");
    CHECK(s.shape.empty());
    CHECK(s.data == one);

    stz::write_npy(dir / "empty.npy", {0, 5}, std::span<const double>{});
    CHECK(stz::read_npy_double(dir / "empty.npy").shape == std::vector<std::size_t>{0, 5});
}

TEST_CASE("npy writer rejects a shape that does not match the data") {
    ScratchDir dir;
    const std::vector<double> v(5);
    CHECK_THROWS_WITH_AS(stz::write_npy(dir / "bad.npy", {2, 3}, v),
                         doctest::Contains("holds 6 values but 5 were given"), stz::Error);
    CHECK(dir.entries().empty());
}

TEST_CASE("read_npy_double names the file and the dtype it cannot read") {
    ScratchDir dir;
    const std::vector<float> f{1.f, 2.f};
    stz::write_npy(dir / "f4.npy", {2}, f);
    CHECK_THROWS_WITH_AS((void)stz::read_npy_double(dir / "f4.npy"), doctest::Contains("'<f4'"),
                         stz::Error);
    std::ofstream(dir / "bad", std::ios::binary) << "not a numpy file";
    CHECK_THROWS_WITH_AS((void)stz::read_npy_double(dir / "bad"),
                         doctest::Contains((dir / "bad").string().c_str()), stz::Error);
    CHECK_THROWS_WITH_AS((void)stz::read_npy_double(dir / "none.npy"),
                         doctest::Contains("No such file or directory"), stz::Error);
}

TEST_CASE("numpy.load reads every dtype the writer produces") {
    const std::string python = STZ_PYTHON;
    if (std::system((python + " -c 'import numpy' > /dev/null 2>&1").c_str()) != 0) {
        MESSAGE("skipped: " << python << " with numpy is not available");
        return;
    }
    ScratchDir dir;
    const std::vector<double> f8{0.5, -1.25, 3e-310, 1e300, 0.0, 7.0};
    const std::vector<float> f4{0.5f, -1.25f, 3.0f};
    const std::vector<std::int32_t> i4{-2147483647 - 1, 0, 2147483647};
    const std::vector<std::int64_t> i8{-9000000000000000000LL, 1, 9000000000000000000LL};
    const std::vector<std::uint8_t> u1{0, 1, 255, 7};
    stz::write_npy(dir / "f8.npy", {3, 2}, f8);
    stz::write_npy(dir / "f4.npy", {3}, f4);
    stz::write_npy(dir / "i4.npy", {1, 3, 1}, i4);
    stz::write_npy(dir / "i8.npy", {3}, i8);
    stz::write_npy(dir / "u1.npy", {2, 2}, u1);
    std::ofstream(dir / "check.py") << R"(import sys, numpy as np
d = sys.argv[1]
def check(name, dtype, shape, values):
    a = np.load(d + '/' + name)
    assert a.dtype == np.dtype(dtype), (name, a.dtype)
    assert a.shape == shape, (name, a.shape)
    assert a.flags['C_CONTIGUOUS']
    assert (a.ravel() == np.array(values, dtype=dtype)).all(), (name, a)
check('f8.npy', '<f8', (3, 2), [0.5, -1.25, 3e-310, 1e300, 0.0, 7.0])
check('f4.npy', '<f4', (3,), [0.5, -1.25, 3.0])
check('i4.npy', '<i4', (1, 3, 1), [-2**31, 0, 2**31 - 1])
check('i8.npy', '<i8', (3,), [-9000000000000000000, 1, 9000000000000000000])
check('u1.npy', '|u1', (2, 2), [0, 1, 255, 7])
print('numpy check ok')
)";
    const std::string cmd =
        python + " '" + (dir / "check.py").string() + "' '" + dir.path().string() + "'";
    CHECK(std::system(cmd.c_str()) == 0);
}
