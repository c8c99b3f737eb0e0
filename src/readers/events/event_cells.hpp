// What the cells of event listings look like (describe's Events table, `kubectl get events`, `kubectl events`).
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "readers/events/column_table.hpp"
#include "evidence/incident.hpp"

namespace pm {

// Column kinds of every event listing: describe's table, `kubectl get events`, `kubectl events`.
enum class EventColumn : int {
    type,
    reason,
    age,         // describe: "61s (x9 over 7m40s)"
    from,        // describe From, get-events SOURCE
    message,
    first_seen,  // relative age or (very early kubectl) an RFC1123Z time
    last_seen,
    count,
    subobject,   // SubObjectPath / SUBOBJECT: "spec.containers{web}", may be empty
    object,      // get events OBJECT: "pod/web-1"
    kind,
    name,
    namespace_,
};

// Header spellings of those columns (matched case-insensitively), for parse_column_header.
std::span<const ColumnName> event_column_names();

// How each column of `header` is recognised (Normal/Warning, intervals, components, counts), for split_row.
std::vector<ColumnRule> event_column_rules(const ColumnHeader& header);

struct EventInterval {
    OptText age;
    OptInt count;
};

// "61s (x9 over 7m40s)" -> age "61s", count 9; "12m" -> age "12m", count null; "<unknown>" kept as the age.
EventInterval parse_event_interval(std::string_view cell);

// The reporting component of a From/SOURCE cell: "kubelet, node-a", "{kubelet node-a}", "kubelet" -> "kubelet";
// "{default-scheduler }" -> "default-scheduler". nullopt when the cell names none.
OptText event_component(std::string_view cell);

// The digits of a Count cell or of "(xN"; nullopt when not 1..18 digits.
std::optional<long long> parse_event_count(std::string_view digits);

}  // namespace pm
