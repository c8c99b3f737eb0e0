// A small streaming JSON emitter: compact or pretty-printed (2 spaces), always valid UTF-8, no dependencies.
#include "report/json_text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "base/swar.hpp"
#include "base/text_safety.hpp"

namespace pm {

namespace {

// JSON has only \uXXXX: a code point above U+FFFF is written as its UTF-16 surrogate pair.
void append_unicode_escape(std::string& out, char32_t cp) {
    char buffer[16];
    if (cp > 0xFFFF) {
        const char32_t v = cp - 0x10000;
        std::snprintf(buffer, sizeof buffer, "\\u%04x\\u%04x", static_cast<unsigned>(0xD800 + (v >> 10)),
                      static_cast<unsigned>(0xDC00 + (v & 0x3FF)));
    } else {
        std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(cp));
    }
    out += buffer;
}

// Whether any of the 8 bytes in `x` is not plain (a control, `"`, `\`, DEL or non-ASCII).
bool any_special(std::uint64_t x) {
    return swar::has_below(x, 0x20) || swar::has_del_or_high(x) || swar::has_byte(x, '"') || swar::has_byte(x, '\\');
}

}  // namespace

// Bytes that go into a JSON string as they are: printable ASCII other than `"` and `\`.
constexpr std::array<bool, 256> k_plain = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 0x7F; ++c) {
        plain[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
    }
    return plain;
}();

void append_json_string(std::string& out, std::string_view text) {
    out.reserve(out.size() + text.size() + 2);
    out.push_back('"');
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t pos = 0;
    while (pos < text.size()) {
        // Plain ASCII is the common case: copy each run of it at once, without decoding.
        std::size_t run = pos;
        while (run + 8 <= text.size() && !any_special(swar::load8(bytes + run))) {
            run += 8;
        }
        while (run < text.size() && k_plain[bytes[run]]) {
            ++run;
        }
        out.append(text.data() + pos, run - pos);
        pos = run;
        if (pos >= text.size()) {
            break;
        }
        const Utf8Step step = decode_utf8(text, pos);
        const char32_t cp = step.code_point;
        switch (cp) {
        case '"': out += "\\\""; pos += step.length; continue;
        case '\\': out += "\\\\"; pos += step.length; continue;
        case '\b': out += "\\b"; pos += step.length; continue;
        case '\f': out += "\\f"; pos += step.length; continue;
        case '\n': out += "\\n"; pos += step.length; continue;
        case '\r': out += "\\r"; pos += step.length; continue;
        case '\t': out += "\\t"; pos += step.length; continue;
        default: break;
        }
        // The escaped forms decode to the same string, but keep `cat report.json` from
        // driving the terminal or reordering text.
        if (cp < 0x20 || is_unsafe_code_point(cp)) {
            append_unicode_escape(out, cp);
        } else if (step.valid) {
            out.append(text.data() + pos, step.length);  // valid UTF-8 stays as it is
        } else {
            append_utf8(out, cp);  // U+FFFD for a byte that is not UTF-8
        }
        pos += step.length;
    }
    out.push_back('"');
}

void JsonText::newline_and_indent() {
    if (!m_pretty) {
        return;
    }
    static const std::string k_spaces(256, ' ');
    m_out.push_back('\n');
    const std::size_t width = 2 * m_levels.size();
    m_out.append(k_spaces, 0, std::min(width, k_spaces.size()));
    if (width > k_spaces.size()) {
        m_out.append(width - k_spaces.size(), ' ');
    }
}

void JsonText::before_value() {
    if (m_after_key) {
        m_after_key = false;
        return;
    }
    if (m_levels.empty()) {
        return;
    }
    Level& level = m_levels.back();
    if (level.count > 0) {
        m_out.push_back(',');
    }
    ++level.count;
    newline_and_indent();
}

void JsonText::resume_array(std::size_t depth, std::size_t first) {
    m_levels.assign(depth, Level{true, 1});
    if (!m_levels.empty()) {
        m_levels.back() = Level{false, first};
    }
    m_after_key = false;
}

std::string JsonText::take_text() {
    std::string out = std::move(m_out);
    m_out.clear();
    return out;
}

void JsonText::splice(std::string_view text, std::size_t elements) {
    if (m_sink != nullptr && text.size() >= k_direct_bytes) {
        // A large rendered batch goes to the sink as it is, not copied through m_out first.
        if (!m_out.empty()) {
            m_sink->write(m_out);
            m_out.clear();
        }
        m_sink->write(text);
    } else {
        m_out.append(text);
    }
    if (!m_levels.empty()) {
        m_levels.back().count += elements;
    }
    flush_if_large();
}

void JsonText::reserve(std::size_t bytes) {
    m_out.reserve(bytes);
}

void JsonText::flush_if_large() {
    constexpr std::size_t k_flush_bytes = 1 << 20;
    if (m_sink != nullptr && m_out.size() >= k_flush_bytes) {
        m_sink->write(m_out);
        m_out.clear();
    }
}

void JsonText::begin_object() {
    flush_if_large();
    before_value();
    m_out.push_back('{');
    m_levels.push_back(Level{true, 0});
}

void JsonText::end_object() {
    const bool had_members = !m_levels.empty() && m_levels.back().count > 0;
    if (!m_levels.empty()) {
        m_levels.pop_back();
    }
    if (had_members) {
        newline_and_indent();
    }
    m_out.push_back('}');
}

void JsonText::begin_array() {
    before_value();
    m_out.push_back('[');
    m_levels.push_back(Level{false, 0});
}

void JsonText::end_array() {
    const bool had_items = !m_levels.empty() && m_levels.back().count > 0;
    if (!m_levels.empty()) {
        m_levels.pop_back();
    }
    if (had_items) {
        newline_and_indent();
    }
    m_out.push_back(']');
}

void JsonText::key(std::string_view name) {
    // Compact output writes `,"name":` in one append: a report writes a few hundred keys per pod.
    if (!m_pretty && !m_levels.empty() && name.size() <= 64) {
        char piece[72];
        std::size_t n = 0;
        Level& level = m_levels.back();
        if (level.count > 0) {
            piece[n++] = ',';
        }
        ++level.count;
        piece[n++] = '"';
        std::memcpy(piece + n, name.data(), name.size());
        n += name.size();
        piece[n++] = '"';
        piece[n++] = ':';
        m_out.append(piece, n);
        m_after_key = true;
        return;
    }
    m_after_key = false;
    before_value();
    // Keys are the contract's own ASCII names: no escaping to do.
    m_out.push_back('"');
    m_out.append(name);
    m_out.append("\": ", m_pretty ? 3 : 2);
    m_after_key = true;
}

void JsonText::raw_string_value(std::string_view escaped) {
    before_value();
    m_out.push_back('"');
    m_out.append(escaped);
    m_out.push_back('"');
}

void JsonText::encoded_value(std::string_view json) {
    before_value();
    m_out.append(json);
}

void JsonText::string_value(std::string_view text) {
    before_value();
    append_json_string(m_out, text);
}

void JsonText::opt_string_value(const std::optional<std::string>& text) {
    if (text) {
        string_value(std::string_view(*text));
    } else {
        null_value();
    }
}

void JsonText::int_value(long long number) {
    before_value();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    m_out.append(digits, static_cast<std::size_t>(end - digits));
}

void JsonText::int_value(const std::optional<long long>& number) {
    if (number) {
        int_value(*number);
    } else {
        null_value();
    }
}

void JsonText::bool_value(bool flag) {
    before_value();
    m_out += flag ? "true" : "false";
}

void JsonText::bool_value(const std::optional<bool>& flag) {
    if (flag) {
        bool_value(*flag);
    } else {
        null_value();
    }
}

void JsonText::double_value(double number, int max_decimals) {
    if (!std::isfinite(number)) {
        null_value();
        return;
    }
    before_value();
    if (max_decimals < 1) {
        max_decimals = 1;
    }
    if (max_decimals > 17) {
        max_decimals = 17;
    }
    // %f of a huge finite double prints ~310 digits; 400 bytes is enough.
    char buffer[400];
    std::snprintf(buffer, sizeof buffer, "%.*f", max_decimals, number);
    std::string text = buffer;
    // Drop trailing zeros but keep one digit after the point so it still reads as a number.
    const std::size_t point = text.find('.');
    if (point != std::string::npos) {
        std::size_t end = text.size();
        while (end > point + 2 && text[end - 1] == '0') {
            --end;
        }
        text.resize(end);
    }
    if (text == "-0.0") {
        text = "0.0";
    }
    m_out += text;
}

void JsonText::null_value() {
    before_value();
    m_out += "null";
}

std::string JsonText::finish() {
    std::string out = std::move(m_out);
    out.push_back('\n');
    m_out.clear();
    m_levels.clear();
    m_after_key = false;
    if (m_sink != nullptr) {
        m_sink->write(out);
        out.clear();
    }
    return out;
}

}  // namespace pm
