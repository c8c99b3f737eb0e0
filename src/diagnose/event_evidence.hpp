// Weighs the pod's events (probe kills, evictions, sandbox changes…) with the grammar's event rules.
#pragma once

#include "correlate/runtime_errors.hpp"
#include "diagnose/reading.hpp"

namespace pm {

// The container an event is about, when it says: its object path (`spec.containers{api}`), the
// rule's (?P<container>) capture, or the `container NAME` kubelet writes into BackOff/Failed messages.
std::optional<std::string> event_container(const Event& e);

// Applies every matching event rule to the reading; events about other containers are skipped.
void weigh_events(const Grammar& g, const RuntimeErrorIndex& errors, const Pod& pod, const Container& c, Reading& r);

}  // namespace pm
