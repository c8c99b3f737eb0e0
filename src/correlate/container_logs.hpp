// Ties each container log to the container it belongs to (by the names its path, prefix or
// kubectl's lines gave, else the only container that could have written it), and reads every
// termination message as a log tail with the same signatures.
#pragma once

#include "evidence/incident.hpp"
#include "grammar/grammar.hpp"

namespace pm {

void attach_container_logs(const Grammar& g, Incident& incident);

}  // namespace pm
