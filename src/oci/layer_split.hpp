// Splits an unquoted error chain (`caused: ` and `: `-joined generations) into layers.
#pragma once

#include "oci/layer_sink.hpp"

#include <string_view>

namespace pm::oci {

// Adds the layers of `text`, whose quoting is already undone, to `state`: splits at ` caused: `
// and at `: ` followed by a known wrapper phrase or a `file.go:N: ` label, never inside a quoted
// string; glues labels to their phrase; drops transport phrases. Linear in the text.
void split_chain(std::string_view text, UnwrapState& state);

}  // namespace pm::oci
