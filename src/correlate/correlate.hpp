// Correlation: what the readers appended becomes one connected picture - signal names, runtime errors
// unwrapped and linked, captures of one pod merged, events tied to their containers.
#pragma once

#include "evidence/incident.hpp"
#include "grammar/grammar.hpp"

namespace pm {

void correlate(const Grammar& g, Incident& incident);

}  // namespace pm
