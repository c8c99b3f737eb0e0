// Whether an event row tells that a container failed or was stopped against its will.
#pragma once

#include "evidence/records.hpp"

namespace pm {

// Killing for a probe or a definition change, or a Warning other than a probe failure or a scheduling
// failure. Readiness never kills, a liveness failure kills only when a Killing row follows, a stop the
// API asked for (a rollout, a deletion) explains itself, and a pod not yet scheduled ran no container.
bool tells_of_failure(const Event& e);

}  // namespace pm
