// One pod per namespace/name across all inputs: captures of the same pod (describe.txt and the
// notes.md that quotes it, or two describes minutes apart) become one record with every termination.
#pragma once

#include "records/model.hpp"

namespace pm {

// Merges pods that share namespace and name (containers by name, terminations de-duplicated and
// ordered oldest first, events appended); gives a pod known only from events the containers they name.
void merge_pods(Report& report);

}  // namespace pm
