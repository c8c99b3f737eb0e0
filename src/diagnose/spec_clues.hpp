// Settings in the container's own spec that bear on its cause (grammars/clues.rules): a JVM heap set
// as a large share of the limit, a liveness probe that one slow answer fails.
#pragma once

#include "diagnose/reading.hpp"

namespace pm {

// Raises or lowers the candidates the container's settings bear on; a clue about the cause the
// finding names is said in its summary and cited.
void weigh_spec_clues(const Grammar& g, const Incident& incident, const Container& c, Reading& r);

}  // namespace pm
