// Peels runc <= rc90's nested `caused "…"` quoting (backslashes doubling per level) into layers.
#pragma once

#include "oci/layer_sink.hpp"

#include <string_view>

namespace pm::oci {

// Adds the layers of `text` (transport quoting already removed) to `state`. Finds every
// `caused "` / `invalid header field value "` opener in one pass, reads each opener's quoting depth
// from the backslashes before its quote, decodes each layer's own words at that depth, and finds
// where the innermost message ends from the backslash run lengths of the closing quotes. Damaged
// quoting (backslashes eaten by Markdown, cut-off text) falls back to counting the closing quotes
// at the end. Each layer's own text then goes through split_chain. O(n log n) at worst: a depth d
// needs 2^d backslashes.
void split_quoted_chain(std::string_view text, UnwrapState& state);

}  // namespace pm::oci
