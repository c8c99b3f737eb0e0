// Finds runtime error messages in terminations and events, unwraps them, and lists them in the report.
#pragma once

#include "grammar/grammar.hpp"
#include "records/model.hpp"

namespace pm {

// Sets message_chain on every termination/state/event whose message is a nested runtime error, and
// appends one RuntimeError per distinct source to report.runtime_errors.
void attach_runtime_errors(const Grammar& g, Report& report);

// The RuntimeError recorded for `source`, or nullptr.
const RuntimeError* runtime_error_at(const Report& report, const std::string& source);

}  // namespace pm
