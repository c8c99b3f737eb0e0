// Converts non-UTF-8 input (UTF-16/32, legacy code pages) to UTF-8 through ICU, chunk by chunk.
#pragma once

#include <string_view>

#include "input/text_sink.hpp"

namespace pm {

// Feeds `bytes`, read as `charset` (an ICU converter name such as "UTF-16LE" or "GB18030"), into
// `sink`; every illegal or unmappable sequence becomes one U+FFFD reported as `bad_kind`.
// Returns false (and writes nothing) when ICU has no converter of that name.
bool convert_with_icu(std::string_view bytes, const char* charset, BadKind bad_kind, TextSink& sink);

}  // namespace pm
