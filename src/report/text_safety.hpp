// UTF-8 decoding that never fails, and the code points a report must never print raw.
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

// Control characters and invisible direction/format marks that can hide or reorder text on screen
// (C0 except TAB/LF/CR, DEL, C1, U+061C, U+200B-U+200F, U+202A-U+202E, U+2028/U+2029,
// U+2060-U+2069, U+FEFF).
bool is_unsafe_code_point(char32_t code_point);

// "\x1B" for code points below U+0100, "\u202E" above: a visible stand-in for an unsafe one.
std::string visible_escape(char32_t code_point);

// Number of code points (invalid bytes count one each).
std::size_t count_code_points(std::string_view text);

}  // namespace pm
