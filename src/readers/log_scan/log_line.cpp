#include "readers/log_scan/log_line.hpp"

#include "base/utf8.hpp"

namespace pm {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// An RFC 3339 time and one blank at the start: its length with the blank, or 0.
std::size_t timestamp_length(std::string_view s) {
    if (s.size() < 20 || !is_digit(s[0]) || s[4] != '-' || s[10] != 'T') {
        return 0;
    }
    const std::size_t space = s.find(' ', 19);
    if (space == std::string_view::npos || space > 40) {
        return 0;
    }
    return space + 1;
}

std::string_view strip_prefix_tag(std::string_view s, std::string_view& pod, std::string_view& container) {
    // [pod/NAME/CONTAINER] as kubectl --prefix writes it
    if (!s.starts_with("[pod/")) {
        return s;
    }
    const std::size_t close = s.find("] ");
    const std::size_t slash = s.find('/', 5);
    if (close == std::string_view::npos || slash == std::string_view::npos || slash > close || close > 300) {
        return s;
    }
    pod = s.substr(5, slash - 5);
    container = s.substr(slash + 1, close - slash - 1);
    return s.substr(close + 2);
}

// The value of Docker's {"log":"…"} key, unescaped; false when the line is no such object.
bool docker_log_value(std::string_view s, std::string& out) {
    constexpr std::string_view key = "{\"log\":\"";
    if (!s.starts_with(key)) {
        return false;
    }
    out.clear();
    for (std::size_t i = key.size(); i < s.size(); ++i) {
        const char c = s[i];
        if (c == '"') {
            while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) {
                out.pop_back();
            }
            return true;
        }
        if (c != '\\' || i + 1 >= s.size()) {
            out.push_back(c);
            continue;
        }
        const char e = s[++i];
        switch (e) {
        case 'n': out.push_back('\n'); break;
        case 't': out.push_back('\t'); break;
        case 'r': out.push_back('\r'); break;
        case 'b': case 'f': break;
        case 'u':
            if (i + 4 < s.size()) {
                char32_t cp = 0;
                bool hex = true;
                for (std::size_t k = 1; k <= 4; ++k) {
                    const char h = s[i + k];
                    cp = cp * 16 + static_cast<char32_t>(is_digit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
                    hex = hex && (is_digit(h) || ((h | 0x20) >= 'a' && (h | 0x20) <= 'f'));
                }
                if (hex && (cp < 0xD800 || cp > 0xDFFF)) {
                    append_utf8(out, cp);
                }
                i += 4;
            }
            break;
        default: out.push_back(e); break;
        }
    }
    return false;  // cut off: not a whole object
}

// Removes ESC [ … final-byte sequences (SGR colours and the like).
bool strip_colours(std::string_view s, std::string& out) {
    if (s.find('\x1b') == std::string_view::npos) {
        return false;
    }
    std::string clean;
    clean.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\x1b' && i + 1 < s.size() && s[i + 1] == '[') {
            std::size_t j = i + 2;
            while (j < s.size() && j - i < 32 && !(s[j] >= 0x40 && s[j] <= 0x7E)) {
                ++j;
            }
            i = j;
            continue;
        }
        clean.push_back(s[i]);
    }
    out = std::move(clean);
    return true;
}

}  // namespace

LogLine clean_log_line(std::string_view raw, std::string& storage) {
    LogLine line;
    std::string_view s = raw;
    if (!s.empty() && s.back() == '\r') {
        s.remove_suffix(1);
    }
    s = strip_prefix_tag(s, line.pod, line.container);
    if (const std::size_t ts = timestamp_length(s); ts > 0) {
        if (const auto parsed = parse_kube_time(s.substr(0, ts - 1)); parsed && parsed->time) {
            line.time = parsed->time;
        }
        s.remove_prefix(ts);
        // The CRI envelope: STREAM, then the F/P tag (absent in the earliest files).
        for (const std::string_view stream : {std::string_view("stdout "), std::string_view("stderr ")}) {
            if (s.starts_with(stream)) {
                s.remove_prefix(stream.size());
                if (s.size() >= 2 && (s[0] == 'F' || s[0] == 'P') && (s[1] == ' ' || s[1] == ':')) {
                    line.partial = s[0] == 'P';
                    const std::size_t space = s.find(' ');
                    s = space == std::string_view::npos ? std::string_view() : s.substr(space + 1);
                } else if (s == "F" || s == "P") {
                    line.partial = s == "P";
                    s = {};
                }
                break;
            }
        }
    }
    if (!s.empty() && s.front() == '{' && docker_log_value(s, storage)) {
        // Docker's json-file object carries its time as a field: "time":"2024-05-14T07:44:40.5Z"
        constexpr std::string_view key = "\"time\":\"";
        if (const std::size_t at = s.rfind(key); at != std::string_view::npos && !line.time) {
            const std::size_t from = at + key.size();
            const std::size_t quote = s.find('"', from);
            if (quote != std::string_view::npos) {
                if (const auto parsed = parse_kube_time(s.substr(from, quote - from)); parsed && parsed->time) {
                    line.time = parsed->time;
                }
            }
        }
        s = storage;
    }
    std::string colours;
    if (strip_colours(s, colours)) {
        storage = std::move(colours);
        s = storage;
    }
    line.text = s;
    return line;
}

bool is_kubectl_line(std::string_view text) {
    return text.starts_with("Defaulted container \"") || text.starts_with("Default container name \"") ||
           text.starts_with("Error from server (") || text.starts_with("error: ") ||
           (text.starts_with("Found ") && text.find(", using pod/") != std::string_view::npos) || text == "<empty>" || text == "(no output)" || text == "..." ||
           text == "\u2026";
}

std::string_view defaulted_container(std::string_view text) {
    constexpr std::string_view head = "Defaulted container \"";
    if (!text.starts_with(head)) {
        return {};
    }
    const std::size_t close = text.find('"', head.size());
    return close == std::string_view::npos ? std::string_view() : text.substr(head.size(), close - head.size());
}

}  // namespace pm
