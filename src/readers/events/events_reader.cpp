// `kubectl get events` / `kubectl events` listings: rows grouped into the pods they are about, node rows
// given to the pods of that node, so correlation and diagnosis see them as describe's Events.
#include "readers/events/events_reader.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

#include "base/text.hpp"
#include "readers/events/event_ages.hpp"
#include "readers/events/event_failure.hpp"
#include "readers/events/events_table.hpp"

namespace pm {

namespace {

constexpr size_t k_max_node_events_per_pod = 32;
constexpr size_t k_node_copy_slack = 4096;
constexpr size_t k_node_work_per_row = 16;

constexpr size_t k_max_restart_spans = 16;  // a pod's restart rows kept to time an OOM against; more only cost time
// A container restarts at most this long after the OOM that killed it: the back-off's cap (300 s).
constexpr long long k_restart_delay = 300;
// Ages are rounded to their printed unit; a minute of slack keeps "13m" and "12m" apart only when they are.
constexpr long long k_age_slack = 60;

// When an event happened, in seconds before the capture: its last and first ages.
struct AgeSpan {
    bool known = false;
    long long last = 0;
    long long first = 0;
};

AgeSpan span_of(const Event& e, const EventTarget& t) {
    AgeSpan span;
    std::optional<long long> last = e.age ? event_age_seconds(*e.age) : std::nullopt;
    if (!last) {
        return span;
    }
    std::optional<long long> first = t.first_age.empty() ? std::nullopt : event_age_seconds(t.first_age);
    span.known = true;
    span.last = *last;
    span.first = std::max(*last, first.value_or(*last));
    return span;
}

bool is_oom_row(const Event& e) {
    return e.reason && (*e.reason == "OOMKilling" || *e.reason == "SystemOOM");
}

// Rows kubelet writes when it starts a container again.
bool is_restart_row(const Event& e) {
    return e.reason && (*e.reason == "Created" || *e.reason == "Started" || *e.reason == "Pulled" ||
                        *e.reason == "BackOff" || *e.reason == "Pulling");
}

// Some restart of the pod came at most k_restart_delay after the OOM (ages count backwards).
bool restarted_after(const std::vector<AgeSpan>& restarts, const AgeSpan& oom) {
    for (const AgeSpan& r : restarts) {
        if (r.last <= oom.first + k_age_slack && r.first >= oom.last - k_restart_delay - k_age_slack) {
            return true;
        }
    }
    return false;
}

struct PodRows {
    Pod pod;
    bool named = true;
    bool telling = false;  // a row tells of a failure: something a diagnosis can read
    std::vector<AgeSpan> restarts;
};

// "Successfully assigned NS/NAME to NODE" (the scheduler's Scheduled message, §2.3).
void learn_from_scheduled(const Event& e, Text name, Pod& pod) {
    static constexpr std::string_view k_assigned = "Successfully assigned ";
    if (!e.reason || *e.reason != "Scheduled" || !e.message.starts_with(k_assigned)) {
        return;
    }
    Text rest = e.message.substr(k_assigned.size());
    size_t to = rest.find(" to ");
    if (to == std::string_view::npos) {
        return;
    }
    Text who = rest.substr(0, to);
    Text node = trim_right(rest.substr(to + 4));
    size_t slash = who.find('/');
    if (slash != std::string_view::npos && who.substr(slash + 1) == name && !pod.namespace_) {
        pod.namespace_ = who.substr(0, slash);
    }
    if (!node.empty() && node.find(' ') == std::string_view::npos && !pod.node) {
        pod.node = node;
    }
}

// "Back-off restarting failed container web in pod web-58d7_default(8199dcc8-…)" (1.27+ kubelets).
void learn_from_backoff(const Event& e, Text name, Pod& pod) {
    size_t at = e.message.find(" in pod ");
    if (!e.reason || *e.reason != "BackOff" || at == std::string_view::npos) {
        return;
    }
    Text rest = e.message.substr(at + 8);
    if (!rest.starts_with(name) || rest.size() <= name.size() + 1 || rest[name.size()] != '_') {
        return;
    }
    rest.remove_prefix(name.size() + 1);
    size_t open = rest.find('(');
    size_t close = rest.find(')');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
        return;
    }
    if (!pod.namespace_) {
        pod.namespace_ = rest.substr(0, open);
    }
    if (!pod.uid) {
        pod.uid = rest.substr(open + 1, close - open - 1);
    }
}

// "kubelet, node-a": the node a kubelet event was reported from.
void learn_from_source(Text source, Pod& pod) {
    static constexpr std::string_view k_kubelet = "kubelet, ";
    if (pod.node || !source.starts_with(k_kubelet)) {
        return;
    }
    Text node = trim_right(source.substr(k_kubelet.size()));
    if (!node.empty() && node.find(' ') == std::string_view::npos) {
        pod.node = node;
    }
}

// Since 1.12 the server does not sort (§2.2): put a pod's rows oldest first when every age is readable.
void order_by_age(std::vector<Event>& events) {
    std::vector<std::pair<long long, size_t>> keys;
    keys.reserve(events.size());
    for (size_t i = 0; i < events.size(); ++i) {
        std::optional<long long> age = events[i].age ? event_age_seconds(*events[i].age) : std::nullopt;
        if (!age) {
            return;  // an absolute time or <unknown>: the input's order stands
        }
        keys.emplace_back(-*age, i);
    }
    std::stable_sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Event> sorted;
    sorted.reserve(events.size());
    for (const auto& key : keys) {
        sorted.push_back(events[key.second]);
    }
    events = std::move(sorted);
}

}  // namespace

void read_events(ReadContext& context) {
    EventListing listing = parse_event_listing(context.text, context.input, context.region.first,
                                               context.region.last + 1, context.incident);
    std::map<std::pair<Text, Text>, size_t> by_pod;  // (namespace as printed, name) -> pods index
    std::vector<PodRows> pods;
    std::vector<std::pair<Text, size_t>> node_rows;  // node name, event index
    for (size_t i = 0; i < listing.events.size(); ++i) {
        const EventTarget& t = listing.targets[i];
        if (iequals(t.kind, "node")) {
            // Old listings name the node in NAME; OBJECT listings after the slash.
            node_rows.emplace_back(t.name, i);
            continue;
        }
        // describe's own rows pasted without their pod name no object: they are one pod's, unnamed.
        const bool no_object = t.kind.empty() && t.name.empty();
        if (!iequals(t.kind, "pod") && !no_object) {
            continue;  // a ReplicaSet's, a Job's, a Certificate's: not about a container
        }
        auto [it, fresh] = by_pod.try_emplace({t.namespace_, t.name}, pods.size());
        if (fresh) {
            PodRows rows;
            rows.named = !t.name.empty();
            if (!t.namespace_.empty()) {
                rows.pod.namespace_ = t.namespace_;
            }
            if (!t.name.empty()) {
                rows.pod.name = t.name;
            }
            rows.pod.at = listing.events[i].at;
            pods.push_back(std::move(rows));
        }
        PodRows& rows = pods[it->second];
        const Event& e = listing.events[i];
        if (rows.named) {
            learn_from_scheduled(e, t.name, rows.pod);
            learn_from_backoff(e, t.name, rows.pod);
            learn_from_source(t.source, rows.pod);
        }
        rows.telling = rows.telling || tells_of_failure(e);
        if (is_restart_row(e)) {
            if (AgeSpan span = span_of(e, t); span.known && rows.restarts.size() < k_max_restart_spans) {
                rows.restarts.push_back(span);
            }
        }
        rows.pod.events.push_back(e);
    }
    // Node-scoped events (NodeNotReady, Rebooted, SystemOOM, OOMKilling) reach the pods of their node
    // (an OOM only a pod that restarted soon after it); copies are capped so a hostile listing stays linear.
    std::unordered_map<Text, std::vector<size_t>> pods_by_node;
    for (size_t k = 0; k < pods.size(); ++k) {
        if (pods[k].pod.node) {
            pods_by_node[*pods[k].pod.node].push_back(k);
        }
    }
    size_t budget = listing.events.size() + k_node_copy_slack;
    // Pod/row pairs weighed in all: a listing of many node rows and many pods on one node stays linear.
    size_t work = k_node_work_per_row * listing.events.size() + k_node_copy_slack;
    std::vector<size_t> copied(pods.size(), 0);
    for (const auto& [node, index] : node_rows) {
        auto on_node = pods_by_node.find(node);
        if (on_node == pods_by_node.end()) {
            continue;
        }
        const Event& e = listing.events[index];
        const AgeSpan oom = is_oom_row(e) ? span_of(e, listing.targets[index]) : AgeSpan{};
        for (size_t k : on_node->second) {
            if (budget == 0 || work == 0) {
                break;
            }
            --work;
            if (copied[k] >= k_max_node_events_per_pod) {
                continue;
            }
            if (oom.known && !restarted_after(pods[k].restarts, oom)) {
                continue;
            }
            --budget;
            ++copied[k];
            pods[k].telling = pods[k].telling || tells_of_failure(e);
            pods[k].pod.events.push_back(e);
        }
    }
    for (PodRows& rows : pods) {
        if (!rows.telling) {
            continue;  // only Normal rows: nothing went wrong that a pod record could explain
        }
        order_by_age(rows.pod.events);
        context.incident.pods.push_back(std::move(rows.pod));
    }
}

}  // namespace pm
