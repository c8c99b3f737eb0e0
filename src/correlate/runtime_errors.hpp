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

// At most this many copies of one chain are listed; later ones only raise the first's occurrences.
inline constexpr std::size_t k_max_identical_runtime_errors = 10;
inline constexpr std::size_t k_not_listed = static_cast<std::size_t>(-1);

// Appends `error` to report.runtime_errors unless k_max_identical_runtime_errors of the same chain
// are listed already. Returns its index, or the first copy's index when it was only counted
// (`listed` tells which).
std::size_t list_runtime_error(Report& report, RuntimeError error, bool* listed = nullptr);

// The report-level warning that states the cap, when any error was only counted.
void warn_counted_runtime_errors(Report& report);

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
