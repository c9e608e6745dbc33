#pragma once
// Counter-based random numbers: every value is a pure function of (seed, stream, a, b) and
// of its draw index, so results do not depend on the number of threads nor on the order in
// which voxels or events are visited, and nothing needs to be saved in a checkpoint.
//
// Generator: Philox4x32-10 (J. K. Salmon, M. A. Moraes, R. O. Dror, D. E. Shaw, "Parallel
// random numbers: as easy as 1, 2, 3", SC'11), written from the published algorithm and
// checked against the known-answer vectors of Random123 (tests/core/test_random.cpp).
//
// Layout of the Philox input (192 bits: a 128-bit counter and a 64-bit key):
//
//   counter = { block, stream, lo32(a), hi32(a) }     (word 0 first)
//   key     = { lo32(k), hi32(k) },  k = mix64(splitmix64(seed) ^ b)
//
//   block       index of the 4-word block within the sequence of (seed, stream, a, b):
//               draw n (counting 32-bit words from 0) is word n % 4 of block n / 4, so
//               2^32 blocks = 2^34 words are available; asking for more throws stz::Error.
//   splitmix64  Steele-Lea-Flood SplitMix64 output for state `seed` (mix64(seed + golden
//               gamma)); mix64 is its finaliser, a bijection of 64-bit words.
//
// Guarantees. For one seed, distinct (stream, a, b, block) give distinct Philox inputs:
// (block, stream, a) fill the counter exactly, and b -> k is a bijection (xor with a
// constant, then the bijective mix64). Across two seeds s != s', the inputs for b and b'
// coincide only if b ^ b' == splitmix64(s) ^ splitmix64(s'); for b, b' < 2^m this has
// probability 2^m / 2^64 per pair of seeds, no worse than a collision of a 64-bit hash of
// (seed, b) (which would be hit with probability n_b^2 / 2^64). Hashing the seed first is
// what keeps small seeds and small b apart: (seed 0, b 1) and (seed 1, b 0) differ.
//
// Typical use: a = voxel index, b = generation (or a = event number, b = 0), with one
// RngStream per purpose, so that adding a new use of randomness never shifts existing ones.
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>

#include "stz/core/error.hpp"

namespace stz {

/// Streams keyed by purpose, so adding a new use of randomness never shifts existing ones.
/// The values are part of the counter layout: never renumber an existing stream.
enum class RngStream : std::uint32_t {
    catalog = 1,
    thermal = 2,
    athermal = 3,
    atom_velocity = 10,   ///< atomistic: initial velocities (a = atom id, b = call)
    atom_placement = 11,  ///< atomistic: random initial positions and type choice
    atom_swap = 12,       ///< atomistic: Monte Carlo type swaps
    atom_art = 13,        ///< atomistic: ART central atoms (a = search index)
    test = 99
};

/// The 128-bit Philox counter as four 32-bit words, word 0 first.
using PhiloxCounter = std::array<std::uint32_t, 4>;
/// The 64-bit Philox key as two 32-bit words, word 0 first.
using PhiloxKey = std::array<std::uint32_t, 2>;

/// The Philox4x32 block function with `Rounds` rounds (10 is the published, Crush-resistant
/// choice with a safety margin; other counts exist only to check against the reference).
template <int Rounds = 10>
[[nodiscard]] constexpr PhiloxCounter philox4x32(PhiloxCounter ctr, PhiloxKey key) {
    static_assert(Rounds >= 1 && Rounds <= 16, "Philox4x32 is defined for 1..16 rounds");
    constexpr std::uint64_t kM0 = 0xD2511F53u;  // round multipliers
    constexpr std::uint64_t kM1 = 0xCD9E8D57u;
    constexpr std::uint32_t kW0 = 0x9E3779B9u;  // Weyl key increments: golden ratio,
    constexpr std::uint32_t kW1 = 0xBB67AE85u;  // sqrt(3) - 1
    for (int r = 0; r < Rounds; ++r) {
        if (r > 0) {  // the key schedule bumps the key before rounds 2..R
            key[0] += kW0;
            key[1] += kW1;
        }
        const std::uint64_t p0 = kM0 * ctr[0];
        const std::uint64_t p1 = kM1 * ctr[2];
        ctr = {
            static_cast<std::uint32_t>(p1 >> 32) ^ ctr[1] ^ key[0], static_cast<std::uint32_t>(p1),
            static_cast<std::uint32_t>(p0 >> 32) ^ ctr[3] ^ key[1], static_cast<std::uint32_t>(p0)};
    }
    return ctr;
}

/// The SplitMix64 finaliser (Stafford's "Mix13"): a bijection of 64-bit words with full
/// avalanche.
[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/// The first output of a SplitMix64 generator whose state is `x`.
[[nodiscard]] constexpr std::uint64_t splitmix64(std::uint64_t x) {
    return mix64(x + 0x9E3779B97F4A7C15ull);
}

namespace detail {
[[noreturn]] inline void throw_rng_exhausted() {
    throw Error(
        "CounterRng: more than 2^32 blocks (2^34 32-bit words) drawn for one (seed, stream, a, "
        "b); use another counter value a or b for the next draws");
}
}  // namespace detail

/// Random numbers as a pure function of (seed, stream, a, b): a and b are 64-bit counters
/// chosen by the caller (e.g. a = voxel, b = generation; or a = event number).
///
/// The draws form one sequence of 32-bit words; word n is word n % 4 of Philox block n / 4
/// (see the layout at the top of this file). next_u64() takes two words (the first is the
/// high half), uniform() one u64 (rarely more), normal() two uniforms on every second call.
/// A CounterRng is a small value (no heap, no global state): make one where it is needed,
/// in any thread, rather than sharing one.
class CounterRng {
  public:
    /// Blocks of 4 words available to one (seed, stream, a, b).
    static constexpr std::uint64_t kMaxBlocks = std::uint64_t{1} << 32;

    /// seed: the run's seed; stream: the purpose; a, b: caller-chosen counters.
    constexpr CounterRng(std::uint64_t seed, RngStream stream, std::uint64_t a, std::uint64_t b = 0)
        : key_(make_key(seed, b)), ctr_(make_counter(stream, a, 0)) {}

    /// The Philox key for (seed, b): {lo32(k), hi32(k)} with k = mix64(splitmix64(seed) ^ b).
    [[nodiscard]] static constexpr PhiloxKey make_key(std::uint64_t seed, std::uint64_t b) {
        const std::uint64_t k = mix64(splitmix64(seed) ^ b);
        return {static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(k >> 32)};
    }
    /// The Philox counter of block `block` for (stream, a): {block, stream, lo32(a), hi32(a)}.
    [[nodiscard]] static constexpr PhiloxCounter make_counter(RngStream stream, std::uint64_t a,
                                                              std::uint32_t block) {
        return {block, static_cast<std::uint32_t>(stream), static_cast<std::uint32_t>(a),
                static_cast<std::uint32_t>(a >> 32)};
    }

    /// The next 32 random bits.
    constexpr std::uint32_t next_u32() {
        if (pos_ == 4) refill();
        return buf_[pos_++];
    }

    /// The next 64 random bits: two words, the first one the high half.
    constexpr std::uint64_t next_u64() {
        const std::uint64_t hi = next_u32();
        const std::uint64_t lo = next_u32();
        return (hi << 32) | lo;
    }

    /// A uniform double in the open interval (0, 1): k * 2^-53 with k the top 53 bits of
    /// next_u64(), k == 0 redrawn (probability 2^-53). The values lie on the grid
    /// {1, ..., 2^53 - 1} / 2^53, symmetric about 1/2, so 1 - u has the same law as u and
    /// -log(u) <= 53 ln 2 ~ 36.7 is always finite.
    constexpr double uniform() {
        std::uint64_t k = 0;
        while (k == 0) k = next_u64() >> 11;
        return static_cast<double>(k) * 0x1p-53;
    }

    /// A standard normal deviate by the Box-Muller transform: from uniforms u1, u2,
    /// r = sqrt(-2 ln u1) and z = r cos(2 pi u2) is returned, z' = r sin(2 pi u2) is kept
    /// and returned by the next call. Exact in distribution up to the truncation of u1 at
    /// 2^-53, i.e. |z| <= sqrt(106 ln 2) ~ 8.57 (a tail of probability ~1e-16).
    double normal() {
        if (has_normal_) {
            has_normal_ = false;
            return normal_;
        }
        const double u1 = uniform();
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        const double phi = 2.0 * std::numbers::pi * u2;
        normal_ = r * std::sin(phi);
        has_normal_ = true;
        return r * std::cos(phi);
    }

    /// Skips n 32-bit words, as if next_u32() had been called n times, in O(1); a normal
    /// value kept by normal() is dropped, so the state afterwards depends on draws() only.
    constexpr void discard(std::uint64_t n) {
        const std::uint64_t target = draws() + n;
        if (target < n || target > 4 * kMaxBlocks) detail::throw_rng_exhausted();
        has_normal_ = false;
        next_block_ = target / 4;
        pos_ = 4;
        if (target % 4 != 0) {
            refill();
            pos_ = static_cast<int>(target % 4);
        }
    }

    /// How many 32-bit words have been drawn so far (uniform() and normal() included).
    [[nodiscard]] constexpr std::uint64_t draws() const { return 4 * next_block_ + pos_ - 4; }

  private:
    constexpr void refill() {
        if (next_block_ == kMaxBlocks) detail::throw_rng_exhausted();
        ctr_[0] = static_cast<std::uint32_t>(next_block_);
        buf_ = philox4x32(ctr_, key_);
        ++next_block_;
        pos_ = 0;
    }

    PhiloxKey key_;
    PhiloxCounter ctr_;             // words 1..3 fixed by (stream, a); word 0 set per block
    PhiloxCounter buf_{};           // the current block's output
    std::uint64_t next_block_ = 0;  // blocks generated so far
    int pos_ = 4;                   // next word of buf_ to hand out; 4: buf_ used up
    bool has_normal_ = false;
    double normal_ = 0.0;
};

}  // namespace stz
