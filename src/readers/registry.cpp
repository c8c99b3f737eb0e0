// The one table of readers: a kind's name, what recognises it, and what reads it. Adding a reader is
// its folder and a row here; the order breaks detection ties.
#include <array>

#include "readers/container_log/container_log_reader.hpp"
#include "readers/describe/describe_reader.hpp"
#include "readers/describe/signatures.hpp"
#include "readers/events/events_reader.hpp"
#include "readers/events/signatures.hpp"
#include "readers/kernel_log/kernel_log_reader.hpp"
#include "readers/kernel_log/signatures.hpp"
#include "readers/node_journal/node_journal_reader.hpp"
#include "readers/node_journal/signatures.hpp"
#include "readers/pod_list/pod_list_reader.hpp"
#include "readers/pod_list/signatures.hpp"
#include "readers/pod_objects/pod_objects_reader.hpp"
#include "readers/pod_objects/signatures.hpp"
#include "readers/reader.hpp"
#include "readers/runtime_errors/runtime_error_scan.hpp"
#include "readers/runtime_errors/signatures.hpp"

namespace pm {

namespace {

using Hints = std::array<std::string_view, 4>;

constexpr std::array<std::string_view, 1> k_describe_hints = {"describe"};
constexpr std::array<std::string_view, 2> k_describe_commands = {"kubectl describe", "oc describe"};
constexpr std::array<std::string_view, 1> k_events_hints = {"event"};
constexpr std::array<std::string_view, 4> k_events_commands = {"get events", "get ev ", "kubectl events", "oc events"};
constexpr std::array<std::string_view, 4> k_kernel_hints = {"dmesg", "kern", "journal", "syslog"};
constexpr std::array<std::string_view, 6> k_kernel_commands = {"dmesg", "journalctl -k", "journalctl --dmesg",
                                                               "/var/log/messages", "kern.log", "/var/log/syslog"};
constexpr std::array<std::string_view, 2> k_journal_hints = {"journal", "kubelet"};
constexpr std::array<std::string_view, 5> k_journal_commands = {"journalctl -u kubelet", "journalctl -u containerd",
                                                                "journalctl -u crio", "systemctl status kubelet",
                                                                "journalctl -b"};
constexpr std::array<std::string_view, 1> k_json_hints = {".json"};
constexpr std::array<std::string_view, 4> k_json_commands = {"-o json", "-ojson", "--output json", "--output=json"};
constexpr std::array<std::string_view, 2> k_yaml_hints = {".yaml", ".yml"};
constexpr std::array<std::string_view, 4> k_yaml_commands = {"-o yaml", "-oyaml", "--output yaml", "--output=yaml"};
constexpr std::array<std::string_view, 1> k_log_hints = {".log"};
constexpr std::array<std::string_view, 5> k_log_commands = {"kubectl logs", "oc logs", "crictl logs", "docker logs",
                                                            "nerdctl logs"};

KindProfile profile(std::span<const Signature> signatures, int min_anchors, bool document,
                    std::span<const std::string_view> hints, std::span<const std::string_view> commands) {
    KindProfile p;
    p.signatures = signatures;
    p.min_anchors = min_anchors;
    p.document = document;
    p.name_hints = hints;
    p.commands = commands;
    return p;
}

ReaderRegistry make_builtin() {
    ReaderRegistry registry;
    // name, contract kind, recognition, reader
    registry.add({"describe", "describe", profile(describe_signatures(), 2, true, k_describe_hints, k_describe_commands),
                  read_describe});
    registry.add({"events", "events", profile(events_signatures(), 1, true, k_events_hints, k_events_commands),
                  read_events});
    registry.add({"kernel-log", "kernel-log",
                  profile(kernel_log_signatures(), 1, false, k_kernel_hints, k_kernel_commands), read_kernel_log});
    registry.add({"pod-json", "pod-json", profile(pod_json_signatures(), 1, true, k_json_hints, k_json_commands),
                  read_pod_objects});
    registry.add({"pod-yaml", "pod-yaml", profile(pod_yaml_signatures(), 1, true, k_yaml_hints, k_yaml_commands),
                  read_pod_objects});
    // Event objects are events to the contract; the object reader reads them with pods.
    registry.add({"events-json", "events", profile(event_json_signatures(), 1, true, k_json_hints, k_json_commands),
                  read_pod_objects});
    registry.add({"events-yaml", "events", profile(event_yaml_signatures(), 1, true, k_yaml_hints, k_yaml_commands),
                  read_pod_objects});
    // A node's journal is the contract's kernel-log kind (node logs); its own reader reads kubelet's lines.
    registry.add({"node-journal", "kernel-log",
                  profile(node_journal_signatures(), 1, false, k_journal_hints, k_journal_commands), read_node_journal});
    // A `kubectl get pods` table has no kind of its own in the contract: its input is listed as unknown.
    // No command hint: `get pods -o yaml` is the object reader's, and the header says enough.
    registry.add({"pod-list", "unknown", profile(pod_list_signatures(), 1, true, {}, {}), read_pod_list});
    KindProfile lone = profile(oci_message_signatures(), 1, false, {}, {});
    lone.lone_message = true;
    registry.add({"oci-message", "oci-message", lone, read_pasted_errors});
    KindProfile plain = profile({}, 1, false, k_log_hints, k_log_commands);
    plain.plain_text = true;
    registry.add({"container-log", "container-log", plain, read_container_log});
    return registry;
}

}  // namespace

const ReaderRegistry& ReaderRegistry::builtin() {
    static const ReaderRegistry registry = make_builtin();
    return registry;
}

}  // namespace pm
