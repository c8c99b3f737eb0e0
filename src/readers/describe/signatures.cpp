// How describe text is recognised: markers quoted from formats.md §1.2, §1.5 and its Events table §2.1.
#include "readers/describe/signatures.hpp"

#include <array>

#include "readers/describe/collapsed_line.hpp"
#include "regions/line_shape.hpp"

namespace pm {

namespace {

using T = LineTest;

// A whole describe collapsed onto one line (a scraped web page turned every newline and indent into
// a space): it cuts into many fields, among them at least three of a pod record's landmarks.
bool is_collapsed_describe(std::string_view line) {
    if (line.size() < 40) {
        return false;
    }
    const std::vector<std::string_view> pieces = split_collapsed_line(line);
    if (pieces.size() < 6) {
        return false;
    }
    int landmarks = 0;
    for (const std::string_view piece : pieces) {
        for (const std::string_view key : {"Namespace:", "Containers:", "Container ID:", "State:", "Last State:",
                                           "Restart Count:", "Exit Code:", "QoS Class:", "Events:"}) {
            if (piece.starts_with(key)) {
                ++landmarks;
                break;
            }
        }
    }
    return landmarks >= 3;
}

// kubectl describe pod
constexpr std::array k_describe_signatures = {
    Signature{T::prefix, "Name: ", nullptr, 2, 4, 0},
    Signature{T::prefix, "Namespace: ", nullptr, 2, 4, 0},
    Signature{T::prefix, "Priority: ", nullptr, 1, 4, 0},
    Signature{T::prefix, "Service Account: ", nullptr, 2, 4, 1},
    Signature{T::prefix, "Node: ", nullptr, 1, 4, 0},
    Signature{T::prefix, "Start Time: ", nullptr, 2, 4, 1},
    Signature{T::prefix, "Labels: ", nullptr, 1, 4, 0},
    Signature{T::prefix, "Annotations: ", nullptr, 1, 4, 0},
    Signature{T::prefix, "Status: ", nullptr, 1, 4, 0},
    Signature{T::prefix, "IPs:", nullptr, 1, 4, 0},
    Signature{T::prefix, "Controlled By: ", nullptr, 3, 4, 1},
    Signature{T::prefix, "Controllers: ", nullptr, 3, 4, 1},  // <= 1.5
    Signature{T::equals, "Containers:", nullptr, 3, 4, 1},
    Signature{T::equals, "Init Containers:", nullptr, 3, 4, 1},
    Signature{T::equals, "Ephemeral Containers:", nullptr, 3, 4, 1},
    Signature{T::prefix, "Container ID: ", nullptr, 3, 8, 1},
    Signature{T::prefix, "Image: ", nullptr, 1, 8, 0},
    Signature{T::prefix, "Image ID: ", nullptr, 2, 8, 1},
    Signature{T::prefix, "Port: ", nullptr, 1, 8, 0},
    Signature{T::prefix, "Host Port: ", nullptr, 2, 8, 1},
    Signature{T::prefix, "State: Running", nullptr, 4, 8, 1},
    Signature{T::prefix, "State: Waiting", nullptr, 4, 8, 1},
    Signature{T::prefix, "State: Terminated", nullptr, 4, 8, 1},
    Signature{T::prefix, "Last State: ", nullptr, 4, 8, 1},
    Signature{T::prefix, "Reason: ", nullptr, 1, 8, 0},
    Signature{T::prefix, "Message: ", nullptr, 1, 8, 0},
    Signature{T::shape, {}, is_describe_oci_message, 3, 4, 1},
    Signature{T::prefix, "Exit Code: ", nullptr, 4, 8, 1},
    Signature{T::prefix, "Signal: ", nullptr, 1, 8, 0},
    Signature{T::prefix, "Started: ", nullptr, 1, 8, 0},
    Signature{T::prefix, "Finished: ", nullptr, 2, 8, 0},
    Signature{T::prefix, "Ready: ", nullptr, 1, 8, 0},
    Signature{T::prefix, "Restart Count: ", nullptr, 4, 8, 1},
    Signature{T::equals, "Limits:", nullptr, 1, 8, 0},
    Signature{T::equals, "Requests:", nullptr, 1, 8, 0},
    Signature{T::prefix, "Liveness: ", nullptr, 2, 8, 1},
    Signature{T::prefix, "Readiness: ", nullptr, 2, 8, 1},
    Signature{T::prefix, "Environment:", nullptr, 1, 8, 0},
    Signature{T::prefix, "Mounts:", nullptr, 1, 8, 0},
    Signature{T::equals, "Conditions:", nullptr, 2, 4, 0},
    Signature{T::prefix, "Volumes:", nullptr, 1, 4, 0},
    Signature{T::prefix, "QoS Class: ", nullptr, 3, 4, 1},
    Signature{T::prefix, "Node-Selectors: ", nullptr, 3, 4, 1},
    Signature{T::prefix, "Tolerations: ", nullptr, 2, 4, 0},
    Signature{T::equals, "Events:", nullptr, 3, 4, 1},
    Signature{T::equals, "Events: <none>", nullptr, 3, 4, 1},
    Signature{T::equals, "No events.", nullptr, 2, 4, 0},
    Signature{T::prefix, "Type Reason Age From Message", nullptr, 6, 4, 1},
    Signature{T::prefix, "FirstSeen LastSeen Count From", nullptr, 6, 4, 1},  // < 1.8
    Signature{T::prefix, "---- ------ ---- ---- -------", nullptr, 2, 4, 0},
    Signature{T::shape, {}, is_describe_event_row, 2, 20, 1},
    Signature{T::shape, {}, is_describe_key_line, 0.5, 200, 0},
    Signature{T::shape, {}, is_collapsed_describe, 24, 4, 2},
};

}  // namespace

std::span<const Signature> describe_signatures() {
    return k_describe_signatures;
}

}  // namespace pm
