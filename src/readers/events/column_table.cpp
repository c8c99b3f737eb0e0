// Generic reading of tabwriter tables: header offsets first, then wide gaps, then token shapes.
#include "readers/events/column_table.hpp"

#include <algorithm>

namespace pm {

namespace {

constexpr size_t k_max_columns = 32;
constexpr size_t k_tab_width = 8;
// Beyond this a line is not a table row anyone printed; expanding its tabs could multiply its size by eight.
constexpr size_t k_max_tab_expansion_line = size_t{64} * 1024;

char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

// Length of `name` matched case-insensitively at `pos`, ending at a word boundary; 0 when it does not match.
size_t match_name(std::string_view line, size_t pos, std::string_view name) {
    if (name.empty() || line.size() - pos < name.size()) {
        return 0;
    }
    for (size_t i = 0; i < name.size(); ++i) {
        if (lower(line[pos + i]) != lower(name[i])) {
            return 0;
        }
    }
    size_t end = pos + name.size();
    if (end < line.size() && !is_space(line[end])) {
        return 0;
    }
    return name.size();
}

size_t word_end(std::string_view line, size_t pos) {
    while (pos < line.size() && !is_space(line[pos])) {
        ++pos;
    }
    return pos;
}

size_t skip_spaces(std::string_view line, size_t pos) {
    while (pos < line.size() && line[pos] == ' ') {
        ++pos;
    }
    return pos;
}

// Like skip_spaces, but also past tabs and CRs, so a header the caller forgot to expand still makes progress.
size_t skip_blanks(std::string_view line, size_t pos) {
    while (pos < line.size() && is_space(line[pos])) {
        ++pos;
    }
    return pos;
}

// Where the run of >= 2 spaces after `pos` starts (the end of a cell when cells are padded by tabwriter).
size_t wide_gap(std::string_view line, size_t pos) {
    size_t found = line.find("  ", pos);
    return found == std::string_view::npos ? line.size() : found;
}

bool cell_fits(std::string_view cell, const ColumnRule& rule) {
    if (rule.free_cell || rule.measure == nullptr) {
        return true;
    }
    return rule.measure(cell) == cell.size();
}

bool split_by_offsets(std::string_view row, const ColumnHeader& header, std::span<const ColumnRule> rules,
                      RowCells& out) {
    const std::vector<Column>& cols = header.columns;
    size_t n = cols.size();
    if (row.size() <= cols[0].start || leading_spaces(row) != cols[0].start) {
        return false;
    }
    for (size_t j = 0; j < n; ++j) {
        size_t start = cols[j].start;
        if (start >= row.size() || is_blank(row.substr(start))) {
            out.filled = j;  // the row stops here (truncated, or an empty last cell)
            return j > 0;
        }
        if (j > 0 && row[start - 1] != ' ') {
            return false;  // a cell runs across the boundary: this row belongs to another column block
        }
        bool last = j + 1 == n;
        size_t end = last ? row.size() : cols[j + 1].start;
        std::string_view cell = trim_right(row.substr(start, end - start));
        if (cell.empty()) {
            if (!rules[j].optional) {
                return false;
            }
            continue;
        }
        if (cell.front() == ' ') {
            return false;
        }
        if (!last && rules[j].measure != nullptr && cell.find("  ") != std::string_view::npos) {
            return false;
        }
        if (!cell_fits(cell, rules[j])) {
            return false;
        }
        out.cells[j] = cell;
    }
    out.filled = n;
    return true;
}

bool split_by_wide_gaps(std::string_view row, std::span<const ColumnRule> rules, RowCells& out) {
    size_t n = rules.size();
    size_t pos = leading_spaces(row);
    for (size_t j = 0; j < n; ++j) {
        if (pos >= row.size()) {
            out.filled = j;
            return j > 0;
        }
        if (j + 1 == n) {
            out.cells[j] = trim_right(row.substr(pos));
            out.filled = n;
            return true;
        }
        size_t end = wide_gap(row, pos);
        std::string_view cell = trim_right(row.substr(pos, end - pos));
        const ColumnRule& rule = rules[j];
        if (rule.optional) {
            if (rule.measure == nullptr || rule.measure(cell) != cell.size()) {
                continue;  // the optional column is empty; offer the same cell to the next column
            }
        } else if (!cell_fits(cell, rule)) {
            return false;
        }
        out.cells[j] = cell;
        pos = skip_spaces(row, end);
    }
    out.filled = n;
    return true;
}

bool split_by_tokens(std::string_view row, std::span<const ColumnRule> rules, RowCells& out) {
    size_t n = rules.size();
    size_t pos = leading_spaces(row);
    for (size_t j = 0; j < n; ++j) {
        pos = skip_spaces(row, pos);
        if (pos >= row.size()) {
            out.filled = j;
            return j > 0;
        }
        if (j + 1 == n) {
            out.cells[j] = trim_right(row.substr(pos));
            out.filled = n;
            return true;
        }
        const ColumnRule& rule = rules[j];
        if (rule.measure == nullptr) {
            return false;  // free text in the middle cannot be delimited without padding
        }
        size_t len = rule.measure(row.substr(pos));
        if (len == 0) {
            if (rule.optional) {
                continue;
            }
            return false;
        }
        len = std::min(len, row.size() - pos);
        if (pos + len < row.size() && row[pos + len] != ' ') {
            return false;
        }
        out.cells[j] = trim_right(row.substr(pos, len));
        pos += len;
    }
    out.filled = n;
    return true;
}

void reset(RowCells& out, size_t n) {
    out.cells.assign(n, std::string_view{});
    out.filled = 0;
}

}  // namespace

std::optional<ColumnHeader> parse_column_header(std::string_view line, std::span<const ColumnName> names) {
    ColumnHeader header;
    size_t known = 0;
    size_t pos = skip_blanks(line, 0);
    while (pos < line.size()) {
        if (header.columns.size() >= k_max_columns) {
            return std::nullopt;
        }
        size_t best_len = 0;
        int best_id = k_unknown_column;
        for (const ColumnName& name : names) {
            size_t len = match_name(line, pos, name.name);
            if (len > best_len) {
                best_len = len;
                best_id = name.id;
            }
        }
        if (best_len == 0) {
            if (header.columns.empty()) {
                return std::nullopt;
            }
            best_len = word_end(line, pos) - pos;
        } else {
            ++known;
        }
        header.columns.push_back(Column{best_id, std::string(line.substr(pos, best_len)), pos});
        pos = skip_blanks(line, pos + best_len);
    }
    if (known < 2) {
        return std::nullopt;
    }
    return header;
}

bool split_row(std::string_view row, const ColumnHeader& header, std::span<const ColumnRule> rules,
               size_t min_filled, RowCells& out) {
    size_t n = header.columns.size();
    if (n == 0 || rules.size() != n) {
        return false;
    }
    if (header.offsets_valid) {
        reset(out, n);
        if (split_by_offsets(row, header, rules, out) && out.filled >= min_filled) {
            out.method = SplitMethod::offsets;
            return true;
        }
    }
    reset(out, n);
    if (split_by_wide_gaps(row, rules, out) && out.filled >= min_filled) {
        out.method = SplitMethod::wide_gaps;
        return true;
    }
    reset(out, n);
    if (split_by_tokens(row, rules, out) && out.filled >= min_filled) {
        out.method = SplitMethod::tokens;
        return true;
    }
    reset(out, n);
    return false;
}

LineFrame frame_of(std::string_view line) {
    size_t i = 0;
    size_t marker_end = 0;
    while (i < line.size()) {
        char c = line[i];
        if (c == ' ') {
            ++i;
        } else if (c == '>') {
            ++i;
            marker_end = i;
        } else if ((c == '-' || c == '*' || c == '+') && i + 1 < line.size() && line[i + 1] == ' ') {
            ++i;
            marker_end = i;
        } else {
            break;
        }
    }
    LineFrame frame;
    frame.marker = std::string(line.substr(0, marker_end));
    frame.indent = i - marker_end;
    return frame;
}

std::string_view strip_frame(std::string_view line, const LineFrame& frame) {
    std::string_view marker = frame.marker;
    if (marker.empty()) {
        return line;
    }
    if (line.substr(0, marker.size()) == marker) {
        return line.substr(marker.size());
    }
    // Re-indented quote marks: compare without the leading spaces on both sides.
    std::string_view bare_line = line.substr(leading_spaces(line));
    std::string_view bare_marker = marker.substr(leading_spaces(marker));
    if (!bare_marker.empty() && bare_line.substr(0, bare_marker.size()) == bare_marker) {
        return bare_line.substr(bare_marker.size());
    }
    return line;
}

std::string_view expand_tabs(std::string_view line, size_t origin, std::string& buffer) {
    if (line.find('\t') == std::string_view::npos) {
        return line;
    }
    buffer.clear();
    if (line.size() > k_max_tab_expansion_line) {
        buffer.assign(line);
        for (char& c : buffer) {
            if (c == '\t') {
                c = ' ';
            }
        }
        return buffer;
    }
    size_t col = 0;
    for (char c : line) {
        if (c == '\t') {
            size_t pad = col < origin ? origin - col : k_tab_width - (col - origin) % k_tab_width;
            buffer.append(pad, ' ');
            col += pad;
        } else {
            buffer.push_back(c);
            // tabwriter counts characters, not bytes: UTF-8 continuation bytes take no column.
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
                ++col;
            }
        }
    }
    return buffer;
}

bool is_rule_line(std::string_view line) {
    static constexpr std::string_view k_box_dash = "\xE2\x94\x80";  // U+2500, early kubectl's separator
    size_t dashes = 0;
    size_t i = 0;
    while (i < line.size()) {
        if (line[i] == '-') {
            ++dashes;
            ++i;
        } else if (is_space(line[i])) {
            ++i;
        } else if (line.substr(i, k_box_dash.size()) == k_box_dash) {
            ++dashes;
            i += k_box_dash.size();
        } else {
            return false;
        }
    }
    return dashes >= 3;
}

size_t leading_spaces(std::string_view text) {
    return skip_spaces(text, 0);
}

}  // namespace pm
