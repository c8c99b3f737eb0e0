// Invariants every rendered report keeps, whatever its inputs: checked by the fuzz targets.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pm::fuzz {

// The JSON parses, is one object with the contract's keys, and ends in one newline.
void check_json_report(std::string_view target, std::string_view json);

// The Markdown's shape as cmark-gfm parses it (with GitHub's table, strikethrough and autolink
// extensions): every block node with its depth and kind details, and the count of each inline kind
// that untrusted text must never create (links, images, raw HTML, emphasis). Empty without cmark-gfm.
std::vector<std::string> markdown_shape(std::string_view markdown);
// Raw HTML, links or images anywhere (the writers produce none of their own, beyond the
// `<details>` folds of long messages).
bool markdown_has_live_nodes(std::string_view markdown);
// Whether the checks above can run (the build found cmark-gfm).
bool have_markdown_parser();

}  // namespace pm::fuzz
