// Relative event ages as kubectl prints them ("61s", "4m3s", "2d3h", "<invalid>").
#pragma once

#include <optional>
#include <string_view>

namespace pm {

// Seconds before the capture: "4m3s" -> 243; "<invalid>" (a time after the capture: a skewed node clock)
// -> 0; nullopt for "<unknown>" or anything not a duration.
std::optional<long long> event_age_seconds(std::string_view age);

}  // namespace pm
