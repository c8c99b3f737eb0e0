// Ties kernel events to the containers they hit: by container ID, else by pod UID (and the
// termination nearest in time), else the only candidate; collapses one event saved in several
// captures (dmesg, journal, syslog) into one; makes a pod/container record when only the kernel names it.
#pragma once

#include "evidence/incident.hpp"

namespace pm {

void attach_kernel_events(Incident& incident);

}  // namespace pm
