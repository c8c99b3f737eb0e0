// The signatures that recognise pods and events as JSON and YAML objects.
#pragma once

#include <span>

#include "regions/signature.hpp"

namespace pm {

std::span<const Signature> pod_json_signatures();
std::span<const Signature> pod_yaml_signatures();
// Event objects (core/v1, events.k8s.io/v1, watch events): read by the same object reader.
std::span<const Signature> event_json_signatures();
std::span<const Signature> event_yaml_signatures();

}  // namespace pm
