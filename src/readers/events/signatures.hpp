// The signatures that recognise event listings.
#pragma once

#include <span>

#include "regions/signature.hpp"

namespace pm {

std::span<const Signature> events_signatures();

}  // namespace pm
