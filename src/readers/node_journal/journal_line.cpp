// journald's short and ISO envelopes and klog's header and key=value pairs, read without regexes.
#include "readers/node_journal/journal_line.hpp"

#include "readers/pod_objects/object_scalars.hpp"

namespace pm {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Past the token at `pos` and the blanks after it.
size_t skip_token(std::string_view s, size_t pos) {
    while (pos < s.size() && s[pos] != ' ') {
        ++pos;
    }
    while (pos < s.size() && s[pos] == ' ') {
        ++pos;
    }
    return pos;
}

}  // namespace

std::optional<JournalLine> parse_journal_line(std::string_view line) {
    size_t pos = 0;
    bool iso = false;
    if (line.size() > 16 && line[3] == ' ' && line[0] >= 'A' && line[0] <= 'Z' && line[9] == ':') {
        pos = skip_token(line, 0);  // "May"
        pos = skip_token(line, pos);  // "14" (or " 4")
        pos = skip_token(line, pos);  // "07:45:20"
    } else if (line.size() > 20 && is_digit(line[0]) && line[4] == '-' && line[10] == 'T') {
        pos = skip_token(line, 0);  // "2024-05-14T07:45:20+00:00"
        iso = true;
    } else {
        return std::nullopt;
    }
    pos = skip_token(line, pos);  // host
    size_t colon = line.find(": ", pos);
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view ident = line.substr(pos, colon - pos);
    if (size_t bracket = ident.find('['); bracket != std::string_view::npos) {
        ident = ident.substr(0, bracket);
    }
    if (ident.empty() || ident.find(' ') != std::string_view::npos) {
        return std::nullopt;
    }
    JournalLine j;
    j.ident = ident;
    j.message = line.substr(colon + 2);
    if (iso) {
        j.iso_stamp = line.substr(0, line.find(' '));
    }
    return j;
}

std::optional<std::string_view> klog_body(std::string_view message) {
    // "I0514 09:44:21.413400    1895 prober.go:125] "
    if (message.size() < 22 || (message[0] != 'I' && message[0] != 'W' && message[0] != 'E' && message[0] != 'F') ||
        !is_digit(message[1]) || message[5] != ' ' || message[8] != ':') {
        return std::nullopt;
    }
    size_t end = message.find("] ", 6);
    if (end == std::string_view::npos || end > 80) {
        return std::nullopt;
    }
    return message.substr(end + 2);
}

std::optional<long long> klog_clock_seconds(std::string_view message) {
    if (!klog_body(message)) {
        return std::nullopt;
    }
    // "I0514 09:44:21": positions of the digits of month, day, hour, minute, second.
    static constexpr size_t k_digits[] = {1, 2, 3, 4, 6, 7, 9, 10, 12, 13};
    long long v[10] = {};
    for (size_t k = 0; k < 10; ++k) {
        if (!is_digit(message[k_digits[k]])) {
            return std::nullopt;
        }
        v[k] = message[k_digits[k]] - '0';
    }
    const long long days = (v[0] * 10 + v[1]) * 31 + v[2] * 10 + v[3];
    return days * 86400 + (v[4] * 10 + v[5]) * 3600 + (v[6] * 10 + v[7]) * 60 + v[8] * 10 + v[9];
}

std::optional<std::string_view> klog_message(std::string_view body) {
    if (body.empty() || body.front() != '"') {
        return std::nullopt;
    }
    for (size_t i = 1; i < body.size(); ++i) {
        if (body[i] == '\\') {
            ++i;
        } else if (body[i] == '"') {
            return body.substr(1, i - 1);
        }
    }
    return std::nullopt;
}

std::optional<std::string> klog_value(std::string_view body, std::string_view key) {
    std::string needle = " " + std::string(key) + "=";
    size_t at = body.find(needle);
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view rest = body.substr(at + needle.size());
    std::string out;
    if (!rest.empty() && rest.front() == '"') {
        size_t end = 1;
        while (end < rest.size() && rest[end] != '"') {
            end += rest[end] == '\\' ? 2 : 1;
        }
        decode_scalar(rest.substr(0, std::min(end + 1, rest.size())), out);  // Go's %q is JSON-like
        return out;
    }
    out.assign(rest.substr(0, std::min(rest.find(' '), rest.size())));
    return out;
}

}  // namespace pm
