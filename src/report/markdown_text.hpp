// Markdown quoting of untrusted text: nothing from an input may become live Markdown or HTML.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pm {

// Longest quoted text, in code points; the rest is counted, not printed.
inline constexpr std::size_t k_md_max_quote = 1000;

// Where a piece of Markdown lands: inside a GFM table cell, `|` must be written `\|` even within
// code spans, because GFM splits cells before it parses inlines.
enum class MdPlace { block, table_cell };

// Inline code span holding `text` verbatim (as far as Markdown allows): invalid UTF-8 becomes
// U+FFFD, control and direction-override characters become visible escapes (`\x1B`, `\u202E`),
// TAB a space, line breaks ` ⏎ `; the backtick fence is longer than any backtick run inside, with
// padding spaces when needed. Text over k_md_max_quote code points is cut and followed by
// ` … (N more characters)`. Empty text gives `(empty)`.
// `hidden_tail` (all three functions): code points the caller already cut off after `text`; they
// are added to the "more characters" count.
std::string md_code(std::string_view text, MdPlace place = MdPlace::block, std::size_t hidden_tail = 0);

// Prose that may mix our own words with input text (summaries, remediation, warnings): Markdown
// punctuation is backslash-escaped, `<` `>` `&` become entities, balanced `code spans` in the
// text stay code spans (re-quoted safely), and any word that could autolink (`@`, `://`,
// `www.`) is quoted as code. Never starts a block construct (list, heading, quote, code), so it
// is safe after `- ` or in a table cell. Capped like md_code.
std::string md_prose(std::string_view text, MdPlace place = MdPlace::block, std::size_t hidden_tail = 0);

// A fenced code block for multi-line text (ends in "\n"), fence longer than any backtick run
// inside. Same cleaning and cap as md_code except that line breaks are kept.
std::string md_fenced_block(std::string_view text, std::size_t hidden_tail = 0);

}  // namespace pm
