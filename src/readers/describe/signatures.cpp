// How describe text is recognised: markers quoted from formats.md §1.2, §1.5 and its Events table §2.1.
#include "readers/describe/signatures.hpp"

#include <array>

#include "regions/line_shape.hpp"

namespace pm {

namespace {

using T = LineTest;

// kubectl describe pod
constexpr std::array k_describe_signatures = {
    Signature{T::prefix, "Name: ", nullptr, 2, 4, false},
    Signature{T::prefix, "Namespace: ", nullptr, 2, 4, false},
    Signature{T::prefix, "Priority: ", nullptr, 1, 4, false},
    Signature{T::prefix, "Service Account: ", nullptr, 2, 4, true},
    Signature{T::prefix, "Node: ", nullptr, 1, 4, false},
    Signature{T::prefix, "Start Time: ", nullptr, 2, 4, true},
    Signature{T::prefix, "Labels: ", nullptr, 1, 4, false},
    Signature{T::prefix, "Annotations: ", nullptr, 1, 4, false},
    Signature{T::prefix, "Status: ", nullptr, 1, 4, false},
    Signature{T::prefix, "IPs:", nullptr, 1, 4, false},
    Signature{T::prefix, "Controlled By: ", nullptr, 3, 4, true},
    Signature{T::prefix, "Controllers: ", nullptr, 3, 4, true},  // <= 1.5
    Signature{T::equals, "Containers:", nullptr, 3, 4, true},
    Signature{T::equals, "Init Containers:", nullptr, 3, 4, true},
    Signature{T::equals, "Ephemeral Containers:", nullptr, 3, 4, true},
    Signature{T::prefix, "Container ID: ", nullptr, 3, 8, true},
    Signature{T::prefix, "Image: ", nullptr, 1, 8, false},
    Signature{T::prefix, "Image ID: ", nullptr, 2, 8, true},
    Signature{T::prefix, "Port: ", nullptr, 1, 8, false},
    Signature{T::prefix, "Host Port: ", nullptr, 2, 8, true},
    Signature{T::prefix, "State: Running", nullptr, 4, 8, true},
    Signature{T::prefix, "State: Waiting", nullptr, 4, 8, true},
    Signature{T::prefix, "State: Terminated", nullptr, 4, 8, true},
    Signature{T::prefix, "Last State: ", nullptr, 4, 8, true},
    Signature{T::prefix, "Reason: ", nullptr, 1, 8, false},
    Signature{T::prefix, "Message: ", nullptr, 1, 8, false},
    Signature{T::shape, {}, is_describe_oci_message, 3, 4, true},
    Signature{T::prefix, "Exit Code: ", nullptr, 4, 8, true},
    Signature{T::prefix, "Signal: ", nullptr, 1, 8, false},
    Signature{T::prefix, "Started: ", nullptr, 1, 8, false},
    Signature{T::prefix, "Finished: ", nullptr, 2, 8, false},
    Signature{T::prefix, "Ready: ", nullptr, 1, 8, false},
    Signature{T::prefix, "Restart Count: ", nullptr, 4, 8, true},
    Signature{T::equals, "Limits:", nullptr, 1, 8, false},
    Signature{T::equals, "Requests:", nullptr, 1, 8, false},
    Signature{T::prefix, "Liveness: ", nullptr, 2, 8, true},
    Signature{T::prefix, "Readiness: ", nullptr, 2, 8, true},
    Signature{T::prefix, "Environment:", nullptr, 1, 8, false},
    Signature{T::prefix, "Mounts:", nullptr, 1, 8, false},
    Signature{T::equals, "Conditions:", nullptr, 2, 4, false},
    Signature{T::prefix, "Volumes:", nullptr, 1, 4, false},
    Signature{T::prefix, "QoS Class: ", nullptr, 3, 4, true},
    Signature{T::prefix, "Node-Selectors: ", nullptr, 3, 4, true},
    Signature{T::prefix, "Tolerations: ", nullptr, 2, 4, false},
    Signature{T::equals, "Events:", nullptr, 3, 4, true},
    Signature{T::equals, "Events: <none>", nullptr, 3, 4, true},
    Signature{T::equals, "No events.", nullptr, 2, 4, false},
    Signature{T::prefix, "Type Reason Age From Message", nullptr, 6, 4, true},
    Signature{T::prefix, "FirstSeen LastSeen Count From", nullptr, 6, 4, true},  // < 1.8
    Signature{T::prefix, "---- ------ ---- ---- -------", nullptr, 2, 4, false},
    Signature{T::shape, {}, is_describe_event_row, 2, 20, true},
    Signature{T::shape, {}, is_describe_key_line, 0.5, 200, false},
};

}  // namespace

std::span<const Signature> describe_signatures() {
    return k_describe_signatures;
}

}  // namespace pm
