// Turns a finished Reading into the Finding a person reads: summary, evidence, remediation, alternatives.
#pragma once

#include "diagnose/reading.hpp"

namespace pm {

Finding build_finding(const Grammar& g, const Pod* pod, const Container* c, Reading& r);

}  // namespace pm
