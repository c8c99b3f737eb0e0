// Cuts a describe line that swallowed the next line(s): when a paste lost some line breaks (and
// only some), the next field follows the value with the blanks of its own indentation:
// `Reason:       CrashLoopBackOff    Last State:     Terminated`.
#pragma once

#include <string_view>
#include <vector>

namespace pm {

struct GluedPiece {
    std::string_view text;  // the field, trimmed
    int indent = 0;         // its indentation: the line's own for the first, the glue blanks for the others
};

// {} when nothing is glued. A cut falls at a run of 2 or more blanks followed by a known describe key
// on a line that itself starts with a known key (not Message, Args or Command, whose values are free
// text), or by a `NAME:` key that is no describe key when the run is exactly the line's own
// indentation as pasted (`indent` plus the paste's `base_indent`): a sibling, the next environment
// variable or limit. (`  Optional: false` after a secret reference is describe's own, not glue.)
// The pieces after the first carry the run as their indentation. Linear.
std::vector<GluedPiece> split_glued_keys(std::string_view text, int indent, int base_indent = 0);

}  // namespace pm
