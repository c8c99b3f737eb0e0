#include "readers/describe/glued_keys.hpp"

#include "readers/describe/describe_keys.hpp"

namespace pm {

namespace {

// `NAME:` then a blank or the end: an environment variable's or a resource's name.
bool sibling_key_at(std::string_view text, std::size_t pos) {
    std::size_t p = pos;
    while (p < text.size()) {
        const char c = text[p];
        const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                          c == '.' || c == '-';
        if (!word) {
            break;
        }
        ++p;
    }
    return p > pos && p < text.size() && text[p] == ':' && (p + 1 == text.size() || is_blank_char(text[p + 1]));
}

bool free_text_key(DescribeKey id) {
    return id == DescribeKey::message || id == DescribeKey::args || id == DescribeKey::command ||
           id == DescribeKey::labels || id == DescribeKey::annotations || id == DescribeKey::events;
}

// Whether two blank characters stand side by side at or after `from`: glue is a run of two or
// more, so a value without one (most are) is passed over with a few memchr calls.
bool has_blank_pair(std::string_view text, std::size_t from) {
    if (text.find('\t', from) != std::string_view::npos || text.find('\r', from) != std::string_view::npos) {
        return true;  // rare: let the full scan decide
    }
    return text.find("  ", from) != std::string_view::npos;
}

}  // namespace

std::vector<GluedPiece> split_glued_keys(std::string_view text, int indent, int base_indent) {
    // Either kind of first key (a describe field, a sibling's NAME:) ends at the line's first colon,
    // and the run after it is its value's alignment, never glue: a value with no two blanks side by
    // side after that holds no glued key, whatever the key is. Most lines end here, unlooked-up.
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos) {
        return {};
    }
    std::size_t p = colon + 1;
    while (p < text.size() && is_blank_char(text[p])) {
        ++p;
    }
    if (!has_blank_pair(text, p)) {
        return {};
    }
    const KeyMatch first = match_describe_key_at(text, 0);
    const bool field_line = first.info != nullptr && !free_text_key(first.info->id);
    const bool sibling_line = first.info == nullptr && indent >= 2 && sibling_key_at(text, 0);
    if (!field_line && !sibling_line) {
        return {};
    }
    std::vector<GluedPiece> pieces;
    std::size_t start = 0;
    int piece_indent = indent;
    while (p < text.size()) {
        if (!is_blank_char(text[p])) {
            ++p;
            continue;
        }
        std::size_t run_end = p;
        while (run_end < text.size() && is_blank_char(text[run_end])) {
            ++run_end;
        }
        const std::size_t run = run_end - p;
        if (run >= 2 && run_end < text.size()) {
            const KeyMatch next = match_describe_key_at(text, run_end);
            const bool known = field_line && next.info != nullptr && !free_text_key(next.info->id);
            const bool sibling = static_cast<int>(run) == indent + base_indent && next.info == nullptr &&
                                 sibling_key_at(text, run_end);
            if (known || sibling) {
                pieces.push_back({text.substr(start, p - start), piece_indent});
                start = run_end;
                piece_indent = static_cast<int>(run);
                // Skip the new field's own key and alignment.
                std::size_t q = known ? run_end + next.length : text.find(':', run_end) + 1;
                while (q < text.size() && is_blank_char(text[q])) {
                    ++q;
                }
                p = q;
                continue;
            }
        }
        p = run_end;
    }
    if (pieces.empty()) {
        return {};
    }
    pieces.push_back({text.substr(start), piece_indent});
    return pieces;
}

}  // namespace pm
