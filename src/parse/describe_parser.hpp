// Parses saved `kubectl describe pod(s)` text, any version, any paste damage, into Pods.
#pragma once

#include <vector>

#include "input/source_file.hpp"
#include "records/model.hpp"

namespace pm {

// Every pod in the file, in order. Termination records get exit codes normalised (via
// normalise_exit_code) and times converted to RFC 3339; message_chain is left empty (a later stage
// unwraps). What cannot be parsed becomes a warning naming file:line.
std::vector<Pod> parse_describe(const SourceFile& file, std::vector<Warning>& warnings);

}  // namespace pm
