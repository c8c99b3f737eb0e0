// The container-log reader: a `kubectl logs [-p]` output, a CRI or Docker log file, read through the
// shared log scanner for the application's last words; its runtime errors too.
#pragma once

#include "readers/reader.hpp"

namespace pm {

void read_container_log(ReadContext& context);

}  // namespace pm
