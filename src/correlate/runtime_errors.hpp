// Finds runtime error messages in terminations and events, unwraps them, and lists them in the report.
#pragma once

#include <string_view>
#include <unordered_map>

#include "grammar/grammar.hpp"
#include "records/model.hpp"

namespace pm {

// Sets message_chain on every termination/state/event whose message is a nested runtime error, and
// appends one RuntimeError per distinct source to report.runtime_errors.
void attach_runtime_errors(const Grammar& g, Report& report);

// Where a state's message is cited: its first `Message:` line when the parser kept it, else the record.
// Runtime errors are recorded under this source, so every lookup must use it.
std::string message_source(const std::vector<Evidence>& cites, const std::string& record);

// The RuntimeError recorded at each source, looked up in constant time (built once per report).
class RuntimeErrorIndex {
public:
    explicit RuntimeErrorIndex(const Report& report);
    const RuntimeError* at(const std::string& source) const;

private:
    std::unordered_map<std::string_view, const RuntimeError*> m_by_source;
};

}  // namespace pm
