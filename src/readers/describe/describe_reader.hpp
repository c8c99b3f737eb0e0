// The describe reader: `kubectl describe pod(s)` output of every kubectl version, with paste damage.
#pragma once

#include "readers/reader.hpp"

namespace pm {

// Appends every pod record of the region to the incident.
void read_describe(ReadContext& context);

}  // namespace pm
