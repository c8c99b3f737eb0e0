// Decides what an input is from its content; the file name is only a tie-breaker.
#pragma once

#include <string>
#include <string_view>

#include "input/source_file.hpp"

namespace pm {

// One of the contract's kinds: describe, events, container-log, kernel-log, pod-json, pod-yaml,
// bundle, oci-message, unknown.
std::string detect_input_kind(const SourceFile& file);

}  // namespace pm
