// One line of a node journal: the journald/syslog envelope, the klog header, structured klog values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pm {

struct JournalLine {
    std::string_view ident;    // "kubelet", "containerd", "systemd"
    std::string_view message;  // after "IDENT[PID]: "
    std::string_view iso_stamp;  // the short-iso envelope's `2024-05-14T07:45:20+00:00` (empty for short)
};

// `May 14 07:45:20[.123456] HOST IDENT[PID]: MSG` or the ISO form (formats.md §7.1); nullopt otherwise.
std::optional<JournalLine> parse_journal_line(std::string_view line);

// The text after klog's header `Lmmdd hh:mm:ss.uuuuuu PID file:line] ` (§7.2); nullopt without one.
std::optional<std::string_view> klog_body(std::string_view message);

// klog's header clock as seconds in a yearless frame (month*31+day days): orders lines of one kubelet.
std::optional<long long> klog_clock_seconds(std::string_view message);

// A structured klog line's quoted message (`"Probe failed"`), or nullopt for a printf line.
std::optional<std::string_view> klog_message(std::string_view body);

// The value of ` key=` in a structured klog line, Go quoting undone (§7.2); nullopt when absent.
std::optional<std::string> klog_value(std::string_view body, std::string_view key);

}  // namespace pm
