// Decides each container's cause from its records and the correlated evidence, and lists the findings.
#pragma once

#include "grammar/grammar.hpp"
#include "records/model.hpp"

namespace pm {

// Fills Container.diagnosis for every container that terminated or waits for a telling reason, and
// report.findings (one per subject, best first). Runtime errors must already be attached.
void diagnose_report(const Grammar& g, Report& report);

// A finding for a runtime error that no container record holds (a pasted message, a log line).
Finding diagnose_lone_runtime_error(const Grammar& g, const RuntimeError& error);

}  // namespace pm
