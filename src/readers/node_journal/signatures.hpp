// The signatures that recognise node journals.
#pragma once

#include <span>

#include "regions/signature.hpp"

namespace pm {

std::span<const Signature> node_journal_signatures();

}  // namespace pm
