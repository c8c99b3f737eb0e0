// The block syntax of grammars/*.rules: `TYPE ID` at column 0, then indented `key = value` lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pm {

struct GrammarProblem {
    std::string source;   // FILE:LINE
    std::string message;
};

// How a grammar is loaded: validated (every pattern compiled now) or trusted (compiled on first use).
struct LoadOptions {
    bool validate = false;
};

struct RuleEntry {
    std::string key;
    std::string value;  // raw text after the first '=', trimmed; no escapes, so regexes read literally
    int line = 0;
};

struct RuleBlock {
    std::string file;
    int line = 0;
    std::string type;
    std::string id;
    std::vector<RuleEntry> entries;

    std::string where() const;
    std::string where(const RuleEntry& entry) const;
};

// Splits one file into blocks. Syntax problems are appended to `problems`; parsing goes on.
std::vector<RuleBlock> parse_rules_file(const std::string& file, std::string_view text,
                                        std::vector<GrammarProblem>& problems);

}  // namespace pm
