// Events as objects: core/v1 Event and EventList (`kubectl get events -o json|yaml`) and events.k8s.io/v1
// (`regarding`, `note`, `series`, `deprecated*`), read into Events of the pods they are about.
#pragma once

#include <vector>

#include "evidence/incident.hpp"
#include "readers/pod_objects/object_tree.hpp"

namespace pm {

// One Pod record per pod the Event objects regard, holding them oldest first where their times allow;
// pods whose events tell of no failure (only Normal rows, probe or scheduling failures) make none.
std::vector<Pod> build_event_pods(const ObjectTree& tree, InputId input);

}  // namespace pm
