// One pod per namespace/name across all inputs: captures of the same pod (describe.txt and the
// notes.md that quotes it, or two describes minutes apart) become one record with every termination.
#pragma once

#include "evidence/incident.hpp"

namespace pm {

// Merges pods that share namespace and name (containers by name and type, terminations de-duplicated
// and ordered oldest first where their finish times allow, events appended).
void merge_pods(Incident& incident);

// Drops the pods known only from a `kubectl get pods` row when another input describes a pod of that
// name: the description says more, and a listing without -A names no namespace to tell them apart.
void drop_listed_copies(Incident& incident);

}  // namespace pm
