// Tests of the counter-based generator, three ways (STYLE.md): known answers and pinned
// "historic" values, statistical moments, and same-input-same / different-input-different.
//
// The statistical checks use fixed seeds, so they are deterministic; their tolerances are
// 5 standard errors of the statistic for a true uniform or normal sample (a correct generator
// with another seed would fail one with probability ~6e-7), stated next to each check.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

#include "stz/core/error.hpp"
#include "stz/core/random.hpp"

using stz::CounterRng;
using stz::PhiloxCounter;
using stz::RngStream;

namespace {

constexpr int kN = 1'000'000;  // draws per statistical test

struct Moments {
    double mean, var, skew, kurt;  // kurt: the plain (not excess) kurtosis
};

Moments moments(const std::vector<double>& x) {
    const double n = static_cast<double>(x.size());
    double m = 0;
    for (double v : x) m += v;
    m /= n;
    double m2 = 0, m3 = 0, m4 = 0;
    for (double v : x) {
        const double d = v - m, d2 = d * d;
        m2 += d2;
        m3 += d2 * d;
        m4 += d2 * d2;
    }
    m2 /= n;
    m3 /= n;
    m4 /= n;
    return {m, m2, m3 / std::pow(m2, 1.5), m4 / (m2 * m2)};
}

// Pearson's chi-square statistic of x in (0, 1) against the uniform law on `bins` bins.
double chi_square_uniform(const std::vector<double>& x, int bins) {
    std::vector<double> count(static_cast<std::size_t>(bins), 0.0);
    for (double v : x) count[static_cast<std::size_t>(v * bins)] += 1.0;
    const double expected = static_cast<double>(x.size()) / bins;
    double chi2 = 0;
    for (double c : count) chi2 += (c - expected) * (c - expected) / expected;
    return chi2;
}

// Chi-square quantiles for 99 degrees of freedom (100 bins), from scipy.stats.chi2 (isf and
// ppf at 1e-6): the statistic of a true uniform sample lies in [kChi2Low, kChi2High] with
// probability 1 - 2e-6. The lower bound catches a sequence too even to be random.
constexpr double kChi2Low = 45.83;
constexpr double kChi2High = 180.79;

std::array<std::uint32_t, 4> first_words(CounterRng rng) {
    return {rng.next_u32(), rng.next_u32(), rng.next_u32(), rng.next_u32()};
}

}  // namespace

TEST_CASE("philox4x32-10 reproduces the Random123 known-answer vectors") {
    // Random123 tests/kat_vectors, the "philox4x32 10" lines (counter, key -> output).
    // Checked at compile time as well: the block function is constexpr.
    static_assert(stz::philox4x32({0, 0, 0, 0}, {0, 0}) ==
                  PhiloxCounter{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
    CHECK(stz::philox4x32({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
                          {0xffffffff, 0xffffffff}) ==
          PhiloxCounter{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
    CHECK(stz::philox4x32({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
                          {0xa4093822, 0x299f31d0}) ==
          PhiloxCounter{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
}

TEST_CASE("philox4x32-7 reproduces the Random123 known-answer vectors (round schedule)") {
    // The "philox4x32 7" lines of the same file: a wrong number of rounds or a key bump in
    // the wrong place would pass one round count but not both.
    CHECK(stz::philox4x32<7>({0, 0, 0, 0}, {0, 0}) ==
          PhiloxCounter{0x5f6fb709, 0x0d893f64, 0x4f121f81, 0x4f730a48});
    CHECK(stz::philox4x32<7>({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
                             {0xffffffff, 0xffffffff}) ==
          PhiloxCounter{0x5207ddc2, 0x45165e59, 0x4d8ee751, 0x8c52f662});
    CHECK(stz::philox4x32<7>({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
                             {0xa4093822, 0x299f31d0}) ==
          PhiloxCounter{0x4dfccaba, 0x190a87f0, 0xc47362ba, 0xb6b5242a});
}

TEST_CASE("splitmix64 reproduces the reference SplitMix64 outputs") {
    // First outputs of Vigna's splitmix64.c for states 0 and 1234567.
    static_assert(stz::splitmix64(0) == 0xE220A8397B1DCDAFull);
    CHECK(stz::splitmix64(1234567) == 6457827717110365317ull);
}

TEST_CASE("CounterRng follows the documented counter and key layout") {
    // Word n is word n % 4 of philox4x32({n / 4, stream, lo32(a), hi32(a)}, key(seed, b)).
    const std::uint64_t seed = 0x0123456789ABCDEFull, a = 0x123456789ABCDEF0ull,
                        b = 0xFEDCBA9876543210ull;
    CHECK(CounterRng::make_counter(RngStream::thermal, a, 5) ==
          PhiloxCounter{5, 2, 0x9ABCDEF0, 0x12345678});
    const std::uint64_t k = stz::mix64(stz::splitmix64(seed) ^ b);
    CHECK(CounterRng::make_key(seed, b) ==
          stz::PhiloxKey{static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(k >> 32)});
    CounterRng rng(seed, RngStream::thermal, a, b);
    for (std::uint32_t block = 0; block < 3; ++block) {
        const PhiloxCounter want = stz::philox4x32(
            CounterRng::make_counter(RngStream::thermal, a, block), CounterRng::make_key(seed, b));
        for (std::uint32_t w : want) CHECK(rng.next_u32() == w);
    }
    CHECK(rng.draws() == 12);
}

TEST_CASE("CounterRng(42, catalog, 7, 3) gives its historic values") {
    // These pin the layout (key, counter, word order): if they change, every stored run
    // changes. Computed once by this implementation and by an independent Python transcript
    // of the algorithm and layout; never update them without a CHANGELOG entry.
    static_assert([] {  // usable at compile time too
        CounterRng r(42, RngStream::catalog, 7, 3);
        return r.next_u32();
    }() == 0x0a19f87fu);
    CounterRng rng(42, RngStream::catalog, 7, 3);
    CHECK(rng.next_u32() == 0x0a19f87fu);
    CHECK(rng.next_u32() == 0xd1322fc9u);
    CHECK(rng.next_u32() == 0xcddb1632u);
    CHECK(rng.next_u32() == 0xd9cccb59u);
    // The next block, as a u64: word 4 is the high half.
    CHECK(rng.next_u64() == 0x46e79ad78a78a4dcull);
}

TEST_CASE("uniform() has the moments of U(0, 1) and is never 0 or 1") {
    CounterRng rng(2024, RngStream::test, 1);
    std::vector<double> u(kN);
    for (double& v : u) v = rng.uniform();
    CHECK(*std::min_element(u.begin(), u.end()) > 0.0);
    CHECK(*std::max_element(u.begin(), u.end()) < 1.0);
    const Moments m = moments(u);
    // mean: sd 1/sqrt(12), standard error sqrt(1/12 / n) = 2.89e-4 -> tolerance 1.44e-3.
    CHECK(std::abs(m.mean - 0.5) < 5 * std::sqrt(1.0 / 12.0 / kN));
    // variance 1/12: Var(s^2) ~ (mu4 - sigma^4) / n = (1/80 - 1/144) / n = 1/(180 n),
    // standard error 7.45e-5 -> tolerance 3.73e-4.
    CHECK(std::abs(m.var - 1.0 / 12.0) < 5 * std::sqrt(1.0 / 180.0 / kN));
}

TEST_CASE("uniform() passes a chi-square test on 100 bins") {
    CounterRng rng(7, RngStream::test, 2);
    std::vector<double> u(kN);
    for (double& v : u) v = rng.uniform();
    const double chi2 = chi_square_uniform(u, 100);
    INFO("chi2 = " << chi2 << " (99 degrees of freedom)");
    CHECK(chi2 > kChi2Low);
    CHECK(chi2 < kChi2High);
}

TEST_CASE("first draws across consecutive counters are uniform (the per-voxel use)") {
    // One draw per a = 0, 1, 2, ...: consecutive counters must not give related values.
    std::vector<double> u(kN);
    for (int a = 0; a < kN; ++a) u[a] = CounterRng(11, RngStream::thermal, a, 4).uniform();
    const double chi2 = chi_square_uniform(u, 100);
    INFO("chi2 = " << chi2);
    CHECK(chi2 > kChi2Low);
    CHECK(chi2 < kChi2High);
    const Moments m = moments(u);
    CHECK(std::abs(m.mean - 0.5) < 5 * std::sqrt(1.0 / 12.0 / kN));
    // The same over consecutive b (the per-generation use), fewer draws.
    constexpr int kNb = 100'000;
    std::vector<double> ub(kNb);
    for (int b = 0; b < kNb; ++b) ub[b] = CounterRng(11, RngStream::thermal, 3, b).uniform();
    const double chi2b = chi_square_uniform(ub, 100);
    INFO("chi2 over b = " << chi2b);
    CHECK(chi2b > kChi2Low);
    CHECK(chi2b < kChi2High);
}

TEST_CASE("every bit of next_u32() is set half of the time") {
    CounterRng rng(5, RngStream::test, 3);
    std::array<int, 32> ones{};
    for (int i = 0; i < kN; ++i) {
        const std::uint32_t w = rng.next_u32();
        for (int bit = 0; bit < 32; ++bit) ones[bit] += (w >> bit) & 1u;
    }
    // Binomial(n, 1/2): standard error of the fraction 0.5 / sqrt(n) = 5e-4 -> 2.5e-3.
    for (int bit = 0; bit < 32; ++bit) {
        INFO("bit " << bit);
        CHECK(std::abs(ones[bit] / double(kN) - 0.5) < 5 * 0.5 / std::sqrt(double(kN)));
    }
}

TEST_CASE("normal() has the moments of N(0, 1)") {
    CounterRng rng(99, RngStream::test, 4);
    std::vector<double> z(kN);
    for (double& v : z) v = rng.normal();
    const Moments m = moments(z);
    INFO("mean " << m.mean << ", var " << m.var << ", skew " << m.skew << ", kurt " << m.kurt);
    // Standard errors for n normal draws: mean 1/sqrt(n) = 1e-3; variance sqrt(2/n) = 1.41e-3;
    // skewness sqrt(6/n) = 2.45e-3; kurtosis sqrt(24/n) = 4.90e-3. Tolerance: 5 of them.
    const double n = kN;
    CHECK(std::abs(m.mean) < 5 * std::sqrt(1.0 / n));
    CHECK(std::abs(m.var - 1.0) < 5 * std::sqrt(2.0 / n));
    CHECK(std::abs(m.skew) < 5 * std::sqrt(6.0 / n));
    CHECK(std::abs(m.kurt - 3.0) < 5 * std::sqrt(24.0 / n));
    // Box-Muller with u1 >= 2^-53 bounds |z| by sqrt(106 ln 2).
    const auto [lo, hi] = std::minmax_element(z.begin(), z.end());
    CHECK(std::max(-*lo, *hi) <= std::sqrt(106.0 * std::log(2.0)));
    // Tail: P(|z| > 3) = 2.700e-3, binomial standard error sqrt(p (1 - p) / n) = 5.19e-5.
    const double tail =
        std::count_if(z.begin(), z.end(), [](double v) { return std::abs(v) > 3; }) / n;
    CHECK(std::abs(tail - 2.6998e-3) < 5 * std::sqrt(2.6998e-3 * (1 - 2.6998e-3) / n));
}

TEST_CASE("the same (seed, stream, a, b) gives the same sequence") {
    CounterRng x(42, RngStream::athermal, 123, 456);
    CounterRng y(42, RngStream::athermal, 123, 456);
    for (int i = 0; i < 1000; ++i) {
        REQUIRE(x.next_u32() == y.next_u32());
        REQUIRE(x.uniform() == y.uniform());
        REQUIRE(x.normal() == y.normal());
    }
}

TEST_CASE("a different seed, stream, a or b gives different values") {
    const auto base = first_words(CounterRng(42, RngStream::catalog, 7, 3));
    CHECK(first_words(CounterRng(43, RngStream::catalog, 7, 3)) != base);
    CHECK(first_words(CounterRng(42, RngStream::thermal, 7, 3)) != base);
    CHECK(first_words(CounterRng(42, RngStream::catalog, 8, 3)) != base);
    CHECK(first_words(CounterRng(42, RngStream::catalog, 7, 4)) != base);
    CHECK(first_words(CounterRng(42, RngStream::catalog, 7 + (1ull << 32), 3)) != base);
    // Small seeds and small b stay apart although b enters the key: the seed is hashed first.
    CHECK(first_words(CounterRng(0, RngStream::catalog, 0, 1)) !=
          first_words(CounterRng(1, RngStream::catalog, 0, 0)));

    // No repeated first u64 over a grid of seeds, streams, a and b (40,000 inputs; a chance
    // repeat among 64-bit values would have probability ~4e-11).
    std::set<std::uint64_t> seen;
    int inputs = 0;
    for (std::uint64_t seed : {0ull, 1ull, 2ull, 0xFFFFFFFFFFFFFFFFull})
        for (RngStream s : {RngStream::catalog, RngStream::thermal})
            for (std::uint64_t a = 0; a < 100; ++a)
                for (std::uint64_t b = 0; b < 50; ++b) {
                    seen.insert(CounterRng(seed, s, a, b).next_u64());
                    ++inputs;
                }
    CHECK(seen.size() == static_cast<std::size_t>(inputs));
}

TEST_CASE("values do not depend on the order in which counters are visited") {
    auto draw = [](std::uint64_t a) {
        CounterRng rng(42, RngStream::thermal, a, 1);
        return std::array<double, 3>{rng.uniform(), rng.normal(), rng.uniform()};
    };
    const auto five_first = draw(5);
    const auto nine_second = draw(9);
    const auto nine_first = draw(9);
    const auto five_second = draw(5);
    CHECK(five_first == five_second);
    CHECK(nine_first == nine_second);
    CHECK(five_first != nine_first);
}

TEST_CASE("discard(n) equals n draws, and the 2^32-block limit throws") {
    CounterRng drawn(3, RngStream::test, 0);
    for (int n = 0; n < 10; ++n) {
        CounterRng skipped(3, RngStream::test, 0);
        skipped.discard(static_cast<std::uint64_t>(n));
        CHECK(skipped.draws() == static_cast<std::uint64_t>(n));
        CHECK(skipped.next_u32() == CounterRng(drawn).next_u32());
        drawn.next_u32();
    }
    // The last word of the last block is available; the one after it is not.
    CounterRng rng(3, RngStream::test, 0);
    rng.discard(4 * CounterRng::kMaxBlocks - 1);
    const PhiloxCounter last = stz::philox4x32(
        CounterRng::make_counter(RngStream::test, 0, 0xFFFFFFFFu), CounterRng::make_key(3, 0));
    CHECK(rng.next_u32() == last[3]);
    CHECK(rng.draws() == 4 * CounterRng::kMaxBlocks);
    CHECK_THROWS_AS(rng.next_u32(), stz::Error);
    CHECK_THROWS_AS(rng.discard(1), stz::Error);
}

TEST_CASE("uniform()'s extreme grid values are strictly inside (0, 1)") {
    // k * 2^-53 is exact for every 53-bit k, so the largest value is 1 - 2^-53 (not rounded
    // up to 1) and the smallest, k = 1, is 2^-53 (k = 0 is redrawn).
    constexpr double top = static_cast<double>((std::uint64_t{1} << 53) - 1) * 0x1p-53;
    static_assert(top < 1.0 && top == 1.0 - 0x1p-53);
    CHECK(-std::log(0x1p-53) == doctest::Approx(53 * std::log(2.0)));
}
