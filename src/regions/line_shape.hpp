// Cheap tests on one line of input, used by the input-kind signatures; none allocates or backtracks.
#pragma once

#include <string>
#include <string_view>

namespace pm {

// Removes paste damage so signatures see the tool's own text: leading indentation, markdown quote
// markers (`> `), list bullets (`- `, `* `, `• `), a glued ``` fence; runs of spaces, tabs and
// no-break spaces become one space; trailing space is dropped. Looks at most `limit` bytes.
void normalise_pasted_line(std::string_view raw, std::size_t limit, std::string& out);

// "3m12s", "41m", "2d3h", "<unknown>", "<invalid>": an Age/LAST SEEN cell.
bool is_age(std::string_view token);

// The following take a normalised line.
bool is_dmesg_uptime_stamp(std::string_view line);   // "[ 8341.868335] ", "[  +0.000123]", "[<    0.000123>]"
bool is_dmesg_ctime_stamp(std::string_view line);    // "[Tue Aug 27 10:58:27 2019] "
bool is_dmesg_reltime_stamp(std::string_view line);  // "[Aug27 10:58] "
bool is_dmesg_iso_stamp(std::string_view line);      // "2019-08-27T10:58:27,123456+02:00 "
bool is_journal_kernel_line(std::string_view line);  // "Aug 27 10:58:27 host kernel: ", ISO-stamped too
bool is_events_header(std::string_view line);        // "LAST SEEN TYPE REASON OBJECT MESSAGE" and older
bool is_events_row(std::string_view line);           // "3m12s Warning Unhealthy pod/web-… Liveness probe failed"
bool is_describe_event_row(std::string_view line);   // "Warning BackOff 61s (x9 over 7m40s) kubelet Back-off …"
bool is_describe_key_line(std::string_view line);    // "Restart Count: 3", "QoS Class: Burstable"
bool is_yaml_key_line(std::string_view line);        // "restartCount: 3", "lastState:"
bool is_json_line(std::string_view line);            // "\"exitCode\": 137,", "{", "},"
bool has_oci_marker(std::string_view line);          // "OCI runtime create failed", "runc create failed", …
bool is_describe_oci_message(std::string_view line); // "Message: failed to create containerd task: …"

}  // namespace pm
