// Loads and validates grammars: every problem at once, each as FILE:LINE: message.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "grammar/grammar.hpp"
#include "grammar/rules_file.hpp"

namespace pm {

struct GrammarSource {
    std::string name;  // what problems cite, e.g. "grammars/exit-codes.rules"
    std::string text;
};

// Builds a Grammar from rule files (in the order given). A rule with problems is left out; the
// caller treats any problem as fatal (exit 2). With load.validate every pattern is compiled now
// and a bad one is a problem; without it (the built-in grammar, checked by the tests) patterns
// compile on first use. Examples are not run here: see pipeline/grammar_examples.
std::shared_ptr<const Grammar> load_grammar(const std::vector<GrammarSource>& files,
                                            std::vector<GrammarProblem>& problems, const LoadOptions& load = {});

// The grammars compiled into the binary.
std::vector<GrammarSource> builtin_grammar_sources();

// DIR/*.rules in sorted order; an unreadable or empty DIR is a problem.
std::vector<GrammarSource> grammar_sources_from_dir(const std::string& dir, std::vector<GrammarProblem>& problems);

// The built-in grammar, loaded once without compiling its patterns; aborts loudly if the shipped
// grammars are broken (the tests validate them fully).
const Grammar& builtin_grammar();

}  // namespace pm
