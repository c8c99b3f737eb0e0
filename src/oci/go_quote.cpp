// Go %q quoting and strconv.Unquote-style decoding, plus the quote scanners the unwrapper builds on.
#include "oci/go_quote.hpp"

#include "oci/unwrap.hpp"
#include "base/text.hpp"
#include "base/utf8.hpp"

#include <unicode/uchar.h>

#include <bit>
#include <cstdint>
#include <cstring>

namespace pm {

namespace {

constexpr char k_hex_digits[] = "0123456789abcdef";

// Value of `count` hex digits at `pos`, or -1 when they are not all there.
std::int64_t read_hex(std::string_view text, std::size_t pos, std::size_t count)
{
    if (pos + count > text.size()) {
        return -1;
    }
    std::int64_t value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const int digit = hex_value(text[pos + i]);
        if (digit < 0) {
            return -1;
        }
        value = value * 16 + digit;
    }
    return value;
}

bool is_surrogate(std::int64_t cp)
{
    return cp >= 0xD800 && cp <= 0xDFFF;
}

// Decodes the escape starting with the backslash at `pos`, appends its value and returns how many
// bytes it used. Invalid escapes keep the backslash as a plain byte (returns 1), so damaged text
// passes through instead of failing.
std::size_t decode_escape(std::string_view text, std::size_t pos, std::string& out)
{
    if (pos + 1 >= text.size()) {
        out += '\\';
        return 1;
    }
    const char c = text[pos + 1];
    switch (c) {
    case 'a': out += '\a'; return 2;
    case 'b': out += '\b'; return 2;
    case 'f': out += '\f'; return 2;
    case 'n': out += '\n'; return 2;
    case 'r': out += '\r'; return 2;
    case 't': out += '\t'; return 2;
    case 'v': out += '\v'; return 2;
    case '\\': out += '\\'; return 2;
    case '"': out += '"'; return 2;
    case '/': out += '/'; return 2;  // JSON only; Go never writes it, so accepting it is harmless
    case 'x': {
        const std::int64_t value = read_hex(text, pos + 2, 2);
        if (value < 0) {
            break;
        }
        out += static_cast<char>(value);
        return 4;
    }
    case 'u': {
        const std::int64_t value = read_hex(text, pos + 2, 4);
        if (value < 0) {
            break;
        }
        // JSON writers outside Go spell astral characters as a UTF-16 surrogate pair.
        if (value >= 0xD800 && value <= 0xDBFF && pos + 12 <= text.size() && text[pos + 6] == '\\'
            && text[pos + 7] == 'u') {
            const std::int64_t low = read_hex(text, pos + 8, 4);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                append_utf8(out, static_cast<char32_t>(0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)));
                return 12;
            }
        }
        if (is_surrogate(value)) {
            break;
        }
        append_utf8(out, static_cast<char32_t>(value));
        return 6;
    }
    case 'U': {
        const std::int64_t value = read_hex(text, pos + 2, 8);
        if (value < 0 || value > 0x10FFFF || is_surrogate(value)) {
            break;
        }
        append_utf8(out, static_cast<char32_t>(value));
        return 10;
    }
    default:
        if (c >= '0' && c <= '7' && pos + 3 < text.size()) {
            const char c2 = text[pos + 2];
            const char c3 = text[pos + 3];
            if (c2 >= '0' && c2 <= '7' && c3 >= '0' && c3 <= '7') {
                const int value = (c - '0') * 64 + (c2 - '0') * 8 + (c3 - '0');
                if (value <= 0xFF) {
                    out += static_cast<char>(value);
                    return 4;
                }
            }
        }
        break;
    }
    out += '\\';
    return 1;
}

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
bool is_go_printable(std::uint32_t cp)
{
    if (cp < 0x80) {
        return cp >= 0x20 && cp < 0x7F;
    }
    switch (u_charType(static_cast<UChar32>(cp))) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
    case U_CONNECTOR_PUNCTUATION:
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_MATH_SYMBOL:
    case U_CURRENCY_SYMBOL:
    case U_MODIFIER_SYMBOL:
    case U_OTHER_SYMBOL:
        return true;
    default:
        return false;
    }
}

void append_hex(std::string& out, std::uint32_t value, int digits)
{
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
        out += k_hex_digits[(value >> shift) & 0xF];
    }
}

}  // namespace

std::string go_unquote_body(std::string_view body)
{
    std::string out;
    out.reserve(body.size());
    std::size_t pos = 0;
    while (pos < body.size()) {
        const void* hit = std::memchr(body.data() + pos, '\\', body.size() - pos);
        const std::size_t slash = hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - body.data())
                                      : body.size();
        out.append(body.data() + pos, slash - pos);
        if (slash >= body.size()) {
            break;
        }
        pos = slash + decode_escape(body, slash, out);
    }
    return out;
}

std::string go_quote(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    std::size_t pos = 0;
    while (pos < text.size()) {
        const Utf8Step step = decode_utf8(text, pos);
        const std::uint32_t cp = step.code_point;
        const std::size_t length = step.length;
        if (!step.valid) {
            // Go writes each byte of invalid UTF-8 as \xHH.
            out += "\\x";
            append_hex(out, static_cast<unsigned char>(text[pos]), 2);
            ++pos;
            continue;
        }
        if (cp == '"' || cp == '\\') {
            out += '\\';
            out += static_cast<char>(cp);
        } else if (is_go_printable(cp)) {
            out.append(text.data() + pos, length);
        } else {
            switch (cp) {
            case '\a': out += "\\a"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\v': out += "\\v"; break;
            default:
                if (cp < 0x20 || cp == 0x7F) {
                    out += "\\x";
                    append_hex(out, cp, 2);
                } else if (cp < 0x10000) {
                    out += "\\u";
                    append_hex(out, cp, 4);
                } else {
                    out += "\\U";
                    append_hex(out, cp, 8);
                }
                break;
            }
        }
        pos += length;
    }
    out += '"';
    return out;
}

namespace oci {

int quote_level(std::size_t backslashes)
{
    return std::countr_one(static_cast<std::uint64_t>(backslashes));
}

std::size_t backslashes_before(std::string_view text, std::size_t pos, std::size_t floor)
{
    std::size_t start = pos;
    while (start > floor && text[start - 1] == '\\') {
        --start;
    }
    return pos - start;
}

std::size_t find_quote_below_level(std::string_view text, std::size_t from, int levels)
{
    // Each backward run count stops at the previous quote (or `from`), so the runs are disjoint and
    // the whole search stays linear.
    std::size_t floor = from;
    std::size_t pos = from;
    while (pos < text.size()) {
        const void* hit = std::memchr(text.data() + pos, '"', text.size() - pos);
        if (hit == nullptr) {
            return std::string_view::npos;
        }
        const auto quote = static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
        if (quote_level(backslashes_before(text, quote, floor)) < levels) {
            return quote;
        }
        floor = quote + 1;
        pos = quote + 1;
    }
    return std::string_view::npos;
}

std::size_t find_unescaped_quote(std::string_view text, std::size_t from)
{
    return find_quote_below_level(text, from, 1);
}

std::string decode_levels(std::string_view text, int levels)
{
    std::string out;
    std::string_view current = text;
    for (int level = 0; level < levels; ++level) {
        if (current.find('\\') == std::string_view::npos) {
            break;
        }
        out = go_unquote_body(current);
        current = out;
    }
    if (current.data() == text.data()) {
        out.assign(text);
    }
    return out;
}

}  // namespace oci
}  // namespace pm
