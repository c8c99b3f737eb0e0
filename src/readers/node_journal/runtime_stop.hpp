// A stop kubelet asked the runtime for (containerd's StopContainer, CRI-O's Stopped container): the
// Killing event it stands for, as describe would have listed it.
#pragma once

#include <string_view>

#include "evidence/incident.hpp"

namespace pm {

// `runtime` is a literal (`containerd`, `crio`): the event keeps a view of it.
Event runtime_stop_event(Incident& incident, std::string_view runtime, std::string_view container, const Quote& cite);

}  // namespace pm
