// The signatures that recognise kernel logs.
#pragma once

#include <span>

#include "regions/signature.hpp"

namespace pm {

std::span<const Signature> kernel_log_signatures();

}  // namespace pm
