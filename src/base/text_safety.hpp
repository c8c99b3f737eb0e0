// The code points a report must never print raw.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/utf8.hpp"

namespace pm {

// Code points that can drive a terminal or hide or reorder text on screen: C0 except TAB/LF/CR,
// DEL, C1, U+2028/U+2029, every format character (general category Cf: bidi controls, zero-width
// marks, U+00AD, U+180E, U+FFF9-FFFB, the tag block U+E0000-E007F), every default-ignorable code
// point, and the blank fillers U+034F, U+115F, U+1160, U+3164, U+FFA0.
bool is_unsafe_code_point(char32_t code_point);

// "\x1B" below U+0100, "\u202E" up to U+FFFF, "\U000E0041" above: a visible stand-in for an unsafe one.
std::string visible_escape(char32_t code_point);

// Text for a terminal line (stderr, explain-error's text output): every unsafe code point, line
// break and invalid UTF-8 byte is shown as its escape, so a file name or message cannot move the
// cursor, recolour the screen, plant an OSC 8 link or reorder what the user reads.
std::string escape_for_terminal(std::string_view text);

// Number of code points (invalid bytes count one each).
std::size_t count_code_points(std::string_view text);

}  // namespace pm
