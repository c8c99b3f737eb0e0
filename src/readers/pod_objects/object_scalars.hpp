// Scalar values of YAML and JSON lines, decoded one layer: JSON and YAML double quotes (\" \n \uXXXX),
// YAML single quotes (''), plain scalars.
#pragma once

#include <string>
#include <string_view>

namespace pm {

struct ScalarText {
    std::string_view raw;  // the value as written after the key, trailing comma and blanks removed
    bool quoted = false;   // '…' or "…"
    bool closed = true;    // the quote ends on this line (false: a YAML scalar folded onto the next lines)
};

// The value part of `key: value` / `"key": value,`.
ScalarText scalar_of(std::string_view after_colon);

// Appends the decoded text of a quoted or plain scalar piece to `out` (quotes removed, escapes
// resolved; invalid escapes kept as written). Returns true when the piece changed in decoding.
bool decode_scalar(std::string_view raw, std::string& out);

}  // namespace pm
