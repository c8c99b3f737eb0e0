// The signatures that recognise a lone pasted runtime error.
#pragma once

#include <span>

#include "regions/signature.hpp"

namespace pm {

std::span<const Signature> oci_message_signatures();

}  // namespace pm
