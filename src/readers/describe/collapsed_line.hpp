// Cuts a describe paste whose newlines were collapsed into spaces back into one piece per field.
#pragma once

#include <string_view>
#include <vector>

namespace pm {

// `Name: foo Namespace: bar Containers: api: Container ID: …` -> {"Name: foo", "Namespace: bar",
// "Containers:", "api:", "Container ID: …"}. Cuts only before known keys at word starts; a container
// or volume name glued to the end of the previous field (`… (ro) worker: Image: …`) gets its own
// piece. After `Events:` nothing is cut except the start of a next pod (`Name: x Namespace: y`).
// Returns {} when the line does not look collapsed (it must start with a known key other than
// `Message:` and hold at least three), so ordinary lines and message text stay whole. Linear.
std::vector<std::string_view> split_collapsed_line(std::string_view text);

}  // namespace pm
