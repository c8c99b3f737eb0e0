// Recognises a report podmortem itself wrote, by its whole shape (never by a substring).
#pragma once

#include <string_view>

namespace pm {

// The last line of every Markdown report: the generator's marker.
inline constexpr std::string_view k_markdown_marker_prefix = "_Written by podmortem ";

// True for a JSON document that parses and carries the contract's top-level keys (schema
// "podmortem/v1", tool.name "podmortem", and the inputs/pods/findings/kernel_events/
// runtime_errors/warnings arrays), or a Markdown text that starts with the report's title line
// and ends with the generator's marker line.
bool is_podmortem_report(std::string_view text);

}  // namespace pm
