// Classifies an unwrapped runtime error with the grammar's `runtime` rules (first match wins).
#pragma once

#include <string>
#include <string_view>

#include "grammar/grammar.hpp"
#include "oci/unwrap.hpp"
#include "evidence/incident.hpp"

namespace pm {

// The first rule whose pattern matches (scope chain: layers joined with ": ", then the wrappers' hints one per
// line; innermost: the last layer). Falls back to the whole message when unwrapping found no layers.
const RuntimeRule* match_runtime_rule(const Grammar& g, const UnwrappedError& unwrapped, std::string_view message);

// Unwraps and classifies one message found at `at`; cause `oci-start-error` when no rule matches a
// real runtime error, `unknown` when the text is no runtime error at all. `message` must live as long
// as `incident` (a view into a kept input text or its arena); the layers are kept in its arena.
RuntimeError analyse_runtime_error(const Grammar& g, Text message, Cite at, Incident& incident);

}  // namespace pm
