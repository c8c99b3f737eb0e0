// Turns a finished Reading into the Finding a person reads: summary, evidence, remediation, alternatives.
#pragma once

#include <string>
#include <string_view>

#include "diagnose/findings.hpp"
#include "diagnose/reading.hpp"

namespace pm {

// `pod` and `c` are null for a lone runtime error that no record holds.
Finding build_finding(const Grammar& g, const Pod* pod, const Container* c, Reading& r);

// A grammar sentence with the real names in place of {pod} {namespace} {container} {node}, or the
// words POD, NAMESPACE, CONTAINER, NODE where they are not known (`pod`, `c` may be null).
std::string with_names(std::string_view text, const Pod* pod, const Container* c);

// How strongly a finding claims the report's title: what the cause is worth (its grammar rank),
// then how sure it is.
int headline_rank(const Grammar& g, const Finding& f);

}  // namespace pm
