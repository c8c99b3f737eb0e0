// Builds typed rules from blocks and checks their values and patterns. (Each rule's examples run
// through the stages that use it: pipeline/grammar_examples, above every stage.)
#pragma once

#include <string>
#include <vector>

#include "grammar/grammar.hpp"
#include "grammar/rules_file.hpp"

namespace pm {

// Adds the rule described by `block` (keys already checked against the type's table) to `g`.
void build_rule(const RuleBlock& block, Grammar& g, const LoadOptions& load, std::vector<GrammarProblem>& problems);

// A grammar that is used for analysis must name every contract cause and cover every exit code.
void check_complete(const Grammar& g, const std::string& where, std::vector<GrammarProblem>& problems);

}  // namespace pm
