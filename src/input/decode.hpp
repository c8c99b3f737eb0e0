// Turns raw input bytes into UTF-8 text with '\n' line ends, whatever encoding they came in.
#pragma once

#include <string>
#include <string_view>

#include "input/text_sink.hpp"

namespace pm {

struct DecodedText {
    std::string encoding = "UTF-8";  // "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "GB18030", …
    std::string text;                // UTF-8; CRLF and lone CR turned into '\n'
    ReplacementLog replacements;     // where U+FFFD went in, by line of `text`
    bool guessed = false;            // encoding chosen by ICU's detector, not by a BOM or validation
    int guess_confidence = 0;
    long long first_non_utf8_line = 0;  // when guessed: the line of the first byte that is not UTF-8
};

// Order of evidence: a BOM; UTF-16/32 without BOM (ASCII with every other byte zero); valid
// UTF-8; mostly valid UTF-8 (repaired); a legacy code page found by ICU; otherwise repaired UTF-8.
// Linear in the input; never throws on bad input.
void decode_bytes(std::string_view bytes, DecodedText& out);

// The same for bytes the caller gives up: clean UTF-8 becomes the text without a copy.
void decode_owned_bytes(std::string&& bytes, DecodedText& out, unsigned jobs = 1);

// Whether the bytes are already the text: UTF-8 with no BOM, no invalid sequence, NUL or CR, and
// not UTF-16/32 without a BOM. Such bytes need no decoding at all.
bool is_clean_utf8(std::string_view bytes, unsigned jobs = 1);

}  // namespace pm
