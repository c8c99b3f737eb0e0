// The first reading of a container: what its termination (reason, exit code, message) or waiting state says.
#pragma once

#include "diagnose/reading.hpp"

namespace pm {

Reading read_termination(const Grammar& g, const Incident& incident, const Container& c, const Termination& t);

// For a container that never terminated but waits for a reason that explains itself (ImagePullBackOff…).
Reading read_waiting(const Grammar& g, const Incident& incident, const State& s);

// The classified runtime error settles the cause when a rule matched it.
void apply_runtime_error(const Grammar& g, const RuntimeError& error, Reading& r);

}  // namespace pm
