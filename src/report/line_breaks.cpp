// A text with its line breaks taken out, so a pattern sees a value a terminal wrapped as one run.
#include "report/line_breaks.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <utility>

#include <re2/re2.h>

namespace pm {

Unbroken take_out_breaks(std::string_view text) {
    Unbroken out;
    out.text.reserve(text.size());
    for (char c : text) {
        if (c == '\n') {
            out.breaks.push_back(out.text.size());
        } else {
            out.text.push_back(c);
        }
    }
    return out;
}

std::string without_breaks(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::remove_copy(text.begin(), text.end(), std::back_inserter(out), '\n');
    return out;
}

std::string put_back_breaks(const Unbroken& unbroken) {
    std::string out;
    out.reserve(unbroken.text.size() + unbroken.breaks.size());
    std::size_t copied = 0;
    for (const std::size_t at : unbroken.breaks) {
        out.append(unbroken.text, copied, at - copied);
        out.push_back('\n');
        copied = at;
    }
    out.append(unbroken.text, copied);
    return out;
}

namespace {

constexpr int k_max_groups = 9;  // a rewrite names \0..\9

// Appends `rewrite` for one match at [start, end) of `text`; the breaks strictly inside the match,
// [first, last) of `inside`, follow the group that copies them (the first such), the rest are dropped.
void append_rewrite(std::string& out, std::vector<std::size_t>& breaks, std::string_view rewrite,
                    const std::array<re2::StringPiece, k_max_groups + 1>& groups, int group_count,
                    const std::string& text, const std::vector<std::size_t>& inside, std::size_t first,
                    std::size_t last) {
    std::vector<bool> placed(last - first, false);
    const std::size_t marks_before = breaks.size();
    for (std::size_t i = 0; i < rewrite.size(); ++i) {
        const char c = rewrite[i];
        if (c != '\\' || i + 1 == rewrite.size()) {
            out.push_back(c);
            continue;
        }
        const char next = rewrite[++i];
        if (next < '0' || next > '9') {
            out.push_back(next);  // `\\` is a backslash
            continue;
        }
        const int n = next - '0';
        if (n > group_count || groups[static_cast<std::size_t>(n)].data() == nullptr) {
            continue;  // a group that did not take part copies nothing
        }
        const re2::StringPiece group = groups[static_cast<std::size_t>(n)];
        const auto from = static_cast<std::size_t>(group.data() - text.data());
        for (std::size_t b = first; b < last; ++b) {
            if (!placed[b - first] && inside[b] >= from && inside[b] <= from + group.size()) {
                breaks.push_back(out.size() + (inside[b] - from));
                placed[b - first] = true;
            }
        }
        out.append(group.data(), group.size());
    }
    // A rewrite may copy its groups out of order; the breaks stay ascending.
    std::sort(breaks.begin() + static_cast<std::ptrdiff_t>(marks_before), breaks.end());
}

}  // namespace

int replace_keeping_breaks(Unbroken& unbroken, const re2::RE2& regex, std::string_view rewrite) {
    const std::string& text = unbroken.text;
    const int group_count = std::min(regex.NumberOfCapturingGroups(), k_max_groups);
    std::array<re2::StringPiece, k_max_groups + 1> groups{};
    std::string out;
    std::vector<std::size_t> breaks;
    std::size_t pos = 0;
    std::size_t copied = 0;
    std::size_t b = 0;
    int count = 0;
    while (pos <= text.size() &&
           regex.Match(text, pos, text.size(), re2::RE2::UNANCHORED, groups.data(), group_count + 1)) {
        const auto start = static_cast<std::size_t>(groups[0].data() - text.data());
        const std::size_t end = start + groups[0].size();
        if (end == start) {
            pos = start + 1;  // an empty match replaces nothing (no rule has one); look on
            continue;
        }
        for (; b < unbroken.breaks.size() && unbroken.breaks[b] <= start; ++b) {
            breaks.push_back(out.size() + (unbroken.breaks[b] - copied));
        }
        out.append(text, copied, start - copied);
        const std::size_t first = b;
        while (b < unbroken.breaks.size() && unbroken.breaks[b] < end) {
            ++b;
        }
        append_rewrite(out, breaks, rewrite, groups, group_count, text, unbroken.breaks, first, b);
        copied = pos = end;
        ++count;
    }
    if (count == 0) {
        return 0;
    }
    for (; b < unbroken.breaks.size(); ++b) {
        breaks.push_back(out.size() + (unbroken.breaks[b] - copied));
    }
    out.append(text, copied);
    unbroken.text = std::move(out);
    unbroken.breaks = std::move(breaks);
    return count;
}

}  // namespace pm
