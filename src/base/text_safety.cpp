// The code points a report must never print raw, and their visible stand-ins.
#include "base/text_safety.hpp"

#include <unicode/uchar.h>

#include <cstdio>

namespace pm {

namespace {

// Fillers that render as nothing but are letters, not format characters (Hangul fillers, U+034F).
bool is_blank_filler(char32_t cp) {
    return cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0;
}

}  // namespace

bool is_unsafe_code_point(char32_t cp) {
    if (cp < 0x20) {
        return cp != '\t' && cp != '\n' && cp != '\r';
    }
    if (cp < 0x7F) {
        return false;
    }
    if (cp <= 0x9F) {
        return true;  // DEL and C1
    }
    if (cp == 0x2028 || cp == 0x2029 || is_blank_filler(cp)) {
        return true;
    }
    // Every format character (bidi controls, zero-width marks, soft hyphen, tags U+E0000-E007F,
    // interlinear annotations U+FFF9-FFFB) and every default-ignorable code point can hide text.
    const auto c = static_cast<UChar32>(cp);
    return u_charType(c) == U_FORMAT_CHAR || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

std::string visible_escape(char32_t cp) {
    char buffer[16];
    if (cp < 0x100) {
        std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned>(cp));
    } else if (cp <= 0xFFFF) {
        std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned>(cp));
    } else {
        std::snprintf(buffer, sizeof buffer, "\\U%08X", static_cast<unsigned>(cp));
    }
    return buffer;
}

std::string escape_for_terminal(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        const auto c = static_cast<unsigned char>(text[pos]);
        if (c >= 0x20 && c < 0x7F) {
            out.push_back(static_cast<char>(c));
            ++pos;
            continue;
        }
        const Utf8Step step = decode_utf8(text, pos);
        if (!step.valid) {
            out += visible_escape(c);  // the raw byte, so nothing invalid reaches the terminal
        } else if (step.code_point == '\n') {
            out += "\\n";
        } else if (step.code_point == '\r') {
            out += "\\r";
        } else if (step.code_point == '\t') {
            out += "\\t";
        } else if (is_unsafe_code_point(step.code_point)) {
            out += visible_escape(step.code_point);
        } else {
            out.append(text.substr(pos, step.length));
        }
        pos += step.length;
    }
    return out;
}

std::size_t count_code_points(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t pos = 0; pos < text.size(); pos += decode_utf8(text, pos).length) {
        ++count;
    }
    return count;
}

}  // namespace pm
