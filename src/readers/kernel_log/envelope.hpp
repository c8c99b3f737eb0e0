// One kernel-log line without the envelope the tool that saved it added (formats.md §3.1): dmesg's
// raw, caller-id, -T, --time-format iso, -x and <N> prefixes; journalctl short, short-iso,
// short-precise, short-monotonic and its `-- Reboot --` marker; RFC 3164/5424 syslog; talosctl dmesg.
#pragma once

#include <optional>
#include <string_view>

#include "base/time_point.hpp"

namespace pm {

enum class KernelLineKind : std::uint8_t {
    message,       // a kernel message (stamped or bare)
    continuation,  // an unstamped, indented line: the rest of the previous record
    reboot,        // journalctl's `-- Reboot --`
    other,         // another program's line, or a tool's header: skipped
};

struct KernelLine {
    KernelLineKind kind = KernelLineKind::other;
    std::string_view message;            // the kernel's words (a view into the line)
    std::optional<double> uptime_s;      // the printk stamp, when one was printed
    std::optional<TimePoint> wall;       // a wall-clock stamp with a year (dmesg -T, iso, RFC 5424, talos)
    bool stamped = false;                // the line had an envelope of its own
    std::string_view yearless;           // a journal or RFC 3164 stamp (`Mar  5 02:17:44`): no year, no offset
    std::string_view ident;              // `other`: the program that wrote it (`earlyoom[812]:`), when the envelope names one
    std::string_view host;               // the machine a journal or syslog envelope names (empty: none printed)
};

KernelLine strip_kernel_envelope(std::string_view raw);

// A yearless stamp (`Mar  5 02:17:44[.123]`) read in `year`, as a wall time without offset.
std::optional<TimePoint> yearless_in_year(std::string_view stamp, int year);

}  // namespace pm
