// Text helpers every stage shares: one notion of blank, one trim, ASCII case folding.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pm {

// A fast hash of bytes, sixteen at a time, seeded once per process (so crafted input cannot aim at
// collisions in advance): the memos that look up every line and every quoted text use it.
std::size_t hash_bytes(std::string_view text);

// Hashes std::string and std::string_view alike, so an unordered container of strings is searched
// with a view (no copy per lookup): pair it with std::equal_to<>.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return hash_bytes(text); }
};

// Space, TAB and the other ASCII white space (CR, LF, VT, FF).
inline bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

// True for the empty string and for one made of blanks only.
// Inline, as the trims are: every reader calls them on every line.
inline bool is_blank(std::string_view text) {
    for (const char c : text) {
        if (!is_blank(c)) {
            return false;
        }
    }
    return true;
}

inline std::string_view trim_left(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size() && is_blank(text[i])) {
        ++i;
    }
    return text.substr(i);
}

inline std::string_view trim_right(std::string_view text) {
    std::size_t n = text.size();
    while (n > 0 && is_blank(text[n - 1])) {
        --n;
    }
    return text.substr(0, n);
}

inline std::string_view trim(std::string_view text) {
    return trim_right(trim_left(text));
}

// The value of one hex digit, or -1.
inline int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

inline char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view text, std::string_view prefix);
// Position of `needle` in `haystack` ignoring ASCII case, or npos.
std::size_t ifind(std::string_view haystack, std::string_view needle);

// "3 pods", "1 pod".
std::string plural(std::size_t count, std::string_view one, std::string_view many);

// The longest prefix of `text` no longer than `max_bytes` that ends on a UTF-8 character boundary.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

// `text` itself when it fits in `max_bytes`; else its longest whole-character prefix that leaves
// room for the mark, followed by `…` (what a quoted piece of evidence shows when it was cut).
std::string cut_with_mark(std::string_view text, std::size_t max_bytes);

}  // namespace pm
