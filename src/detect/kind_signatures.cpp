// The signature table for input-kind detection: data, one row per marker the real tools print.
#include "detect/kind_signatures.hpp"

#include <array>

#include "detect/line_shape.hpp"

namespace pm {

namespace {

using K = InputKind;
using T = LineTest;

// Markers quoted from formats.md: §1.2/§1.5 (describe), §2.1 (its Events table), §2.2 (get events),
// §3.1/§3.2 (kernel envelopes and OOM lines), §4 (runtime errors).
constexpr std::array k_signatures = {
    // kubectl describe pod
    Signature{K::describe, T::prefix, "Name: ", nullptr, 2, 4, false},
    Signature{K::describe, T::prefix, "Namespace: ", nullptr, 2, 4, false},
    Signature{K::describe, T::prefix, "Priority: ", nullptr, 1, 4, false},
    Signature{K::describe, T::prefix, "Service Account: ", nullptr, 2, 4, true},
    Signature{K::describe, T::prefix, "Node: ", nullptr, 1, 4, false},
    Signature{K::describe, T::prefix, "Start Time: ", nullptr, 2, 4, true},
    Signature{K::describe, T::prefix, "Labels: ", nullptr, 1, 4, false},
    Signature{K::describe, T::prefix, "Annotations: ", nullptr, 1, 4, false},
    Signature{K::describe, T::prefix, "Status: ", nullptr, 1, 4, false},
    Signature{K::describe, T::prefix, "IPs:", nullptr, 1, 4, false},
    Signature{K::describe, T::prefix, "Controlled By: ", nullptr, 3, 4, true},
    Signature{K::describe, T::prefix, "Controllers: ", nullptr, 3, 4, true},  // <= 1.5
    Signature{K::describe, T::equals, "Containers:", nullptr, 3, 4, true},
    Signature{K::describe, T::equals, "Init Containers:", nullptr, 3, 4, true},
    Signature{K::describe, T::equals, "Ephemeral Containers:", nullptr, 3, 4, true},
    Signature{K::describe, T::prefix, "Container ID: ", nullptr, 3, 8, true},
    Signature{K::describe, T::prefix, "Image: ", nullptr, 1, 8, false},
    Signature{K::describe, T::prefix, "Image ID: ", nullptr, 2, 8, true},
    Signature{K::describe, T::prefix, "Port: ", nullptr, 1, 8, false},
    Signature{K::describe, T::prefix, "Host Port: ", nullptr, 2, 8, true},
    Signature{K::describe, T::prefix, "State: Running", nullptr, 4, 8, true},
    Signature{K::describe, T::prefix, "State: Waiting", nullptr, 4, 8, true},
    Signature{K::describe, T::prefix, "State: Terminated", nullptr, 4, 8, true},
    Signature{K::describe, T::prefix, "Last State: ", nullptr, 4, 8, true},
    Signature{K::describe, T::prefix, "Reason: ", nullptr, 1, 8, false},
    Signature{K::describe, T::prefix, "Message: ", nullptr, 1, 8, false},
    Signature{K::describe, T::shape, {}, is_describe_oci_message, 3, 4, true},
    Signature{K::describe, T::prefix, "Exit Code: ", nullptr, 4, 8, true},
    Signature{K::describe, T::prefix, "Signal: ", nullptr, 1, 8, false},
    Signature{K::describe, T::prefix, "Started: ", nullptr, 1, 8, false},
    Signature{K::describe, T::prefix, "Finished: ", nullptr, 2, 8, false},
    Signature{K::describe, T::prefix, "Ready: ", nullptr, 1, 8, false},
    Signature{K::describe, T::prefix, "Restart Count: ", nullptr, 4, 8, true},
    Signature{K::describe, T::equals, "Limits:", nullptr, 1, 8, false},
    Signature{K::describe, T::equals, "Requests:", nullptr, 1, 8, false},
    Signature{K::describe, T::prefix, "Liveness: ", nullptr, 2, 8, true},
    Signature{K::describe, T::prefix, "Readiness: ", nullptr, 2, 8, true},
    Signature{K::describe, T::prefix, "Environment:", nullptr, 1, 8, false},
    Signature{K::describe, T::prefix, "Mounts:", nullptr, 1, 8, false},
    Signature{K::describe, T::equals, "Conditions:", nullptr, 2, 4, false},
    Signature{K::describe, T::prefix, "Volumes:", nullptr, 1, 4, false},
    Signature{K::describe, T::prefix, "QoS Class: ", nullptr, 3, 4, true},
    Signature{K::describe, T::prefix, "Node-Selectors: ", nullptr, 3, 4, true},
    Signature{K::describe, T::prefix, "Tolerations: ", nullptr, 2, 4, false},
    Signature{K::describe, T::equals, "Events:", nullptr, 3, 4, true},
    Signature{K::describe, T::equals, "Events: <none>", nullptr, 3, 4, true},
    Signature{K::describe, T::equals, "No events.", nullptr, 2, 4, false},
    Signature{K::describe, T::prefix, "Type Reason Age From Message", nullptr, 6, 4, true},
    Signature{K::describe, T::prefix, "FirstSeen LastSeen Count From", nullptr, 6, 4, true},  // < 1.8
    Signature{K::describe, T::prefix, "---- ------ ---- ---- -------", nullptr, 2, 4, false},
    Signature{K::describe, T::shape, {}, is_describe_event_row, 2, 20, true},
    Signature{K::describe, T::shape, {}, is_describe_key_line, 0.5, 200, false},

    // kubectl get events / kubectl events
    Signature{K::events, T::shape, {}, is_events_header, 10, 4, true},
    Signature{K::events, T::shape, {}, is_events_row, 3, 100, false},

    // kernel logs: envelopes, then the messages that matter even without one
    Signature{K::kernel_log, T::shape, {}, is_dmesg_uptime_stamp, 3, 200, true},
    Signature{K::kernel_log, T::shape, {}, is_dmesg_ctime_stamp, 3, 200, true},
    Signature{K::kernel_log, T::shape, {}, is_dmesg_reltime_stamp, 2, 200, true},
    Signature{K::kernel_log, T::shape, {}, is_dmesg_iso_stamp, 3, 200, true},
    Signature{K::kernel_log, T::shape, {}, is_journal_kernel_line, 4, 200, true},
    Signature{K::kernel_log, T::prefix, "kern :", nullptr, 3, 200, true},
    Signature{K::kernel_log, T::contains, " invoked oom-killer: ", nullptr, 3, 10, true},
    Signature{K::kernel_log, T::contains, "oom-kill:constraint=", nullptr, 3, 10, true},
    Signature{K::kernel_log, T::contains, "Out of memory: Kill", nullptr, 3, 10, true},
    Signature{K::kernel_log, T::contains, "out of memory: Kill", nullptr, 3, 10, true},
    Signature{K::kernel_log, T::contains, "Killed process ", nullptr, 2, 10, true},
    Signature{K::kernel_log, T::contains, "oom_reaper: reaped process", nullptr, 3, 10, true},
    Signature{K::kernel_log, T::contains, "]: segfault at ", nullptr, 3, 10, true},
    Signature{K::kernel_log, T::contains, " blocked for more than ", nullptr, 2, 10, true},

    // kubectl get pod -o json
    Signature{K::pod_json, T::contains, "\"kind\": \"Pod\"", nullptr, 8, 4, true},
    Signature{K::pod_json, T::contains, "\"kind\":\"Pod\"", nullptr, 8, 4, true},
    Signature{K::pod_json, T::contains, "\"kind\": \"PodList\"", nullptr, 8, 4, true},
    Signature{K::pod_json, T::contains, "\"kind\":\"PodList\"", nullptr, 8, 4, true},
    Signature{K::pod_json, T::contains, "\"containerStatuses\":", nullptr, 6, 4, true},
    Signature{K::pod_json, T::contains, "\"kind\": \"List\"", nullptr, 2, 4, false},
    Signature{K::pod_json, T::contains, "\"apiVersion\": \"v1\"", nullptr, 2, 4, false},
    Signature{K::pod_json, T::contains, "\"lastState\":", nullptr, 2, 8, false},
    Signature{K::pod_json, T::contains, "\"exitCode\":", nullptr, 2, 8, false},
    Signature{K::pod_json, T::contains, "\"restartCount\":", nullptr, 2, 8, false},
    Signature{K::pod_json, T::shape, {}, is_json_line, 0.5, 400, false},

    // kubectl get pod -o yaml
    Signature{K::pod_yaml, T::equals, "kind: Pod", nullptr, 8, 4, true},
    Signature{K::pod_yaml, T::equals, "kind: PodList", nullptr, 8, 4, true},
    Signature{K::pod_yaml, T::equals, "containerStatuses:", nullptr, 6, 4, true},
    Signature{K::pod_yaml, T::equals, "kind: List", nullptr, 2, 4, false},
    Signature{K::pod_yaml, T::equals, "apiVersion: v1", nullptr, 2, 4, false},
    Signature{K::pod_yaml, T::equals, "lastState:", nullptr, 2, 8, false},
    Signature{K::pod_yaml, T::prefix, "exitCode: ", nullptr, 2, 8, false},
    Signature{K::pod_yaml, T::prefix, "restartCount: ", nullptr, 2, 8, false},
    Signature{K::pod_yaml, T::shape, {}, is_yaml_key_line, 0.5, 400, false},

    // a lone runtime error (runc / containerd / CRI-O / Docker); every marker is one signature,
    // capped low, so a log with a few such lines stays a log
    Signature{K::oci_message, T::shape, {}, has_oci_marker, 5, 2, true},
};

}  // namespace

std::string_view input_kind_name(InputKind kind) {
    switch (kind) {
    case InputKind::describe:
        return "describe";
    case InputKind::events:
        return "events";
    case InputKind::kernel_log:
        return "kernel-log";
    case InputKind::pod_json:
        return "pod-json";
    case InputKind::pod_yaml:
        return "pod-yaml";
    case InputKind::oci_message:
        return "oci-message";
    case InputKind::container_log:
        return "container-log";
    case InputKind::unknown:
        return "unknown";
    }
    return "unknown";
}

std::span<const Signature> kind_signatures() {
    return k_signatures;
}

bool signature_matches(const Signature& sig, std::string_view line) {
    switch (sig.test) {
    case LineTest::equals:
        return line == sig.text;
    case LineTest::prefix:
        return line.substr(0, sig.text.size()) == sig.text;
    case LineTest::contains:
        return line.find(sig.text) != std::string_view::npos;
    case LineTest::shape:
        return sig.shape(line);
    }
    return false;
}

int min_anchors(InputKind kind) {
    return kind == InputKind::describe ? 2 : 1;
}

}  // namespace pm
