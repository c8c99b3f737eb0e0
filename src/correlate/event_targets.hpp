// Which container each event is about, worked out once: its object path, kubelet's own sentences, or
// an old kubelet's FailedSync wrapper. A pod known only from its events gets the containers they name.
#pragma once

#include <optional>
#include <string_view>

#include "evidence/incident.hpp"

namespace pm {

// The container an event is about, when it says: its object path (`spec.containers{api}`), or the
// `container NAME` kubelet writes into BackOff/Killing/Created/Started messages.
std::optional<std::string_view> event_container(const Event& e);

// Sets Event::container for every event; gives a pod with events but no container record the
// containers its events name (or one unnamed container when they name none but carry a runtime error).
void attribute_events(Incident& incident);

}  // namespace pm
