// The reader of `kubectl get events` and `kubectl events` listings (formats.md §2.2).
#pragma once

#include "readers/reader.hpp"

namespace pm {

// Every row about a pod becomes an Event of that pod (one Pod record per pod named); rows about a node
// are given to the pods of the listing seen on that node.
void read_events(ReadContext& context);

}  // namespace pm
