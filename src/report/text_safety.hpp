// The code points a report must never print raw.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "records/utf8.hpp"

namespace pm {

// Control characters and invisible direction/format marks that can hide or reorder text on screen
// (C0 except TAB/LF/CR, DEL, C1, U+061C, U+200B-U+200F, U+202A-U+202E, U+2028/U+2029,
// U+2060-U+2069, U+FEFF).
bool is_unsafe_code_point(char32_t code_point);

// "\x1B" for code points below U+0100, "\u202E" above: a visible stand-in for an unsafe one.
std::string visible_escape(char32_t code_point);

// Number of code points (invalid bytes count one each).
std::size_t count_code_points(std::string_view text);

}  // namespace pm
