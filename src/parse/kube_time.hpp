// Time formats kubectl prints, converted to RFC 3339 with the printed offset kept.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pm {

enum class TimeSentinel { none, zero_time, unix_epoch };

struct ParsedTime {
    std::optional<std::string> rfc3339;  // null for the zero time (0001-01-01)
    TimeSentinel sentinel = TimeSentinel::none;
};

// "Tue, 27 Aug 2019 10:58:27 +0200" -> "2019-08-27T10:58:27+02:00". Also accepts RFC 3339 input and
// RFC1123 with a zone name ("UTC", "GMT" -> "Z"; other names: no offset kept). nullopt when unparsable.
std::optional<ParsedTime> parse_kube_time(std::string_view text);

}  // namespace pm
