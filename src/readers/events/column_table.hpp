// Space-padded text tables as kubectl prints them (tabwriter output): header -> columns -> cells, despite paste damage.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.hpp"

namespace pm {

inline constexpr int k_unknown_column = -1;

// One spelling of a column name the caller knows ("LAST SEEN", "SubObjectPath"), matched case-insensitively;
// words of a multi-word name are separated by exactly one space in headers.
struct ColumnName {
    std::string_view name;
    int id = k_unknown_column;  // the caller's column kind
};

struct Column {
    int id = k_unknown_column;
    std::string name;   // as printed
    size_t start = 0;   // offset of the name in the header line
};

struct ColumnHeader {
    std::vector<Column> columns;
    bool offsets_valid = true;  // false for a header the caller made up (no header line was found)
};

// The header's columns, each a known name or (for an unknown word) k_unknown_column. nullopt when fewer than two
// names are known, the first word is unknown, or there are more than 32 columns.
std::optional<ColumnHeader> parse_column_header(std::string_view line, std::span<const ColumnName> names);

// How one column's cell is recognised. `measure` returns the length of the cell at the start of its argument
// (tokens separated by spaces; the argument never starts with a space), 0 when the text there does not fit;
// nullptr means free text (only usable where cell boundaries are known, or as the last column).
struct ColumnRule {
    int id = k_unknown_column;
    size_t (*measure)(std::string_view text) = nullptr;
    bool optional = false;   // may be empty (SubObjectPath): skipped when the text there does not fit
    bool free_cell = false;  // when cell boundaries are known (offsets, wide gaps), any text is accepted
};

enum class SplitMethod { offsets, wide_gaps, tokens };

struct RowCells {
    std::vector<std::string_view> cells;  // one per column, right-trimmed; empty when absent
    size_t filled = 0;                    // columns reached before the row ran out (== cells.size() when whole)
    SplitMethod method = SplitMethod::offsets;
};

// Splits a row (in the header's coordinates: same frame stripped, tabs expanded) into cells: by the header's
// offsets when the row aligns with them; else by runs of >= 2 spaces; else by token shapes (`rules`, one per
// column). The last column takes the rest of the row. False when no method fits or the row ran out before
// `min_filled` columns. Linear in the row length; `out` is reused to avoid allocations.
bool split_row(std::string_view row, const ColumnHeader& header, std::span<const ColumnRule> rules,
               size_t min_filled, RowCells& out);

// What a paste put in front of every line: Markdown quote marks or a list bullet (`marker`), then indentation.
struct LineFrame {
    std::string marker;  // ">", "> >", "-", "" (leading spaces before a marker are part of it)
    size_t indent = 0;   // spaces between the marker and the first cell
};

// The frame of a header or first row line.
LineFrame frame_of(std::string_view line);

// `line` without the frame's marker (its indentation is kept, so offsets stay comparable with the header's).
std::string_view strip_frame(std::string_view line, const LineFrame& frame);

// Tabs expanded to 8-column stops counted from `origin` (where column 0 of the original text sits); returns
// `line` itself when it has no tab. Very long lines get one space per tab so a hostile line cannot blow up.
std::string_view expand_tabs(std::string_view line, size_t origin, std::string& buffer);

// A `----  ------` or `─────` separator under a header.
bool is_rule_line(std::string_view line);

size_t leading_spaces(std::string_view text);

}  // namespace pm
