// Fills what the grammar knows about the terminations readers built: signal names.
#pragma once

#include "evidence/incident.hpp"
#include "grammar/grammar.hpp"

namespace pm {

void name_signals(const Grammar& g, Incident& incident);

}  // namespace pm
