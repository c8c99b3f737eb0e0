// One kernel event saved in several captures (dmesg and its -T tail, a journal and syslog) is one
// event: the copies collapse into the fullest, keeping every citation; a pair whose copies give both
// stamps gives its boot's wall clock to the uptime-only events of that boot.
#pragma once

#include "evidence/incident.hpp"

namespace pm {

void collapse_kernel_duplicates(Incident& incident);

}  // namespace pm
