// One layer of JSON / YAML quoting undone; the runtime-error unwrapper (src/oci/) takes the layers after it.
#include "readers/pod_objects/object_scalars.hpp"

#include "base/text.hpp"
#include "base/utf8.hpp"

namespace pm {

namespace {

// Four hex digits at `text[pos]`, or -1.
long hex4(std::string_view text, size_t pos) {
    if (pos + 4 > text.size()) {
        return -1;
    }
    long v = 0;
    for (size_t k = 0; k < 4; ++k) {
        int h = hex_value(text[pos + k]);
        if (h < 0) {
            return -1;
        }
        v = v * 16 + h;
    }
    return v;
}

// Where the double-quoted string opened at `text[0]` closes, or npos.
size_t double_quote_end(std::string_view text) {
    for (size_t i = 1; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;
        } else if (text[i] == '"') {
            return i;
        }
    }
    return std::string_view::npos;
}

size_t single_quote_end(std::string_view text) {
    for (size_t i = 1; i < text.size(); ++i) {
        if (text[i] == '\'') {
            if (i + 1 < text.size() && text[i + 1] == '\'') {
                ++i;
                continue;
            }
            return i;
        }
    }
    return std::string_view::npos;
}

void decode_double(std::string_view body, std::string& out) {
    for (size_t i = 0; i < body.size(); ++i) {
        char c = body[i];
        if (c != '\\' || i + 1 >= body.size()) {
            out.push_back(c);
            continue;
        }
        char e = body[++i];
        switch (e) {
            case 'n': out.push_back('\n'); break;
            case 't': out.push_back('\t'); break;
            case 'r': out.push_back('\r'); break;
            case 'b': out.push_back('\b'); break;
            case 'f': out.push_back('\f'); break;
            case '"': case '\\': case '/': out.push_back(e); break;
            case 'u': {
                long cp = hex4(body, i + 1);
                if (cp < 0) {
                    out += "\\u";
                    break;
                }
                i += 4;
                // A UTF-16 surrogate pair, as Go's encoder writes characters beyond the BMP.
                if (cp >= 0xD800 && cp < 0xDC00 && body.substr(i + 1, 2) == "\\u") {
                    long low = hex4(body, i + 3);
                    if (low >= 0xDC00 && low < 0xE000) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                        i += 6;
                    }
                }
                append_utf8(out, static_cast<char32_t>(cp));
                break;
            }
            default: out.push_back('\\'); out.push_back(e); break;
        }
    }
}

}  // namespace

ScalarText scalar_of(std::string_view after_colon) {
    ScalarText s;
    std::string_view v = trim(after_colon);
    if (!v.empty() && v.front() == '"') {
        size_t end = double_quote_end(v);
        s.quoted = true;
        s.closed = end != std::string_view::npos;
        s.raw = s.closed ? v.substr(0, end + 1) : v;
        return s;
    }
    if (!v.empty() && v.front() == '\'') {
        size_t end = single_quote_end(v);
        s.quoted = true;
        s.closed = end != std::string_view::npos;
        s.raw = s.closed ? v.substr(0, end + 1) : v;
        return s;
    }
    if (!v.empty() && v.back() == ',') {
        v.remove_suffix(1);  // JSON's separator after a number, true, null
    }
    s.raw = trim_right(v);
    return s;
}

bool decode_scalar(std::string_view raw, std::string& out) {
    if (raw.empty()) {
        return false;
    }
    if (raw.front() == '"') {
        size_t end = double_quote_end(raw);
        std::string_view body = raw.substr(1, end == std::string_view::npos ? std::string_view::npos : end - 1);
        decode_double(body, out);
        return true;
    }
    if (raw.front() == '\'') {
        size_t end = single_quote_end(raw);
        std::string_view body = raw.substr(1, end == std::string_view::npos ? std::string_view::npos : end - 1);
        for (size_t i = 0; i < body.size(); ++i) {
            out.push_back(body[i]);
            if (body[i] == '\'' && i + 1 < body.size() && body[i + 1] == '\'') {
                ++i;
            }
        }
        return true;
    }
    out += raw;
    return false;
}

}  // namespace pm
