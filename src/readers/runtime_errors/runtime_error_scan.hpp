// Runtime errors wherever they appear: a pasted message (wrapped over several lines), or lines of a log,
// a journal or an event listing that carry one.
#pragma once

#include "readers/reader.hpp"

namespace pm {

// A lone pasted runtime error (or several): each becomes a RuntimeError and a pod/container entry
// whose names the paste does not know.
void read_pasted_errors(ReadContext& context);

// For kinds podmortem detects but does not read yet: every line that carries a runtime error becomes
// a RuntimeError, and a warning says the rest of the region is not used.
void read_runtime_errors_only(ReadContext& context);

}  // namespace pm
