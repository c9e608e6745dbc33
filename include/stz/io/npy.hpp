#pragma once
// NumPy .npy files: the array format that the analysis scripts load with numpy.load.
//
// Written in format version 1.0, C order, little-endian, with the header padded so
// the data starts at a multiple of 64 bytes (as numpy.save does, which lets readers
// memory-map the data aligned). Files are written through AtomicFile.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

namespace stz {

/// Writes `data` as an array of `shape` (C order: the last index runs fastest) to
/// `path`. The product of `shape` must equal `data.size()`; an empty shape writes a
/// 0-d array of one element. dtypes: <f8, <f4, <i4, <i8, |u1.
void write_npy(const std::filesystem::path& path, const std::vector<std::size_t>& shape,
               std::span<const double> data);
void write_npy(const std::filesystem::path& path, const std::vector<std::size_t>& shape,
               std::span<const float> data);
void write_npy(const std::filesystem::path& path, const std::vector<std::size_t>& shape,
               std::span<const std::int32_t> data);
void write_npy(const std::filesystem::path& path, const std::vector<std::size_t>& shape,
               std::span<const std::int64_t> data);
void write_npy(const std::filesystem::path& path, const std::vector<std::size_t>& shape,
               std::span<const std::uint8_t> data);

/// An array read back from a .npy file.
struct NpyArray {
    std::vector<std::size_t> shape;  ///< C order; empty for a 0-d array
    std::vector<double> data;        ///< shape's product values, last index fastest
};

/// Reads a .npy file holding little-endian float64 (<f8) in C order, format 1.x-3.x.
/// Any other dtype or Fortran order throws stz::Error naming the file and what it
/// found. Meant for tests and small inputs, not for large data.
[[nodiscard]] NpyArray read_npy_double(const std::filesystem::path& path);

}  // namespace stz
