// The closed vocabularies of the JSON contract v1, each spelled once: causes, confidences, input
// kinds, container types and statuses, time bases, OOM scopes, and the grammar's event effects.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace pm {

// The contract's causes, in the order report-json.md lists them.
std::span<const std::string_view> contract_causes();
bool is_contract_cause(std::string_view cause);

enum class Confidence : std::uint8_t { low = 1, medium = 2, high = 3 };
std::string_view confidence_name(Confidence c);
std::optional<Confidence> parse_confidence(std::string_view text);

// Input.kind values; a reader's kind must be one of them.
std::span<const std::string_view> contract_input_kinds();
bool is_contract_input_kind(std::string_view kind);

enum class ContainerType : std::uint8_t { init, app, ephemeral };
std::string_view container_type_name(ContainerType t);

enum class StateStatus : std::uint8_t { running, waiting, terminated, unknown };
std::string_view state_status_name(StateStatus s);
// "Running" / "Waiting" / "Terminated" as describe prints them; unknown otherwise.
StateStatus state_status_from_describe(std::string_view word);

std::span<const std::string_view> contract_time_bases();
std::span<const std::string_view> contract_oom_scopes();

// What an event rule does to its cause.
enum class EventEffect : std::uint8_t { confirms, supports, seen };
std::optional<EventEffect> parse_event_effect(std::string_view text);

// `value` if it is in `allowed`, else `fallback`: a value outside a closed list (an upstream bug)
// is written as the list's "don't know", so the document always validates.
std::string_view in_vocabulary(std::string_view value, std::span<const std::string_view> allowed,
                               std::string_view fallback);

}  // namespace pm
