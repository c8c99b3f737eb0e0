// Prefixes a tool puts on every line it prints, found so that what they wrap can be read: a CI
// log's timestamp (`2024-05-14T07:45:16.1234567Z `), a pipeline step's tag (`[describe-pods] `), a
// test runner's comment mark (bats prints `# ` before each line of a failed test's output).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "input/source_text.hpp"

namespace pm {

enum class LinePrefixKind : std::uint8_t { none, utc_timestamp, step_tag, comment_mark };

// The prefix at the start of `line` and its length in bytes (the blank after it included).
struct LinePrefix {
    LinePrefixKind kind = LinePrefixKind::none;
    std::size_t length = 0;
};
LinePrefix line_prefix(std::string_view line);

// Runs this long or longer of consecutive lines with a prefix of one kind lose it; shorter runs
// (a `# Heading`, one stamped line) keep theirs.
inline constexpr std::size_t k_min_prefixed_run = 3;

// Bytes to leave out at the start of each line; empty when no run was found. Linear.
std::vector<std::uint16_t> prefix_skips(const LineIndex& lines);

// Gives `source` its body lines when some lines carry a tool's prefix.
void strip_line_prefixes(SourceText& source);

}  // namespace pm
