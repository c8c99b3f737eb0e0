// Cheap, linear tests on one line of input for the input-kind signatures.
#include "regions/line_shape.hpp"

#include <array>
#include <bit>
#include <cstdint>

#include "base/block16.hpp"

namespace pm {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}

bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}

bool is_alpha(char c) {
    return is_upper(c) || is_lower(c);
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// Consumes `count` characters satisfying `pred` from the front of s.
template <typename Pred>
bool take(std::string_view& s, std::size_t count, Pred pred) {
    if (s.size() < count) {
        return false;
    }
    for (std::size_t i = 0; i < count; ++i) {
        if (!pred(s[i])) {
            return false;
        }
    }
    s.remove_prefix(count);
    return true;
}

bool take_char(std::string_view& s, char c) {
    if (s.empty() || s[0] != c) {
        return false;
    }
    s.remove_prefix(1);
    return true;
}

// One or more digits.
bool take_digits(std::string_view& s) {
    std::size_t n = 0;
    while (n < s.size() && is_digit(s[n])) {
        ++n;
    }
    s.remove_prefix(n);
    return n > 0;
}

void skip_spaces(std::string_view& s) {
    while (!s.empty() && s[0] == ' ') {
        s.remove_prefix(1);
    }
}

// "HH:MM:SS" (or "HH:MM" when with_seconds is false).
bool take_clock(std::string_view& s, bool with_seconds) {
    if (!take(s, 2, is_digit) || !take_char(s, ':') || !take(s, 2, is_digit)) {
        return false;
    }
    return !with_seconds || (take_char(s, ':') && take(s, 2, is_digit));
}

// The first `max` space-separated tokens.
template <std::size_t N>
std::size_t split_tokens(std::string_view line, std::array<std::string_view, N>& tokens) {
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < line.size() && count < N) {
        while (i < line.size() && line[i] == ' ') {
            ++i;
        }
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ') {
            ++i;
        }
        if (i > start) {
            tokens[count++] = line.substr(start, i - start);
        }
    }
    return count;
}

bool is_event_type(std::string_view token) {
    return token == "Normal" || token == "Warning";
}

// Whether an event type could be one of the line's tokens: the cheap test (two memchr-speed
// searches for capitals most lines lack) in front of tokenising.
bool may_hold_event_type(std::string_view line) {
    return line.find("Normal") != std::string_view::npos || line.find("Warning") != std::string_view::npos;
}

constexpr std::array<std::string_view, 9> k_oci_markers = {
    "OCI runtime",
    "oci runtime error",
    "runc create failed",
    "runc run failed",
    "failed to create shim task",
    "container_linux.go:",
    "starting container process caused",
    "failed to create containerd task",
    "Error response from daemon:",
};

// The first blank (space, TAB, CR) or no-break-space lead byte 0xC2 at or after `from`, or the end:
// where a run of text stops. Sixteen bytes at a time where there are that many.
std::size_t next_break(std::string_view s, std::size_t from) {
    for (; from + Block16::k_size <= s.size(); from += Block16::k_size) {
        const Block16 bytes(s.data() + from);
        const std::uint32_t hits = bytes.equal(' ') | bytes.equal('\t') | bytes.equal('\r') | bytes.equal('\xC2');
        if (hits != 0) {
            return from + static_cast<std::size_t>(std::countr_zero(hits));
        }
    }
    while (from < s.size() && s[from] != ' ' && s[from] != '\t' && s[from] != '\r' && s[from] != '\xC2') {
        ++from;
    }
    return from;
}

}  // namespace

void normalise_pasted_line(std::string_view raw, std::size_t limit, std::string& out) {
    out.clear();
    std::string_view s = raw.substr(0, limit);
    // Strip damage at the front; every round removes at least one byte, so this ends.
    for (;;) {
        if (!s.empty() && (s[0] == ' ' || s[0] == '\t' || s[0] == '>' || s[0] == '`')) {
            s.remove_prefix(1);
        } else if (starts_with(s, "\xC2\xA0")) {
            s.remove_prefix(2);
        } else if (s.size() >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ') {
            s.remove_prefix(2);
        } else if (starts_with(s, "\xE2\x80\xA2 ")) {  // "• "
            s.remove_prefix(4);
        } else {
            break;
        }
    }
    // Runs of blanks (and no-break spaces) become one space; the text between is copied a run at a time.
    out.reserve(s.size());
    bool pending_space = false;
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r') {
            pending_space = true;
            ++i;
            continue;
        }
        if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
            pending_space = true;
            i += 2;
            continue;
        }
        if (pending_space) {
            out.push_back(' ');
            pending_space = false;
        }
        const std::size_t end = next_break(s, i + 1);
        out.append(s.data() + i, end - i);
        i = end;
    }
}

bool is_age(std::string_view token) {
    if (token == "<unknown>" || token == "<invalid>") {
        return true;
    }
    if (token.empty()) {
        return false;
    }
    std::string_view s = token;
    while (!s.empty()) {
        if (!take_digits(s) || s.empty()) {
            return false;
        }
        const char unit = s[0];
        if (unit != 's' && unit != 'm' && unit != 'h' && unit != 'd' && unit != 'y') {
            return false;
        }
        s.remove_prefix(1);
    }
    return true;
}

bool is_dmesg_uptime_stamp(std::string_view line) {
    std::string_view s = line;
    if (!take_char(s, '[')) {
        return false;
    }
    skip_spaces(s);
    if (!take_char(s, '+')) {
        take_char(s, '<');
    }
    skip_spaces(s);
    if (!take_digits(s) || !take_char(s, '.') || !take(s, 6, is_digit)) {
        return false;
    }
    // "[ 1234.567890 <    0.000123>]" and "[<    0.000123>]" carry more before the bracket closes.
    const std::size_t close = s.find(']');
    return close != std::string_view::npos && close <= 20;
}

bool is_dmesg_ctime_stamp(std::string_view line) {
    std::string_view s = line;
    if (!take_char(s, '[') || !take(s, 3, is_alpha) || !take_char(s, ' ') || !take(s, 3, is_alpha) ||
        !take_char(s, ' ') || !take_digits(s) || !take_char(s, ' ') || !take_clock(s, true) || !take_char(s, ' ')) {
        return false;
    }
    return take(s, 4, is_digit) && take_char(s, ']');
}

bool is_dmesg_reltime_stamp(std::string_view line) {
    std::string_view s = line;
    return take_char(s, '[') && take(s, 3, is_alpha) && take_digits(s) && take_char(s, ' ') &&
           take_clock(s, false) && take_char(s, ']');
}

bool is_dmesg_iso_stamp(std::string_view line) {
    std::string_view s = line;
    if (!take(s, 4, is_digit) || !take_char(s, '-') || !take(s, 2, is_digit) || !take_char(s, '-') ||
        !take(s, 2, is_digit) || !take_char(s, 'T') || !take_clock(s, true)) {
        return false;
    }
    // The comma before the microseconds is dmesg's; journal and RFC 3339 logs use a dot.
    return take_char(s, ',') && take(s, 6, is_digit) && !s.empty() && (s[0] == '+' || s[0] == '-');
}

bool is_journal_kernel_line(std::string_view line) {
    if (line.find("kernel:") == std::string_view::npos) {
        return false;  // the token it needs, looked for before tokenising
    }
    std::array<std::string_view, 5> tokens;
    const std::size_t count = split_tokens(line, tokens);
    std::size_t host = 0;
    if (count >= 5 && tokens[0].size() == 3 && is_upper(tokens[0][0]) && is_digit(tokens[1][0]) &&
        tokens[2].size() >= 8 && tokens[2][2] == ':') {
        host = 3;  // "Aug 27 10:58:27 worker-3 kernel:"
    } else if (count >= 3 && tokens[0].size() >= 19 && is_digit(tokens[0][0]) && tokens[0][4] == '-' &&
               tokens[0][10] == 'T') {
        host = 1;  // "2019-08-27T10:58:27+0200 worker-3 kernel:"
    } else {
        return false;
    }
    return tokens[host + 1] == "kernel:";
}

bool is_events_header(std::string_view line) {
    const bool last_seen = starts_with(line, "LAST SEEN ") || starts_with(line, "LASTSEEN ") ||
                           starts_with(line, "NAMESPACE LAST SEEN ") || starts_with(line, "NAMESPACE LASTSEEN ");
    return last_seen && line.find(" REASON ") != std::string_view::npos &&
           line.find("MESSAGE") != std::string_view::npos;
}

bool is_events_row(std::string_view line) {
    if (!may_hold_event_type(line)) {
        return false;
    }
    std::array<std::string_view, 10> tokens;
    const std::size_t count = split_tokens(line, tokens);
    if (count < 4) {
        return false;
    }
    // LAST SEEN first, or after a NAMESPACE cell (`-A`).
    const std::size_t age = is_age(tokens[0]) ? 0 : (is_age(tokens[1]) ? 1 : count);
    if (age >= count) {
        return false;
    }
    for (std::size_t i = age + 1; i + 1 < count; ++i) {
        if (is_event_type(tokens[i])) {
            return is_upper(tokens[i + 1][0]);
        }
    }
    return false;
}

bool is_describe_event_row(std::string_view line) {
    if (!may_hold_event_type(line)) {
        return false;
    }
    std::array<std::string_view, 3> tokens;
    const std::size_t count = split_tokens(line, tokens);
    return count == 3 && is_event_type(tokens[0]) && is_upper(tokens[1][0]) && is_age(tokens[2]);
}

bool is_describe_key_line(std::string_view line) {
    // Up to four capitalised words ("Restart Count", "Node-Selectors", "QoS Class"), then ": " or EOL.
    std::size_t i = 0;
    int words = 0;
    while (i < line.size() && words < 4) {
        if (!is_upper(line[i])) {
            return false;
        }
        while (i < line.size() && (is_alpha(line[i]) || line[i] == '-')) {
            ++i;
        }
        ++words;
        if (i < line.size() && line[i] == ':') {
            return i + 1 == line.size() || line[i + 1] == ' ';
        }
        if (i + 1 < line.size() && line[i] == ' ' && is_alpha(line[i + 1])) {
            ++i;
            continue;
        }
        return false;
    }
    return false;
}

bool is_yaml_key_line(std::string_view line) {
    if (line.empty() || !is_lower(line[0])) {
        return false;
    }
    std::size_t i = 1;
    while (i < line.size() && (is_alpha(line[i]) || is_digit(line[i]))) {
        ++i;
    }
    return i < line.size() && line[i] == ':' && (i + 1 == line.size() || line[i + 1] == ' ');
}

bool is_json_line(std::string_view line) {
    if (line == "{" || line == "}" || line == "}," || line == "[" || line == "]" || line == "]," ||
        line == "[]" || line == "{}" || line == "{}," || line == "[],") {
        return true;
    }
    if (line.size() < 4 || line[0] != '"') {
        return false;
    }
    const std::size_t close = line.find("\":", 1);
    return close != std::string_view::npos && close < 80;
}

bool has_oci_marker(std::string_view line) {
    for (const std::string_view marker : k_oci_markers) {
        if (line.find(marker) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

bool is_describe_oci_message(std::string_view line) {
    return starts_with(line, "Message: ") && has_oci_marker(line);
}

}  // namespace pm
