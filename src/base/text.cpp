#include "base/text.hpp"

namespace pm {

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
