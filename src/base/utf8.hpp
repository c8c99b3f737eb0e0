// The one UTF-8 codec every stage shares: decode a code point (never fails), encode one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pm {

inline constexpr char32_t k_replacement_char = 0xFFFD;

struct Utf8Step {
    char32_t code_point = k_replacement_char;  // U+FFFD when the bytes are not valid UTF-8
    std::size_t length = 1;                    // bytes consumed, always >= 1
    bool valid = false;
};

// Decodes the code point starting at text[pos] (pos < text.size()). Overlong forms, surrogates,
// values above U+10FFFF and truncated sequences are invalid and consume exactly one byte, so a
// caller that substitutes U+FFFD per step turns any byte string into valid UTF-8.
Utf8Step decode_utf8(std::string_view text, std::size_t pos);

// Appends the UTF-8 encoding of a (valid, non-surrogate) code point.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace pm
