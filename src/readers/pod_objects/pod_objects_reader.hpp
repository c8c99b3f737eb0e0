// The reader of pods as `kubectl get pod -o yaml|json` prints them, whole or in fragments (formats.md §8).
#pragma once

#include "readers/reader.hpp"

namespace pm {

void read_pod_objects(ReadContext& context);

}  // namespace pm
