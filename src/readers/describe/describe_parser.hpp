// Parses saved `kubectl describe pod(s)` text, any version, any paste damage, into Pods.
#pragma once

#include <vector>

#include "input/source_text.hpp"
#include "readers/describe/paste_repair.hpp"
#include "evidence/incident.hpp"

namespace pm {

// Every pod in lines [first, last] (0-based, inclusive) of the input, in order. Termination records
// get exit codes normalised (via normalise_exit_code) and times as TimePoints; runtime errors are
// unwrapped later. What cannot be parsed becomes a warning naming file:line.
std::vector<Pod> parse_describe(const SourceText& file, InputId input, std::size_t first, std::size_t last,
                                Incident& incident);

// The same with the paste profile decided already (over a larger range this one is part of).
std::vector<Pod> parse_describe(const SourceText& file, InputId input, std::size_t first, std::size_t last,
                                const PasteProfile& profile, Incident& incident);

}  // namespace pm
