#include "base/text.hpp"

#include <cstdint>
#include <cstring>

namespace pm {

namespace {

// The seed: an address the loader randomised (ASLR), stirred; no system call.
std::uint64_t process_seed() {
    static const std::uint64_t seed = [] {
        static const char anchor = 0;
        std::uint64_t x = reinterpret_cast<std::uintptr_t>(&anchor) ^ 0x9E3779B97F4A7C15ULL;
        x ^= x >> 31;
        x *= 0xBF58476D1CE4E5B9ULL;
        return x ^ (x >> 29);
    }();
    return seed;
}

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
    const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
    return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
}

}  // namespace

std::size_t hash_bytes(std::string_view text) {
    constexpr std::uint64_t k1 = 0xA0761D6478BD642FULL;
    constexpr std::uint64_t k2 = 0xE7037ED1A0B428DBULL;
    const char* p = text.data();
    std::size_t n = text.size();
    std::uint64_t h = process_seed() ^ (n * k1);
    while (n >= 16) {
        std::uint64_t a = 0;
        std::uint64_t b = 0;
        std::memcpy(&a, p, 8);
        std::memcpy(&b, p + 8, 8);
        h = mix(a ^ k1 ^ h, b ^ k2);
        p += 16;
        n -= 16;
    }
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    if (n > 8) {
        std::memcpy(&a, p, 8);
        std::memcpy(&b, p + 8, n - 8);
    } else if (n > 0) {  // an empty view's data() may be null, which memcpy must never see
        std::memcpy(&a, p, n);
    }
    return static_cast<std::size_t>(mix(mix(a ^ k1 ^ h, b ^ k2), n ^ k1));
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) {
            return false;
        }
    }
    return true;
}

bool istarts_with(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

std::size_t ifind(std::string_view haystack, std::string_view needle) {
    if (needle.empty()) {
        return 0;
    }
    if (needle.size() > haystack.size()) {
        return std::string_view::npos;
    }
    const char first = ascii_lower(needle[0]);
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        if (ascii_lower(haystack[i]) != first) {
            continue;
        }
        std::size_t j = 1;
        while (j < needle.size() && ascii_lower(haystack[i + j]) == ascii_lower(needle[j])) {
            ++j;
        }
        if (j == needle.size()) {
            return i;
        }
    }
    return std::string_view::npos;
}

std::string plural(std::size_t count, std::string_view one, std::string_view many) {
    return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) {
        return text;
    }
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut;  // never split a UTF-8 sequence
    }
    return text.substr(0, cut);
}

std::string cut_with_mark(std::string_view text, std::size_t max_bytes) {
    static constexpr std::string_view k_mark = "\u2026";
    if (text.size() <= max_bytes) {
        return std::string(text);
    }
    std::string out(utf8_prefix(text, max_bytes > k_mark.size() ? max_bytes - k_mark.size() : 0));
    out += k_mark;
    return out;
}

}  // namespace pm
