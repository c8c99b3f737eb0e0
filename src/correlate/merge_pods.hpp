// One pod per namespace/name across all inputs: captures of the same pod (describe.txt and the
// notes.md that quotes it, or two describes minutes apart) become one record with every termination.
#pragma once

#include "evidence/incident.hpp"

namespace pm {

// Merges pods that share namespace and name (containers by name and type, terminations de-duplicated
// and ordered oldest first where their finish times allow, events appended).
void merge_pods(Incident& incident);

}  // namespace pm
