// Fills what the grammar knows about records the parsers built: signal names.
#pragma once

#include "grammar/grammar.hpp"
#include "records/model.hpp"

namespace pm {

void name_signals(const Grammar& g, Report& report);

}  // namespace pm
