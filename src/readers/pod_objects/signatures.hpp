// The signatures that recognise pods as JSON and YAML.
#pragma once

#include <span>

#include "regions/signature.hpp"

namespace pm {

std::span<const Signature> pod_json_signatures();
std::span<const Signature> pod_yaml_signatures();

}  // namespace pm
