// Undoes paste damage on describe text line by line: quote and bullet prefixes, code fences,
// Markdown code indentation and collapsed whitespace, keeping every piece's original line number.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "input/source_text.hpp"

namespace pm {

// What was done to the whole paste; decided once per file so that a single `> ` or `- ` inside a
// message is never taken for damage.
struct PasteProfile {
    bool quoted = false;            // most lines start with `>` (Markdown quote, possibly nested)
    bool quote_eats_space = false;  // the quote marker is `> ` rather than `>`
    bool bulleted = false;          // most lines start with `- `
    int base_indent = 0;            // columns every field line is shifted right (4 = Markdown code block)
};

// One logical line: a physical line, or one field of a line whose newlines were collapsed.
struct PasteLine {
    uint32_t line = 0;       // 0-based index into SourceFile::lines (kept small: one per input line)
    int32_t indent = 0;      // columns after the base offset (TABs to 8-column stops)
    std::string_view text;   // the content, trimmed; a view into SourceFile::text
    bool piece = false;      // cut out of a collapsed line
    bool last_piece = true;  // the last (or only) logical line of its physical line
};

// Decided over the lines [first, last] (0-based, inclusive) of `lines`; a large region is counted on
// `jobs` threads (the same profile).
PasteProfile detect_paste_profile(const LineIndex& lines, std::size_t first, std::size_t last, unsigned jobs = 1);

// The physical line with the paste prefix (quotes, bullet, code fence) and the base offset removed,
// leading whitespace otherwise kept, trailing whitespace trimmed: how a message continuation line
// read before it was pasted.
std::string_view repaired_body(std::string_view line, const PasteProfile& profile);

// Every logical line of lines [first, last] of the file, in order; blank lines are kept as entries
// with empty text (they separate records). Linear in the size of the text.
std::vector<PasteLine> repair_paste(const SourceText& file, std::size_t first, std::size_t last,
                                    const PasteProfile& profile);

}  // namespace pm
