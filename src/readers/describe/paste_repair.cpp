// Line-by-line repair of pasted describe text: prefixes, fences, base indentation, collapsed lines.
#include "readers/describe/paste_repair.hpp"

#include <algorithm>

#include "base/parallel.hpp"
#include "readers/describe/collapsed_line.hpp"
#include "readers/describe/describe_keys.hpp"
#include "readers/describe/glued_keys.hpp"
#include "readers/describe/line_screen.hpp"

namespace pm {

namespace {

constexpr int k_tab_width = 8;
constexpr int k_max_columns = 1 << 28;

// `>`, `> > `, `>>`: every marker, plus the blank between nested markers; the blank after the last
// marker only in `> ` style (otherwise it is the line's own indentation).
std::string_view strip_quote_markers(std::string_view line, bool eat_space) {
    size_t p = 0;
    bool any = false;
    while (p < line.size() && line[p] == '>') {
        any = true;
        ++p;
        if (p + 1 < line.size() && line[p] == ' ' && line[p + 1] == '>') {
            ++p;
        }
    }
    if (any && eat_space && p < line.size() && line[p] == ' ') {
        ++p;
    }
    return line.substr(p);
}

std::string_view strip_bullet(std::string_view line) {
    if (line.size() >= 2 && line[0] == '-' && line[1] == ' ') {
        return line.substr(2);
    }
    if (line == "-") {
        return {};
    }
    return line;
}

bool starts_with_known_key(std::string_view text) {
    KeyValue kv = split_key_value(trim_view(text));
    return kv.has_key && find_describe_key(kv.key) != nullptr;
}

// `api:` alone: a container's (or a volume's) name line.
bool is_name_line(std::string_view text) {
    const std::string_view t = trim_view(text);
    if (t.size() < 2 || t.size() > 64 || t.back() != ':') {
        return false;
    }
    for (const char c : t.substr(0, t.size() - 1)) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return false;
        }
    }
    return true;
}

// An opening fence with an info string (```text) or a closing fence becomes blank; a fence glued
// to the first line of the paste (```Name:  foo) leaves the line; a fence glued to the end of the
// last line is cut off.
std::string_view strip_fence(std::string_view line) {
    size_t lead = count_leading_blanks(line);
    if (line.compare(lead, 3, "```") == 0) {
        size_t p = lead;
        while (p < line.size() && line[p] == '`') {
            ++p;
        }
        std::string_view rest = line.substr(p);
        return starts_with_known_key(rest) ? rest : std::string_view{};
    }
    std::string_view trimmed = rtrim_view(line);
    if (trimmed.size() >= 3 && trimmed.substr(trimmed.size() - 3) == "```") {
        while (!trimmed.empty() && trimmed.back() == '`') {
            trimmed.remove_suffix(1);
        }
        return trimmed;
    }
    return line;
}

// `- Reason: Error`, `* Exit Code: 139`: a field a user rewrote as a Markdown list item (any marker,
// any indentation), whatever the rest of the paste does.
std::string_view strip_field_bullet(std::string_view line) {
    const size_t lead = count_leading_blanks(line);
    if (line.size() < lead + 3 || (line[lead] != '-' && line[lead] != '*' && line[lead] != '+') ||
        line[lead + 1] != ' ') {
        return line;
    }
    const std::string_view rest = line.substr(lead + 2);
    return starts_with_known_key(rest) || is_name_line(rest) ? rest.substr(count_leading_blanks(rest)) : line;
}

std::string_view strip_prefixes(std::string_view line, const PasteProfile& profile) {
    if (profile.quoted) {
        line = strip_quote_markers(line, profile.quote_eats_space);
    }
    if (profile.bulleted) {
        line = strip_bullet(line);
    }
    // Most lines hold no list marker and no fence: their first and last bytes with text say so.
    const size_t lead = count_leading_blanks(line);
    if (lead == line.size()) {
        return line;
    }
    const char first = line[lead];
    if (first != '-' && first != '*' && first != '+' && first != '`' && rtrim_view(line).back() != '`') {
        return line;
    }
    return strip_fence(strip_field_bullet(line));
}

bool is_blank_line(std::string_view line) {
    return count_leading_blanks(line) == line.size();
}

int leading_columns(std::string_view text, size_t* chars) {
    size_t p = count_leading_blanks(text);
    size_t columns = 0;  // the blanks before the first TAB (indentation is short: no memchr call)
    while (columns < p && text[columns] != '\t') {
        ++columns;
    }
    for (size_t k = columns; k < p && columns < static_cast<size_t>(k_max_columns); ++k) {
        // TAB stops every 8 columns (pre-1.8 padding); a gigabyte of TABs must not overflow.
        columns += text[k] == '\t' ? k_tab_width - columns % k_tab_width : 1;
    }
    if (chars != nullptr) {
        *chars = p;
    }
    return static_cast<int>(std::min(columns, static_cast<size_t>(k_max_columns)));
}

// What the first two passes of detect_paste_profile count over a run of lines.
struct QuoteCounts {
    size_t non_blank = 0;
    size_t quoted = 0;
    size_t odd_gap = 0;
    size_t even_gap = 0;
};

void count_quotes(const LineIndex& all, size_t from, size_t to, QuoteCounts& out) {
    for (size_t i = from; i < to; ++i) {
        const std::string_view line = all[i];
        if (is_blank_line(line)) {
            continue;
        }
        ++out.non_blank;
        if (line.front() != '>') {
            continue;
        }
        ++out.quoted;
        std::string_view rest = strip_quote_markers(line, false);
        size_t gap = 0;
        while (gap < rest.size() && rest[gap] == ' ') {
            ++gap;
        }
        if (gap < rest.size()) {
            (gap % 2 == 1 ? out.odd_gap : out.even_gap) += 1;
        }
    }
}

size_t count_bullets(const LineIndex& all, size_t from, size_t to, const PasteProfile& profile) {
    size_t bulleted = 0;
    for (size_t i = from; i < to; ++i) {
        const std::string_view line = all[i];
        std::string_view rest = profile.quoted ? strip_quote_markers(line, profile.quote_eats_space) : line;
        if (rest.substr(0, 2) == "- " || rest == "-") {
            ++bulleted;
        }
    }
    return bulleted;
}

// Runs count(from, to, slot) over [first, end) in slices on `jobs` threads, one slot per slice.
template <typename Slot, typename Count>
std::vector<Slot> count_in_slices(size_t first, size_t end, unsigned jobs, Count count) {
    constexpr size_t k_slice_lines = 1 << 16;
    const size_t lines = end > first ? end - first : 0;
    const size_t slices = lines < 4 * k_slice_lines ? 1 : (lines + k_slice_lines - 1) / k_slice_lines;
    std::vector<Slot> slots(slices);
    parallel_for(slices, slices == 1 ? 1 : jobs, [&](size_t k) {
        const size_t from = first + k * k_slice_lines;
        count(from, slices == 1 ? end : std::min(end, from + k_slice_lines), slots[k]);
    });
    return slots;
}

}  // namespace

PasteProfile detect_paste_profile(const LineIndex& all, std::size_t first, std::size_t last, unsigned jobs) {
    PasteProfile profile;
    const size_t end = all.empty() ? 0 : std::min(last + 1, all.size());
    auto line_at = [&](size_t i) { return all[i]; };
    // The counts are sums over lines: a large region is counted in slices, on every thread.
    QuoteCounts quotes;
    for (const QuoteCounts& slice : count_in_slices<QuoteCounts>(
             first, end, jobs, [&](size_t from, size_t to, QuoteCounts& out) { count_quotes(all, from, to, out); })) {
        quotes.non_blank += slice.non_blank;
        quotes.quoted += slice.quoted;
        quotes.odd_gap += slice.odd_gap;
        quotes.even_gap += slice.even_gap;
    }
    const size_t non_blank = quotes.non_blank;
    profile.quoted = non_blank > 0 && quotes.quoted * 2 > non_blank;
    profile.quote_eats_space = quotes.odd_gap > quotes.even_gap;

    size_t bulleted = 0;
    for (const size_t slice : count_in_slices<size_t>(first, end, jobs, [&](size_t from, size_t to, size_t& out) {
             out = count_bullets(all, from, to, profile);
         })) {
        bulleted += slice;
    }
    profile.bulleted = non_blank > 0 && bulleted * 2 > non_blank;

    // The shift of a Markdown code block (or a consistent leading blank) is the smallest indentation
    // of a line that starts with a describe key; message text at column 0 must not decide it.
    int base = -1;
    for (size_t i = first; i < end && base != 0; ++i) {
        std::string_view body = strip_prefixes(line_at(i), profile);
        size_t chars = 0;
        int columns = leading_columns(body, &chars);
        if (chars == body.size() || (base >= 0 && columns >= base)) {
            continue;
        }
        if (starts_with_known_key(body.substr(chars))) {
            base = columns;
        }
    }
    profile.base_indent = base < 0 ? 0 : base;
    return profile;
}

std::string_view repaired_body(std::string_view line, const PasteProfile& profile) {
    std::string_view body = strip_prefixes(line, profile);
    size_t cut = 0;
    while (cut < body.size() && cut < static_cast<size_t>(profile.base_indent) && body[cut] == ' ') {
        ++cut;
    }
    return rtrim_view(body.substr(cut));
}

std::vector<PasteLine> repair_paste(const SourceText& file, std::size_t first, std::size_t last,
                                    const PasteProfile& profile) {
    std::vector<PasteLine> out;
    // Line numbers are 32-bit to keep PasteLine small; no describe text has four billion lines.
    size_t end = std::min({file.lines.size(), last + 1, static_cast<size_t>(UINT32_MAX - 1)});
    out.reserve(end > first ? end - first : 0);
    for (size_t i = first; i < end; ++i) {
        std::string_view body = repaired_body(file.body_lines()[i], profile);
        size_t chars = 0;
        int indent = leading_columns(body, &chars);
        std::string_view text = body.substr(chars);
        if (text.empty()) {
            // Its whitespace is kept as its indent: kubectl prints an empty Args item as indentation alone.
            const int blank_indent = std::max(0, leading_columns(file.body_lines()[i], nullptr) - profile.base_indent);
            out.push_back({static_cast<uint32_t>(i), blank_indent, {}, false, true});
            continue;
        }
        // Most lines are neither collapsed nor glued, and one pass over their bytes says so.
        const LineScreen screen = screen_line(text);
        std::vector<std::string_view> pieces;
        if (screen.may_be_collapsed) {
            pieces = split_collapsed_line(text);
        }
        if (pieces.empty()) {
            std::vector<GluedPiece> glued;
            if (screen.may_be_glued) {
                glued = split_glued_keys(text, indent, profile.base_indent);
            }
            if (glued.empty()) {
                out.push_back({static_cast<uint32_t>(i), indent, text, false, true});
                continue;
            }
            for (size_t k = 0; k < glued.size(); ++k) {
                // The glue is the next line's indentation as pasted: the base shift comes off it too.
                const int own = k == 0 ? glued[k].indent : std::max(0, glued[k].indent - profile.base_indent);
                out.push_back({static_cast<uint32_t>(i), own, glued[k].text, true, k + 1 == glued.size()});
            }
            continue;
        }
        for (size_t k = 0; k < pieces.size(); ++k) {
            out.push_back({static_cast<uint32_t>(i), k == 0 ? indent : 0, pieces[k], true, k + 1 == pieces.size()});
        }
    }
    return out;
}

}  // namespace pm
