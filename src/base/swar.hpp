// Eight bytes at a time in a 64-bit word: the tests the byte scanners (UTF-8 check, JSON escaper,
// binary-text screen) run before falling back to a byte loop. Each answers true when some byte
// qualifies and may answer true for a byte next to one that does; it never misses one.
#pragma once

#include <cstdint>
#include <cstring>

namespace pm::swar {

inline constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
inline constexpr std::uint64_t k_highs = 0x8080808080808080ULL;

inline std::uint64_t load8(const void* bytes) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes, 8);
    return word;
}

// A byte with its top bit set (not ASCII).
inline bool has_high(std::uint64_t x) {
    return (x & k_highs) != 0;
}

// A byte equal to `c`.
inline bool has_byte(std::uint64_t x, unsigned char c) {
    const std::uint64_t v = x ^ (k_ones * c);
    return ((v - k_ones) & ~v & k_highs) != 0;
}

// A byte below `n` (n at most 0x80).
inline bool has_below(std::uint64_t x, unsigned char n) {
    return ((x - k_ones * n) & ~x & k_highs) != 0;
}

// A byte of 0x7F or more: DEL or not ASCII.
inline bool has_del_or_high(std::uint64_t x) {
    return ((x | (x + k_ones)) & k_highs) != 0;
}

}  // namespace pm::swar
