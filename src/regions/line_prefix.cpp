#include "regions/line_prefix.hpp"

#include <algorithm>

namespace pm {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool digits_at(std::string_view s, std::size_t at, std::size_t n) {
    if (at + n > s.size()) {
        return false;
    }
    for (std::size_t i = at; i < at + n; ++i) {
        if (!is_digit(s[i])) {
            return false;
        }
    }
    return true;
}

// `2024-05-14T07:45:16Z ` or with a fraction of up to 9 digits: RFC 3339 in UTC, as GitHub
// Actions, `kubectl logs --timestamps` and CRI log files print it.
std::size_t utc_timestamp_length(std::string_view s) {
    if (!digits_at(s, 0, 4) || s.size() < 21 || s[4] != '-' || !digits_at(s, 5, 2) || s[7] != '-' ||
        !digits_at(s, 8, 2) || s[10] != 'T' || !digits_at(s, 11, 2) || s[13] != ':' || !digits_at(s, 14, 2) ||
        s[16] != ':' || !digits_at(s, 17, 2)) {
        return 0;
    }
    std::size_t p = 19;
    if (p < s.size() && s[p] == '.') {
        std::size_t digits = 0;
        ++p;
        while (p < s.size() && is_digit(s[p]) && digits < 9) {
            ++p;
            ++digits;
        }
        if (digits == 0) {
            return 0;
        }
    }
    if (p >= s.size() || s[p] != 'Z') {
        return 0;
    }
    ++p;
    if (p == s.size()) {
        return p;  // a stamped empty line
    }
    return s[p] == ' ' ? p + 1 : 0;
}

// `[step-name] `: a word of letters, digits and `_.:-` starting with a letter (so a dmesg stamp
// `[ 12.5]` or a log level `[E]`... of one letter is no tag), then one blank.
std::size_t step_tag_length(std::string_view s) {
    if (s.size() < 4 || s[0] != '[' || !((s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' && s[1] <= 'Z'))) {
        return 0;
    }
    std::size_t p = 2;
    while (p < s.size() && p < 66 && s[p] != ']') {
        const char c = s[p];
        const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_' || c == '.' ||
                          c == ':' || c == '-';
        if (!word) {
            return 0;
        }
        ++p;
    }
    if (p >= s.size() || s[p] != ']' || p < 3) {
        return 0;
    }
    ++p;
    if (p == s.size()) {
        return p;
    }
    return s[p] == ' ' ? p + 1 : 0;
}

}  // namespace

LinePrefix line_prefix(std::string_view line) {
    if (line.empty()) {
        return {};
    }
    if (is_digit(line[0])) {
        if (const std::size_t n = utc_timestamp_length(line); n > 0) {
            return {LinePrefixKind::utc_timestamp, n};
        }
        return {};
    }
    if (line[0] == '[') {
        if (const std::size_t n = step_tag_length(line); n > 0) {
            return {LinePrefixKind::step_tag, n};
        }
        return {};
    }
    if (line[0] == '#' && (line.size() == 1 || line[1] == ' ')) {
        return {LinePrefixKind::comment_mark, std::min<std::size_t>(line.size(), 2)};
    }
    return {};
}

std::vector<std::uint16_t> prefix_skips(const LineIndex& lines) {
    std::vector<std::uint16_t> skip;
    const std::size_t n = lines.size();
    std::size_t i = 0;
    while (i < n) {
        const LinePrefix first = line_prefix(lines[i]);
        if (first.kind == LinePrefixKind::none) {
            ++i;
            continue;
        }
        std::size_t end = i + 1;
        while (end < n && line_prefix(lines[end]).kind == first.kind) {
            ++end;
        }
        if (end - i >= k_min_prefixed_run) {
            if (skip.empty()) {
                skip.assign(n, 0);
            }
            for (std::size_t k = i; k < end; ++k) {
                skip[k] = static_cast<std::uint16_t>(line_prefix(lines[k]).length);
            }
        }
        i = end;
    }
    return skip;
}

void strip_line_prefixes(SourceText& source) {
    std::vector<std::uint16_t> skip = prefix_skips(source.lines);
    if (skip.empty()) {
        return;
    }
    source.bodies = source.lines.with_prefixes_stripped(std::move(skip));
    source.has_bodies = true;
}

}  // namespace pm
