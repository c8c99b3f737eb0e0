// The signatures that recognise `kubectl describe pod` text.
#pragma once

#include <span>

#include "regions/signature.hpp"

namespace pm {

std::span<const Signature> describe_signatures();

}  // namespace pm
