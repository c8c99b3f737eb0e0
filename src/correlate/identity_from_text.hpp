// Names pods and containers that their records leave unnamed (a pasted error, a describe chunk)
// from the names and UIDs kubelet and the runtimes printed inside their messages, and fills pod
// UIDs the same way; a name or UID a record already has is never changed.
#pragma once

#include "evidence/incident.hpp"

namespace pm {

void name_from_text(Incident& incident);

}  // namespace pm
