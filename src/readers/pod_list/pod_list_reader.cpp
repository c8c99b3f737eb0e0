#include "readers/pod_list/pod_list_reader.hpp"

#include <string>
#include <string_view>
#include <unordered_set>

#include "base/text.hpp"
#include "readers/pod_list/pod_list_row.hpp"
#include "readers/pod_list/signatures.hpp"

namespace pm {

namespace {

// The record a row's STATUS makes, or nullopt when it tells of nothing that went wrong.
std::optional<Pod> pod_of(const Grammar& g, const PodListRow& row, Quote line) {
    std::string_view reason = row.status;
    const bool init = reason.starts_with("Init:");
    if (init) {
        reason.remove_prefix(5);
    }
    const ReasonRule* rule = g.reason(reason);
    if (rule == nullptr) {
        return std::nullopt;  // Running, Pending, Terminating, Init:0/1: the listing says no more
    }
    Pod pod;
    pod.name = row.name;
    if (!row.namespace_.empty()) {
        pod.namespace_ = row.namespace_;
    }
    pod.at = line.at;
    pod.listed_only = true;
    Container c;
    c.type = init ? ContainerType::init : ContainerType::app;
    c.at = line.at;
    c.restart_count = row.restarts;
    c.restart_cite = line;
    if (rule->state == "pod") {
        pod.reason = reason;
        pod.reason_cite = line;
        pod.status = "Failed";
    } else if (rule->state == "terminated") {
        if (reason == "Completed" && row.restarts == 0) {
            return std::nullopt;  // a finished Job's pod
        }
        Termination t;
        t.reason = reason;
        t.at = line.at;
        t.cites.push_back(line);
        c.terminations.push_back(std::move(t));
        c.state.status = StateStatus::terminated;
        c.state.termination = 0;
        c.state.at = line.at;
    } else if (rule->state == "waiting" && (!rule->causes.empty() || rule->crashing)) {
        c.state.status = StateStatus::waiting;
        c.state.reason = reason;
        c.state.at = line.at;
        c.state.cites.push_back(line);
    } else {
        return std::nullopt;  // ContainerCreating, PodInitializing: on its way
    }
    pod.containers.push_back(std::move(c));
    return pod;
}

}  // namespace

void read_pod_list(ReadContext& context) {
    const LineIndex& lines = context.text.body_lines();
    // `kubectl get pods -w` prints a pod again at every change: its first telling row makes its record.
    std::unordered_set<std::string> recorded;
    for (std::size_t i = context.region.first; i <= context.region.last && i < lines.size(); ++i) {
        const std::string_view text = trim(lines[i]);
        if (text.empty() || is_pod_list_header(text)) {
            continue;
        }
        const std::optional<PodListRow> row = read_pod_list_row(text);
        if (!row) {
            continue;
        }
        std::string key = std::string(row->namespace_) + '/' + std::string(row->name);
        if (recorded.contains(key)) {
            continue;
        }
        if (std::optional<Pod> pod = pod_of(context.grammar, *row, Quote{context.cite(i), text})) {
            context.incident.pods.push_back(std::move(*pod));
            recorded.insert(std::move(key));
        }
    }
}

}  // namespace pm
