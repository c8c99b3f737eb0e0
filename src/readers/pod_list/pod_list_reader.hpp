// The reader of `kubectl get pods` listings (NAME READY STATUS RESTARTS AGE, -A's NAMESPACE, -o wide):
// a row whose STATUS is a reason the grammar knows (OOMKilled, CrashLoopBackOff, ImagePullBackOff,
// Evicted, Init:Error …) becomes a pod with one unnamed container in that state, citing the row. Rows
// that say nothing went wrong (Running, Pending, Completed with no restart) make no record, and a pod
// another input describes keeps that record alone (correlation drops the listed copy).
#pragma once

#include "readers/reader.hpp"

namespace pm {

void read_pod_list(ReadContext& context);

}  // namespace pm
