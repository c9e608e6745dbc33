#include "stz/io/npy.hpp"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "src/io/io_detail.hpp"
#include "stz/core/error.hpp"
#include "stz/io/atomic_file.hpp"

namespace fs = std::filesystem;

namespace stz {

// The data are written as they lie in memory; on a big-endian machine they would
// need byte swapping, which nobody running this code needs today.
static_assert(std::endian::native == std::endian::little,
              "the .npy writer assumes a little-endian machine");

namespace {

constexpr std::string_view kMagic = "\x93NUMPY";
constexpr std::size_t kAlignment = 64;  // numpy.save aligns the data start to 64 bytes

std::string shape_text(const std::vector<std::size_t>& shape) {
    // Python tuple syntax: (), (5,), (2, 3)
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i > 0) s += ", ";
        s += std::to_string(shape[i]);
    }
    if (shape.size() == 1) s += ",";
    return s + ")";
}

std::size_t product(const std::vector<std::size_t>& shape) {
    std::size_t n = 1;
    for (std::size_t e : shape) n *= e;
    return n;
}

// The full header of format 1.0: magic, version, length, dict, padding, '\n'.
std::string npy_header(std::string_view descr, const std::vector<std::size_t>& shape) {
    std::string dict = "{'descr': '" + std::string(descr) +
                       "', 'fortran_order': False, 'shape': " + shape_text(shape) + ", }";
    const std::size_t unpadded = kMagic.size() + 4 + dict.size() + 1;
    const std::size_t padded = (unpadded + kAlignment - 1) / kAlignment * kAlignment;
    dict.append(padded - unpadded, ' ');
    dict += '\n';
    STZ_REQUIRE(dict.size() <= 0xffff,
                "npy header too long for format 1.0 (shape " << shape_text(shape) << ")");
    std::string header(kMagic);
    header += '\x01';                                 // major version
    header += '\x00';                                 // minor version
    header += static_cast<char>(dict.size() & 0xff);  // header length, little-endian
    header += static_cast<char>(dict.size() >> 8);
    return header + dict;
}

template <class T>
void write_npy_impl(const fs::path& path, const std::vector<std::size_t>& shape,
                    std::span<const T> data, std::string_view descr) {
    STZ_REQUIRE(product(shape) == data.size(), "cannot write " << detail::quote(path) << ": shape "
                                                               << shape_text(shape) << " holds "
                                                               << product(shape) << " values but "
                                                               << data.size() << " were given");
    const std::string header = npy_header(descr, shape);
    AtomicFile file(path);
    file.stream().write(header.data(), static_cast<std::streamsize>(header.size()));
    file.stream().write(reinterpret_cast<const char*>(data.data()),
                        static_cast<std::streamsize>(data.size_bytes()));
    file.commit();
}

[[noreturn]] void bad_file(const fs::path& path, const std::string& what) {
    throw Error("cannot read " + detail::quote(path) + " as .npy: " + what);
}

// The text after `'key':` in the header dict, with leading blanks skipped.
std::string_view dict_value(const fs::path& path, std::string_view dict, std::string_view key) {
    std::string pattern(1, '\'');  // piecewise: "'" + std::string trips GCC 12 -Wrestrict
    pattern += key;
    pattern += "':";
    const auto pos = dict.find(pattern);
    if (pos == std::string_view::npos) bad_file(path, "header has no '" + std::string(key) + "'");
    std::string_view rest = dict.substr(pos + pattern.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    return rest;
}

std::vector<std::size_t> parse_shape(const fs::path& path, std::string_view v) {
    const auto close = v.find(')');
    if (v.empty() || v.front() != '(' || close == std::string_view::npos) {
        bad_file(path, "cannot parse the shape");
    }
    std::vector<std::size_t> shape;
    std::string_view inner = v.substr(1, close - 1);
    while (!inner.empty()) {
        while (!inner.empty() && (inner.front() == ' ' || inner.front() == ',')) {
            inner.remove_prefix(1);
        }
        if (inner.empty()) break;
        std::size_t n = 0;
        std::size_t digits = 0;
        while (digits < inner.size() && inner[digits] >= '0' && inner[digits] <= '9') {
            if (n > (SIZE_MAX - 9) / 10)
                bad_file(path, "a dimension of the shape " + std::string(v.substr(0, close + 1)) +
                                   " does not fit in 64 bits");
            n = n * 10 + static_cast<std::size_t>(inner[digits] - '0');
            ++digits;
        }
        if (digits == 0)
            bad_file(path, "cannot parse the shape " + std::string(v.substr(0, close + 1)));
        shape.push_back(n);
        inner.remove_prefix(digits);
    }
    return shape;
}

}  // namespace

void write_npy(const fs::path& path, const std::vector<std::size_t>& shape,
               std::span<const double> data) {
    write_npy_impl(path, shape, data, "<f8");
}
void write_npy(const fs::path& path, const std::vector<std::size_t>& shape,
               std::span<const float> data) {
    write_npy_impl(path, shape, data, "<f4");
}
void write_npy(const fs::path& path, const std::vector<std::size_t>& shape,
               std::span<const std::int32_t> data) {
    write_npy_impl(path, shape, data, "<i4");
}
void write_npy(const fs::path& path, const std::vector<std::size_t>& shape,
               std::span<const std::int64_t> data) {
    write_npy_impl(path, shape, data, "<i8");
}
void write_npy(const fs::path& path, const std::vector<std::size_t>& shape,
               std::span<const std::uint8_t> data) {
    write_npy_impl(path, shape, data, "|u1");
}

NpyArray read_npy_double(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot read " + detail::quote(path) + ": " + detail::os_reason(errno));
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw Error("cannot read " + detail::quote(path) + ": read error");

    if (bytes.size() < 10 || std::string_view(bytes).substr(0, kMagic.size()) != kMagic) {
        bad_file(path, "no NumPy magic string at the start");
    }
    const auto byte = [&](std::size_t i) {
        return static_cast<std::size_t>(static_cast<unsigned char>(bytes[i]));
    };
    const std::size_t major = byte(6);
    std::size_t header_len = 0;
    std::size_t data_start = 0;
    if (major == 1) {
        header_len = byte(8) | byte(9) << 8;
        data_start = 10 + header_len;
    } else if ((major == 2 || major == 3) && bytes.size() >= 12) {
        header_len = byte(8) | byte(9) << 8 | byte(10) << 16 | byte(11) << 24;
        data_start = 12 + header_len;
    } else {
        bad_file(path, "unsupported format version " + std::to_string(major));
    }
    if (data_start > bytes.size()) bad_file(path, "file ends inside the header");
    const std::string_view dict =
        std::string_view(bytes).substr(data_start - header_len, header_len);

    const std::string_view descr = dict_value(path, dict, "descr");
    if (descr.substr(0, 5) != "'<f8'") {
        bad_file(path, "dtype " + std::string(descr.substr(0, descr.find(','))) +
                           " is not '<f8' (little-endian float64)");
    }
    if (dict_value(path, dict, "fortran_order").substr(0, 5) != "False") {
        bad_file(path, "Fortran order is not supported");
    }
    NpyArray a;
    a.shape = parse_shape(path, dict_value(path, dict, "shape"));
    // The element count, multiplied out only as far as the data present allows: a shape
    // whose product exceeds it (or overflows size_t) is refused before any allocation.
    const std::size_t data_bytes = bytes.size() - data_start;
    const std::size_t present = data_bytes / sizeof(double);
    const bool has_zero = std::find(a.shape.begin(), a.shape.end(), 0) != a.shape.end();
    std::size_t n = has_zero ? 0 : 1;
    for (std::size_t e : a.shape) {
        if (has_zero) break;
        if (n > present / e) {
            bad_file(path, "shape " + shape_text(a.shape) + " needs more data than the " +
                               std::to_string(data_bytes) + " bytes the file has");
        }
        n *= e;
    }
    if (data_bytes != n * sizeof(double)) {
        bad_file(path, "shape " + shape_text(a.shape) + " needs " +
                           std::to_string(n * sizeof(double)) + " data bytes, file has " +
                           std::to_string(data_bytes));
    }
    a.data.resize(n);
    if (n > 0) std::memcpy(a.data.data(), bytes.data() + data_start, n * sizeof(double));
    return a;
}

}  // namespace stz
