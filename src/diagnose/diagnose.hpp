// Decides each container's cause from its records and the correlated evidence, ranks the findings and
// picks the one the report's title names. Reads the incident; never changes it.
#pragma once

#include "diagnose/findings.hpp"
#include "grammar/grammar.hpp"

namespace pm {

// A finding for every container that terminated or waits for a telling reason, and for every
// runtime error no container record holds. Runtime errors must already be attached.
// `jobs` threads weigh the pods; the result is the same whatever their number.
Diagnoses diagnose(const Grammar& g, const Incident& incident, unsigned jobs = 1);

}  // namespace pm
