// Pods read from an object tree: a Pod, the items of a PodList or List, or a fragment of one.
#pragma once

#include <vector>

#include "evidence/incident.hpp"
#include "readers/pod_objects/object_tree.hpp"

namespace pm {

// Each Pod object (or the fragment, read as one pod) becomes a Pod record like describe's, cited at
// the lines of `input`; objects of other kinds are skipped, and a fragment that names no pod and holds
// no container state makes none.
std::vector<Pod> build_pods(const ObjectTree& tree, const SourceText& text, InputId input, Incident& incident);

}  // namespace pm
