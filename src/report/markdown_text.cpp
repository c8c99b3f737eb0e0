// Markdown quoting of untrusted text: nothing from an input may become live Markdown or HTML.
#include "report/markdown_text.hpp"

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "base/text_safety.hpp"

namespace pm {

namespace {

constexpr std::string_view k_newline_mark = " \u23CE ";  // " ⏎ "

struct Capped {
    std::string_view head;
    std::size_t more = 0;  // code points cut off
};

Capped cap_text(std::string_view text) {
    if (text.size() <= k_md_max_quote) {
        return Capped{text, 0};  // no more code points than bytes: nothing to cut
    }
    std::size_t pos = 0;
    std::size_t count = 0;
    while (pos < text.size() && count < k_md_max_quote) {
        pos += decode_utf8(text, pos).length;
        ++count;
    }
    Capped capped{text.substr(0, pos), 0};
    if (pos < text.size()) {
        capped.more = count_code_points(text.substr(pos));
    }
    return capped;
}

std::string more_note(std::size_t more) {
    if (more == 0) {
        return {};
    }
    return " \u2026 (" + std::to_string(more) + " more characters)";
}

enum class Newlines { mark, keep };

// Valid UTF-8 with no control or direction characters; line breaks marked or normalised to \n.
std::string clean(std::string_view text, Newlines newlines) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        // Printable ASCII, the common case, is copied a run at a time without decoding.
        std::size_t run = pos;
        while (run < text.size() && static_cast<unsigned char>(text[run]) >= 0x20 &&
               static_cast<unsigned char>(text[run]) < 0x7F) {
            ++run;
        }
        if (run > pos) {
            out.append(text.data() + pos, run - pos);
            pos = run;
            continue;
        }
        const Utf8Step step = decode_utf8(text, pos);
        const char32_t cp = step.code_point;
        if (cp == '\r' || cp == '\n') {
            // CR, LF and CRLF are all line endings to a Markdown parser.
            if (cp == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') {
                ++pos;
            }
            out += newlines == Newlines::mark ? k_newline_mark : std::string_view("\n");
        } else if (cp == '\t') {
            out.push_back(newlines == Newlines::mark ? ' ' : '\t');
        } else if (!step.valid) {
            append_utf8(out, k_replacement_char);
        } else if (is_unsafe_code_point(cp)) {
            out += visible_escape(cp);
        } else {
            out.append(text.substr(pos, step.length));
        }
        pos += step.length;
    }
    return out;
}

std::size_t longest_backtick_run(std::string_view text) {
    std::size_t longest = 0;
    std::size_t run = 0;
    for (const char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

std::size_t run_length(std::string_view text, std::size_t pos, char c) {
    std::size_t end = pos;
    while (end < text.size() && text[end] == c) {
        ++end;
    }
    return end - pos;
}

// Renderers stop reading a code span's fence past some length (cmark-gfm, GitHub's renderer, at 80
// backticks); text with a longer backtick run shows its backticks escaped, under a short fence.
constexpr std::size_t k_max_span_backticks = 32;

// A code span around already-cleaned text.
std::string code_span_of(std::string_view cleaned_text, MdPlace place) {
    if (cleaned_text.empty()) {
        return "(empty)";
    }
    std::string escaped;
    const bool has_tick = cleaned_text.find('`') != std::string_view::npos;
    if (has_tick && longest_backtick_run(cleaned_text) >= k_max_span_backticks) {
        const std::string tick = visible_escape(U'`');
        for (const char c : cleaned_text) {
            escaped += c == '`' ? tick : std::string(1, c);
        }
        cleaned_text = escaped;
    }
    const std::string_view cleaned = cleaned_text;
    const std::string fence(has_tick ? longest_backtick_run(cleaned) + 1 : 1, '`');
    const bool all_spaces = cleaned.find_first_not_of(' ') == std::string_view::npos;
    // CommonMark strips one space from each end when both ends have one; pad so that the text
    // keeps its own edge spaces and a backtick at an edge cannot join the fence.
    const bool edge = cleaned.front() == '`' || cleaned.back() == '`' || cleaned.front() == ' ' ||
                      cleaned.back() == ' ';
    const std::string_view pad = (edge && !all_spaces) ? " " : "";
    std::string out;
    out.reserve(cleaned.size() + 2 * fence.size() + 4);
    out += fence;
    out += pad;
    if (place == MdPlace::table_cell && cleaned.find('|') != std::string_view::npos) {
        for (const char c : cleaned) {
            if (c == '|') {
                out += "\\|";
            } else {
                out.push_back(c);
            }
        }
    } else {
        out += cleaned;
    }
    out += pad;
    out += fence;
    return out;
}

bool could_autolink(std::string_view word) {
    if (word.find('@') != std::string_view::npos || word.find("://") != std::string_view::npos) {
        return true;
    }
    for (std::size_t i = 0; i + 4 <= word.size(); ++i) {
        const auto lower = [&](std::size_t k) { return static_cast<char>(word[k] | 0x20); };
        if (lower(i) == 'w' && lower(i + 1) == 'w' && lower(i + 2) == 'w' && word[i + 3] == '.') {
            return true;
        }
    }
    return false;
}

// Escapes one word of prose. At the start of the text, a leading `-`, `+`, `=` or an ordered-list
// marker (`12.` / `3)`) is escaped too: placed after `- ` it would start a nested block.
void append_escaped_word(std::string& out, std::string_view word, bool at_start) {
    std::size_t list_marker = std::string_view::npos;
    if (at_start) {
        std::size_t digits = 0;
        while (digits < word.size() && word[digits] >= '0' && word[digits] <= '9') {
            ++digits;
        }
        if (digits > 0 && digits < word.size() && (word[digits] == '.' || word[digits] == ')')) {
            list_marker = digits;
        }
    }
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char c = word[i];
        switch (c) {
        case '<': out += "&lt;"; continue;
        case '>': out += "&gt;"; continue;
        case '&': out += "&amp;"; continue;
        // Parentheses stay: they only matter after `]`, which is always escaped.
        case '\\': case '`': case '*': case '_': case '[': case ']':
        case '!': case '|': case '~': case '$': case '#':
            out.push_back('\\');
            out.push_back(c);
            continue;
        default: break;
        }
        if ((i == 0 && at_start && (c == '-' || c == '+' || c == '=')) || i == list_marker) {
            out.push_back('\\');
        }
        out.push_back(c);
    }
}

}  // namespace

std::string md_code(std::string_view text, MdPlace place, std::size_t hidden_tail) {
    Capped capped = cap_text(text);
    capped.more += hidden_tail;
    return code_span_of(clean(capped.head, Newlines::mark), place) + more_note(capped.more);
}

std::string md_prose(std::string_view text, MdPlace place, std::size_t hidden_tail) {
    Capped capped = cap_text(text);
    capped.more += hidden_tail;
    std::string cleaned = clean(capped.head, Newlines::mark);
    // Leading spaces after `- ` would make an indented code block; trailing ones a hard break.
    const std::size_t first = cleaned.find_first_not_of(' ');
    if (first == std::string::npos) {
        return capped.more > 0 ? "(empty)" + more_note(capped.more) : std::string();
    }
    const std::size_t last = cleaned.find_last_not_of(' ');
    const std::string_view body = std::string_view(cleaned).substr(first, last - first + 1);

    // Backtick runs and, for each, the next run of the same length (where a code span it opens
    // would close), found in one pass from the right so that matching stays linear.
    std::vector<std::size_t> run_pos;
    std::vector<std::size_t> run_len;
    for (std::size_t k = 0; k < body.size();) {
        if (body[k] != '`') {
            ++k;
            continue;
        }
        run_pos.push_back(k);
        run_len.push_back(run_length(body, k, '`'));
        k += run_len.back();
    }
    std::vector<std::size_t> next_same(run_pos.size(), std::string_view::npos);
    std::unordered_map<std::size_t, std::size_t> latest_of_length;  // empty, unallocated, for prose without backticks
    for (std::size_t r = run_pos.size(); r-- > 0;) {
        const auto found = latest_of_length.find(run_len[r]);
        if (found != latest_of_length.end()) {
            next_same[r] = found->second;
        }
        latest_of_length[run_len[r]] = r;
    }

    std::string out;
    out.reserve(body.size() + body.size() / 8 + 16);
    std::size_t i = 0;
    std::size_t run = 0;  // index of the first run at or after i
    bool at_start = true;
    // Code spans that touch are written as one: two fences side by side would merge into one longer
    // backtick run, and the span would not close.
    std::string pending_code;
    bool pending = false;
    auto flush_code = [&] {
        if (pending) {
            out += code_span_of(pending_code, place);
            pending_code.clear();
            pending = false;
        }
    };
    while (i < body.size()) {
        const char c = body[i];
        if (c == ' ') {
            flush_code();
            out.push_back(' ');
            ++i;
            continue;
        }
        if (c == '`') {
            // i is always the start of a run: words stop at backticks, spans end after a run.
            while (run < run_pos.size() && run_pos[run] < i) {
                ++run;
            }
            if (run >= run_pos.size() || run_pos[run] != i) {
                flush_code();
                out += "\\`";  // defensive: cannot happen, but never index past the runs
                ++i;
                continue;
            }
            const std::size_t open = run_len[run];
            const std::size_t close =
                next_same[run] == std::string_view::npos ? std::string_view::npos : run_pos[next_same[run]];
            if (close == std::string_view::npos) {
                flush_code();
                for (std::size_t n = 0; n < open; ++n) {
                    out += "\\`";
                }
                i += open;
            } else {
                std::string_view inner = body.substr(i + open, close - i - open);
                if (inner.size() >= 2 && inner.front() == ' ' && inner.back() == ' ' &&
                    inner.find_first_not_of(' ') != std::string_view::npos) {
                    inner = inner.substr(1, inner.size() - 2);
                }
                pending_code += inner;
                pending = true;
                i = close + open;
            }
            at_start = false;
            continue;
        }
        std::size_t end = i;
        while (end < body.size() && body[end] != ' ' && body[end] != '`') {
            ++end;
        }
        const std::string_view word = body.substr(i, end - i);
        if (could_autolink(word)) {
            pending_code += word;
            pending = true;
        } else {
            flush_code();
            append_escaped_word(out, word, at_start);
        }
        at_start = false;
        i = end;
    }
    flush_code();
    return out + more_note(capped.more);
}

std::string md_fenced_block(std::string_view text, std::size_t hidden_tail) {
    Capped capped = cap_text(text);
    capped.more += hidden_tail;
    std::string cleaned = clean(capped.head, Newlines::keep);
    while (!cleaned.empty() && cleaned.back() == '\n') {
        cleaned.pop_back();
    }
    const std::string fence(std::max<std::size_t>(3, longest_backtick_run(cleaned) + 1), '`');
    std::string out = fence + "\n" + cleaned + "\n" + fence + "\n";
    if (capped.more > 0) {
        out += "\n_\u2026 (" + std::to_string(capped.more) + " more characters)_\n";
    }
    return out;
}

}  // namespace pm
