// Runs every rule's own examples through the stages that use the rule (the unwrapper and classifier,
// the event matcher): the layer above them all, so the grammar loader depends on no stage.
#pragma once

#include <vector>

#include "grammar/grammar.hpp"
#include "grammar/rules_file.hpp"

namespace pm {

// Every `runtime` example must unwrap and classify to its own rule (and to its expect-innermost);
// every `event` example `REASON: message` must match its rule's reason and pattern.
void check_grammar_examples(const Grammar& g, std::vector<GrammarProblem>& problems);

}  // namespace pm
