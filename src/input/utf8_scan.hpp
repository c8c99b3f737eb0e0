// Hand-written UTF-8 validation: fast enough for 200 MB inputs, and shared by the scan and the repair pass.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace pm {

// Length (2..4) of the well-formed multi-byte sequence starting at p[0] (which must be >= 0x80), or 0
// when it is ill-formed; then `bad_len` is the length of its maximal subpart (>= 1), the bytes one
// U+FFFD replaces (the Unicode "best practice" for substitution).
int utf8_sequence_length(const unsigned char* p, std::size_t avail, std::size_t& bad_len);

struct Utf8Stats {
    std::size_t invalid = 0;    // ill-formed sequences (each would become one U+FFFD)
    std::size_t truncated = 0;  // of those, a lead byte plus continuation bytes: UTF-8 cut short
    std::size_t multibyte = 0;  // well-formed sequences of 2..4 bytes
    std::size_t nul = 0;
    std::size_t cr = 0;
    std::size_t first_invalid = std::string_view::npos;  // byte offset
};

// One linear pass over `bytes`; ASCII is checked eight bytes at a time.
Utf8Stats scan_utf8(std::string_view bytes);

// The same on `jobs` threads for a large text: cut after newlines (no UTF-8 sequence holds one,
// so every piece reads as it would in the whole), the pieces' counts added up.
Utf8Stats scan_utf8(std::string_view bytes, unsigned jobs);

// Offsets that cut `text` into about `parts` pieces, each cut just after a '\n': {0, …, size}.
std::vector<std::size_t> newline_cuts(std::string_view text, std::size_t parts);

// Below this size a text is read on one thread: starting threads would cost more.
inline constexpr std::size_t k_parallel_text_bytes = std::size_t{8} << 20;

}  // namespace pm
