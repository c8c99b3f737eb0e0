// One time type for every input: its basis, and comparison across UTC offsets. Parsers for the forms
// kubectl prints (RFC 1123Z and RFC 3339); the kernel and journal forms join them later.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pm {

enum class TimeBasis : std::uint8_t {
    wall_with_offset,     // a wall-clock time with its UTC offset: an instant
    wall_no_offset,       // a wall-clock time whose offset the source did not print (dmesg -T, syslog)
    uptime,               // seconds since the node booted (dmesg's [1234.567890])
    relative_to_capture,  // an age before the moment the text was saved (`5m`, `61s`)
};

// The contract's name for a basis ("wall-clock-with-offset", …).
std::string_view time_basis_name(TimeBasis basis);

struct TimePoint {
    TimeBasis basis = TimeBasis::wall_no_offset;
    // wall_with_offset: UTC seconds since the Unix epoch; wall_no_offset: the printed wall time read
    // as if it were UTC; uptime: seconds since boot; relative_to_capture: seconds before the capture.
    std::int64_t seconds = 0;
    std::uint32_t nanos = 0;
    std::int32_t offset_seconds = 0;   // wall_with_offset: the offset as printed, east of UTC
    std::uint8_t fraction_digits = 0;  // how many digits were printed after the seconds
    bool utc_designator = false;       // printed as `Z` (or a UTC zone name)
    char offset_sign = '+';            // keeps RFC 3339's `-00:00` ("offset unknown") apart from `+00:00`

    // Seconds (and nanos) of the instant for wall_with_offset; of the printed wall time otherwise.
    std::int64_t local_seconds() const { return seconds + (basis == TimeBasis::wall_with_offset ? offset_seconds : 0); }
};

// Ordering where the two bases allow it: instants across any offsets, wall times without offsets
// among themselves, uptimes among themselves (of one boot), ages among themselves (older is less).
// Unordered otherwise.
std::partial_ordering compare_times(const TimePoint& a, const TimePoint& b);

// RFC 3339 with the printed offset kept (`2019-08-27T10:58:27+02:00`, `…Z`, or no offset when the
// source gave none) and the printed fraction digits. Only for the wall-clock bases.
std::string format_rfc3339(const TimePoint& t);
// The same appended to `out` (no string of its own: a report formats every time it cites).
void append_rfc3339(std::string& out, const TimePoint& t);

enum class TimeSentinel { none, zero_time, unix_epoch };

struct KubeTime {
    std::optional<TimePoint> time;  // null for Go's zero time (0001-01-01)
    TimeSentinel sentinel = TimeSentinel::none;
};

// "Tue, 27 Aug 2019 10:58:27 +0200" (RFC 1123Z, as describe prints), RFC 3339 (as -o yaml/json
// print), and RFC 1123 with a zone name ("UTC", "GMT" -> Z; other names: the offset is unknown).
// nullopt when unparsable.
std::optional<KubeTime> parse_kube_time(std::string_view text);

}  // namespace pm
