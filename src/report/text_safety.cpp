// The code points a report must never print raw, and their visible stand-ins.
#include "report/text_safety.hpp"

#include <cstdio>

namespace pm {

bool is_unsafe_code_point(char32_t cp) {
    if (cp < 0x20) {
        return cp != '\t' && cp != '\n' && cp != '\r';
    }
    if (cp >= 0x7F && cp <= 0x9F) {
        return true;
    }
    return cp == 0x061C || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           cp == 0x2028 || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
}

std::string visible_escape(char32_t cp) {
    char buffer[16];
    if (cp < 0x100) {
        std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned>(cp));
    } else {
        std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned>(cp));
    }
    return buffer;
}

std::size_t count_code_points(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t pos = 0; pos < text.size(); pos += decode_utf8(text, pos).length) {
        ++count;
    }
    return count;
}

}  // namespace pm
