// Finds runtime error messages in terminations, states and events, unwraps them once, and links each
// record to the RuntimeError it holds (by index: the report never re-matches them).
#pragma once

#include "evidence/incident.hpp"
#include "grammar/grammar.hpp"

namespace pm {

// Sets Termination/State/Event::runtime_error for every message that is a nested runtime error, listing
// each (capped per chain) in incident.runtime_errors under the message's own line.
void attach_runtime_errors(const Grammar& g, Incident& incident);

// The report-level warning that states the listing cap, when any error was only counted.
void warn_counted_runtime_errors(Incident& incident);

}  // namespace pm
