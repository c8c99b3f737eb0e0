// kubelet journal lines read into the events they stand for (kubelet_lines), grouped by the pod they
// name or the container ID an earlier line tied to one; node-scoped lines reach the journal's pods.
#include "readers/node_journal/node_journal_reader.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "base/text.hpp"
#include "base/time_point.hpp"
#include "oci/classify.hpp"
#include "oci/unwrap.hpp"
#include "readers/events/event_failure.hpp"
#include "readers/node_journal/boot_marks.hpp"
#include "readers/node_journal/containerd_lines.hpp"
#include "readers/node_journal/crio_lines.hpp"
#include "readers/node_journal/journal_line.hpp"
#include "readers/node_journal/kubelet_lines.hpp"

namespace pm {

namespace {

constexpr size_t k_max_row_text = 1000;
constexpr size_t k_max_ids = 1 << 16;             // container IDs tied to pods per journal
constexpr size_t k_max_node_events = 256;         // node lines kept per journal (a flood adds nothing)
constexpr size_t k_max_node_events_per_pod = 32;  // as for an event listing's node rows
constexpr long long k_oom_death_window_s = 60;    // a SystemOOM explains a death PLEG saw this soon after

struct Grouped {
    Pod pod;
    bool telling = false;
    std::vector<long long> deaths;  // klog clock of the PLEG ContainerDied lines
};

struct NodeLine {
    Event event;
    std::optional<long long> clock;
};

struct Owner {
    size_t group = 0;
    std::string container;
};

bool is_kubelet(std::string_view ident) {
    return ident == "kubelet" || ident == "kubenswrapper" || ident == "k3s";
}

class KubeletGrouping {
public:
    explicit KubeletGrouping(ReadContext& context) : m_context(context) {}

    void feed(size_t line, std::string_view text, std::string_view message, KubeletReading r) {
        if (r.scope == KubeletScope::reclaim || (r.scope == KubeletScope::node && !r.resource.empty())) {
            m_resource = r.resource;
        }
        if (r.scope == KubeletScope::reclaim) {
            return;
        }
        Event e = event_of(line, text, r);
        std::optional<long long> clock = klog_clock_seconds(message);
        if (r.scope == KubeletScope::node) {
            if (m_node.size() < k_max_node_events) {
                e.message = m_context.incident.keep(r.message);
                m_node.push_back({e, clock});
            }
            return;
        }
        size_t group = 0;
        if (r.scope == KubeletScope::by_id) {
            auto owner = m_owners.find(r.container_id);
            if (owner == m_owners.end()) {
                return;  // a container no earlier line tied to a pod
            }
            group = owner->second.group;
            r.container = owner->second.container;
        } else {
            group = group_of(r.namespace_, r.name, e.at);
            if (auto owner = m_owners.find(r.container_id); r.container.empty() && owner != m_owners.end() &&
                                                              owner->second.group == group) {
                r.container = owner->second.container;
            }
        }
        if (!r.container_id.empty() && !r.container.empty() && m_owners.size() < k_max_ids) {
            m_owners[r.container_id] = Owner{group, r.container};
        }
        if (r.event.reason && *r.event.reason == "Evicted") {
            r.message = m_resource.empty() ? "Evicted by kubelet's eviction manager."
                                           : "The node was low on resource: " + m_resource + ".";
        }
        if (size_t slot = r.message.find("{}"); slot != std::string::npos) {
            r.message.replace(slot, 2, r.container.empty() ? "with ID " + r.container_id.substr(0, 12) : r.container);
        }
        e.message = m_context.incident.keep(r.message);
        if (!r.container.empty()) {
            e.object = m_context.incident.keep("spec.containers{" + r.container + "}");
        }
        Grouped& g = m_groups[group];
        g.telling = g.telling || (r.may_tell && tells_of_failure(e));
        if (r.died && clock) {
            g.deaths.push_back(*clock);
        }
        g.pod.events.push_back(e);
    }

    // The pods with a failure to explain, each with the node lines that bear on it, in journal order.
    void finish() {
        for (Grouped& g : m_groups) {
            size_t copied = 0;
            for (const NodeLine& n : m_node) {
                if (copied >= k_max_node_events_per_pod) {
                    break;
                }
                if (*n.event.reason == "SystemOOM") {
                    // A node OOM bears on a pod only when one of its containers died right after it.
                    bool died = n.clock && std::any_of(g.deaths.begin(), g.deaths.end(), [&](long long d) {
                        return d >= *n.clock && d - *n.clock <= k_oom_death_window_s;
                    });
                    if (!died) {
                        continue;
                    }
                    g.telling = true;
                }
                g.pod.events.push_back(n.event);
                ++copied;
            }
            if (g.telling) {
                std::stable_sort(g.pod.events.begin(), g.pod.events.end(),
                                 [](const Event& a, const Event& b) { return a.at.line < b.at.line; });
                m_context.incident.pods.push_back(std::move(g.pod));
            }
        }
    }

private:
    Event event_of(size_t line, std::string_view text, const KubeletReading& r) {
        Event e;
        e.type = r.event.type;
        e.reason = r.event.reason;
        e.from = Text{"kubelet"};
        e.at = m_context.cite(line);
        e.row_text = text.size() <= k_max_row_text ? text : m_context.incident.keep(cut_with_mark(text, k_max_row_text));
        // A short-iso envelope is an instant: the event's time, as the API would have stamped it.
        if (std::optional<JournalLine> j = parse_journal_line(text); j && !j->iso_stamp.empty()) {
            if (std::optional<KubeTime> t = parse_kube_time(j->iso_stamp); t && t->time &&
                                                                           t->time->basis == TimeBasis::wall_with_offset) {
                e.last_seen = t->time;
            }
        }
        return e;
    }

    size_t group_of(const std::string& namespace_, const std::string& name, Cite at) {
        auto [it, fresh] = m_index.try_emplace({namespace_, name}, m_groups.size());
        if (fresh) {
            Grouped g;
            g.pod.namespace_ = m_context.incident.keep(namespace_);
            g.pod.name = m_context.incident.keep(name);
            g.pod.at = at;
            m_groups.push_back(std::move(g));
        }
        return it->second;
    }

    ReadContext& m_context;
    std::map<std::pair<std::string, std::string>, size_t> m_index;
    std::vector<Grouped> m_groups;
    std::unordered_map<std::string, Owner> m_owners;
    std::vector<NodeLine> m_node;
    std::string m_resource;  // the last resource the eviction manager reclaimed
};

}  // namespace

void read_node_journal(ReadContext& context) {
    const LineIndex& lines = context.text.body_lines();
    size_t runtime_lines = 0;
    KubeletGrouping kubelet(context);
    ContainerdLines containerd(context);
    CrioLines crio(context);
    BootMarks boots(context);
    for (size_t i = context.region.first; i <= context.region.last && i < lines.size(); ++i) {
        std::string_view line = trim(lines[i]);
        std::optional<JournalLine> j = parse_journal_line(line);
        if (boots.feed(i, line, j ? j->ident : std::string_view{}, j ? j->message : std::string_view{})) {
            continue;
        }
        const bool from_kubelet = j && is_kubelet(j->ident);
        // systemd's unit line in any StatusUnitFormat: `Started kubelet.service - kubelet: …`, `Started kubelet: …`.
        if (j && j->ident == "systemd" && j->message.starts_with("Started kubelet")) {
            KubeletReading start;
            start.scope = KubeletScope::node;
            start.event.type = Text{"Normal"};
            start.event.reason = Text{"Starting"};
            start.message = "Starting kubelet.";
            kubelet.feed(i, line, j->message, std::move(start));
            continue;
        }
        std::optional<std::string_view> body = from_kubelet ? klog_body(j->message) : std::nullopt;
        if (std::optional<KubeletReading> r = body ? read_kubelet_line(*body) : std::nullopt) {
            kubelet.feed(i, line, j->message, std::move(*r));
            continue;
        }
        if (j && j->ident == "containerd" && containerd.feed(i, j->message)) {
            continue;
        }
        if (j && (j->ident == "crio" || j->ident == "conmon") && crio.feed(i, j->ident, j->message)) {
            continue;
        }
        // Any other line (containerd, CRI-O, a kubelet error) may still carry a runtime error.
        runtime_lines += (j && !from_kubelet) ? 1 : 0;
        if (looks_like_runtime_error(line)) {
            context.incident.list_runtime_error(
                analyse_runtime_error(context.grammar, line, context.cite(i), context.incident));
        }
    }
    kubelet.finish();
    containerd.finish();
    crio.finish();
    if (runtime_lines > 0) {
        const Cite at{context.input, context.whole_input ? 0 : static_cast<std::uint32_t>(context.region.first + 1)};
        context.incident.warn(at, "read as a node journal: kubelet's probe failures, kills, PLEG deaths, OOM, eviction, "
                                      "shutdown and start lines, containerd's sandboxes, OOM and exit events and CRI-O's "
                                      "containers, stops and conmon's OOM and exits are read; " +
                                      std::to_string(runtime_lines) +
                                      " other lines of the runtimes and systemd only for their runtime errors");
    }
}

}  // namespace pm
