// Guesses the legacy code page of input that is not UTF-8 (a Chinese or Western Windows console).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pm {

struct CharsetGuess {
    std::string name;    // ICU converter name ("GB18030", "windows-1252", …); empty when too weak
    int confidence = 0;  // ICU's 0..100 for the chosen name
};

// Runs ICU's detector on a bounded window around `first_invalid` (the first byte that is not
// UTF-8) and applies podmortem's policy: byte pairs in the GB2312 range mean GB18030 unless ICU is
// sure of another CJK encoding; single-byte code pages need ICU confidence >= 20.
CharsetGuess guess_legacy_charset(std::string_view bytes, std::size_t first_invalid);

}  // namespace pm
