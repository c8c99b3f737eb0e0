// The shipped grammars/*.rules, compiled into the binary by cmake/embed_grammars.cmake.
#pragma once

#include <string>
#include <vector>

namespace pm {

struct EmbeddedGrammar {
    const char* name;  // "grammars/FILE.rules"
    const char* text;
};

const std::vector<EmbeddedGrammar>& embedded_grammars();

}  // namespace pm
