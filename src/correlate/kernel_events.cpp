#include "correlate/kernel_events.hpp"

#include "correlate/container_id_index.hpp"
#include "correlate/kernel_duplicates.hpp"
#include "correlate/kill_clock.hpp"
#include "correlate/node_names.hpp"

#include "readers/kernel_log/envelope.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

namespace pm {

namespace {

bool killed_by_signal(const Container& c) {
    const Termination* t = c.latest();
    return t != nullptr && ((t->reason && *t->reason == "OOMKilled") || (t->exit_code && *t->exit_code == 137));
}

// A kernel time and a termination's end within a few seconds. A time printed without offset (dmesg
// -T, a journal) is taken in UTC or in the termination's own offset (the node's zone is not printed);
// one without a year (journal, syslog) in the termination's year. Sets `how` to what was assumed.
bool kill_at(const KernelEvent& e, const TimePoint& finished, Text& how) {
    constexpr long long slack = 5;
    if (finished.basis != TimeBasis::wall_with_offset) {
        return false;
    }
    OptTime kernel = e.time;
    bool no_year = false;
    if (!kernel && e.yearless_time) {
        const std::string year = format_rfc3339(finished).substr(0, 4);
        kernel = yearless_in_year(*e.yearless_time, std::atoi(year.c_str()));
        no_year = true;
    }
    if (!kernel) {
        return false;
    }
    if (kernel->basis == TimeBasis::wall_with_offset) {
        how = "its time, the termination's Finished";
        return std::llabs(kernel->seconds - finished.seconds) <= slack;
    }
    if (kernel->basis != TimeBasis::wall_no_offset) {
        return false;
    }
    if (std::llabs(kernel->seconds - finished.seconds) <= slack) {
        how = no_year ? "its time, the termination's Finished (the kernel's clock read as UTC, the year from the "
                        "termination)"
                      : "its time, the termination's Finished (the kernel's clock read as UTC)";
        return true;
    }
    if (std::llabs(kernel->seconds - (finished.seconds + finished.offset_seconds)) <= slack) {
        how = no_year ? "its time, the termination's Finished (the kernel's clock read in the describe's offset, the "
                        "year from the termination)"
                      : "its time, the termination's Finished (the kernel's clock read in the describe's offset)";
        return true;
    }
    return false;
}

// The incident's containers indexed once, so matching stays linear in the events: by container ID,
// by pod UID, by the second their run ended, and the few a kill or a segfault could have ended.
class Matcher {
public:
    explicit Matcher(Incident& incident) : m_incident(incident) {
        m_killed_in_pod.resize(incident.pods.size());
        for (std::uint32_t p = 0; p < incident.pods.size(); ++p) {
            index_pod(p);
            for (std::uint32_t c = 0; c < incident.pods[p].containers.size(); ++c) {
                const Container& container = incident.pods[p].containers[c];
                const Termination* t = container.latest();
                if (killed_by_signal(container)) {
                    m_killed.push_back({p, c});
                    m_killed_in_pod[p].push_back(c);
                }
                if (t != nullptr && t->exit_code && *t->exit_code == 139) {
                    m_segfaulted.push_back({p, c});
                }
            }
        }
    }

    std::optional<Slot> by_container_id(Text id) const { return m_ids.find(id); }

    bool pod_known(const OptText& uid) const { return uid && m_by_uid.contains(*uid); }

    std::optional<Slot> by_pod_uid(const KernelEvent& e, Text& how) {
        const auto found = e.pod_uid ? m_by_uid.find(*e.pod_uid) : m_by_uid.end();
        return found == m_by_uid.end() ? std::nullopt : in_pod(found->second, e, how);
    }

    // A container killed by SIGKILL whose end is the kill's moment (its pod's UID unknown or the same),
    // on the node the kernel's journal names, if it names one (`any_node`: on whichever node).
    std::optional<Slot> by_time(const KernelEvent& e, Text& how, bool any_node = false) {
        file_killed();
        std::optional<Slot> found;
        bool ambiguous = false;
        const bool on_host = !any_node && known_host(e.host);
        const auto visit = [&](const Slot& slot) {
            const Pod& pod = m_incident.pods[slot.first];
            const Termination* t = pod.containers[slot.second].latest();
            Text when;
            if ((pod.uid && e.pod_uid && *pod.uid != *e.pod_uid) || (on_host && other_node(pod.node, e.host)) ||
                !kill_at(e, *t->finished, when) || (found && *found == slot)) {
                return KillClock::Next::more;  // given a UID since it was filed, or the same container again
            }
            ambiguous = found.has_value();
            found = slot;
            how = when;
            return ambiguous ? KillClock::Next::stop : KillClock::Next::more;
        };
        // A kill naming an unknown pod UID can only be a pod's without one; the others, any pod's. A
        // kill on a named host, a pod's on that node or on an unknown one.
        const auto in_class = [&](std::uint64_t uid_class) {
            if (!on_host) {
                m_killed_clock.visit(k_scope_all + uid_class, e, k_slack, visit);
                return;
            }
            m_killed_clock.visit(k_scope_node + uid_class, e, k_slack, visit);  // no node known
            if (const auto label = m_labels.find(first_label(*e.host)); label != m_labels.end() && !ambiguous) {
                m_killed_clock.visit(k_scope_node + 2 * label->second + uid_class, e, k_slack, visit);
            }
        };
        in_class(k_no_uid);
        if (!e.pod_uid && !ambiguous) {
            in_class(k_has_uid);
        }
        return ambiguous ? std::nullopt : found;
    }

    // With nothing in the kernel line to go by: the one container a kill (or a segfault) could have
    // ended, unless it ran on another node than the one the kernel's journal names.
    std::optional<Slot> only_killed(const KernelEvent& e) const { return only_one(m_killed, e); }
    std::optional<Slot> only_segfaulted(const KernelEvent& e) const { return only_one(m_segfaulted, e); }

    // Why a kill on a named host tied to no container: the container its time (or its being the only
    // one killed) would have tied it to ran on another node.
    void say_why_not(KernelEvent& e) {
        if (!known_host(e.host) || e.kind != "oom-kill" || pod_known(e.pod_uid)) {
            return;
        }
        Text how;
        std::optional<Slot> slot = by_time(e, how, true);
        std::string what = "ended at the kill's time";
        if (!slot && !e.container_id && !e.cgroup && m_killed.size() == 1) {
            slot = m_killed.front();
            what = "is the only container in the inputs killed by SIGKILL";
        }
        if (!slot || !other_node(m_incident.pods[slot->first].node, e.host)) {
            return;
        }
        const Pod& pod = m_incident.pods[slot->first];
        const Container& c = pod.containers[slot->second];
        e.not_matched_because = m_incident.keep(
            "its host " + std::string(*e.host) + " is not node " + std::string(*pod.node) + ", where container " +
            std::string(c.name.value_or("?")) + " of " + std::string(pod.namespace_.value_or("?")) + "/" +
            std::string(pod.name.value_or("?")) + " " + what);
    }

    // The kernel names a pod (UID) no input describes: gives a described pod of the same container its UID.
    void give_uid(std::uint32_t p, const OptText& uid) {
        Pod& pod = m_incident.pods[p];
        if (!pod.uid && uid && !pod_known(uid)) {
            pod.uid = uid;
            m_by_uid.emplace(*uid, p);
        }
    }

    // A pod (and container) only the kernel names: its UID and container ID make the record; the same
    // pod's (or, without a UID, the same container's) other kills share it.
    Slot make_record(const KernelEvent& e) {
        if (e.pod_uid) {
            if (const auto found = m_by_uid.find(*e.pod_uid); found != m_by_uid.end()) {
                return {found->second, 0};
            }
        } else if (const auto found = m_made_by_id.find(bare_container_id(*e.container_id)); found != m_made_by_id.end()) {
            return found->second;  // the kernel prints a container's whole ID: the same kill's twin has it too
        }
        Pod pod;
        pod.uid = e.pod_uid;
        pod.at = e.at;
        Container c;
        c.container_id = e.container_id;
        c.at = e.at;
        pod.containers.push_back(std::move(c));
        m_incident.pods.push_back(std::move(pod));
        const auto p = static_cast<std::uint32_t>(m_incident.pods.size() - 1);
        m_killed_in_pod.emplace_back();
        if (e.pod_uid) {
            m_by_uid.emplace(*e.pod_uid, p);
        }
        if (e.container_id) {
            m_made_by_id.emplace(bare_container_id(*e.container_id), Slot{p, 0});
        }
        return {p, 0};
    }

private:
    static constexpr long long k_slack = 5;  // kill_at's: seconds between a kill and the end it caused
    // The killed containers' scopes: all of them, or by the first label of their node (0: none known),
    // each split by whether the pod has a UID.
    static constexpr std::uint64_t k_no_uid = 0;
    static constexpr std::uint64_t k_has_uid = 1;
    static constexpr std::uint64_t k_scope_all = std::uint64_t{1} << 32;
    static constexpr std::uint64_t k_scope_node = std::uint64_t{2} << 32;

    std::optional<Slot> only_one(const std::vector<Slot>& slots, const KernelEvent& e) const {
        if (slots.size() != 1 || other_node(m_incident.pods[slots.front().first].node, e.host)) {
            return std::nullopt;
        }
        return slots.front();
    }

    void index_pod(std::uint32_t p) {
        const Pod& pod = m_incident.pods[p];
        if (pod.uid) {
            m_by_uid.emplace(*pod.uid, p);  // the first pod of a UID wins
        }
        for (std::uint32_t c = 0; c < pod.containers.size(); ++c) {
            if (const OptText& cid = pod.containers[c].container_id) {
                m_ids.add(*cid, {p, c});
            }
        }
    }

    // The killed containers by the second they ended, filed once the container IDs have given the
    // pods the UIDs they can: whether a pod has one decides which kills may claim it.
    void file_killed() {
        if (m_killed_filed) {
            return;
        }
        m_killed_filed = true;
        for (const Slot& slot : m_killed) {
            const Pod& pod = m_incident.pods[slot.first];
            const Termination* t = pod.containers[slot.second].latest();
            if (!t->finished) {
                continue;
            }
            const std::uint64_t uid_class = pod.uid ? k_has_uid : k_no_uid;
            m_killed_clock.add(k_scope_all + uid_class, slot, *t->finished);
            std::uint64_t label = 0;
            if (pod.node && !pod.node->empty()) {
                label = m_labels.emplace(first_label(*pod.node), m_labels.size() + 1).first->second;
            }
            m_killed_clock.add(k_scope_node + 2 * label + uid_class, slot, *t->finished);
        }
    }

    // Every container's end by its pod, filed when a kill first names a pod by its UID.
    void file_ends() {
        if (m_ends_filed) {
            return;
        }
        m_ends_filed = true;
        for (std::uint32_t p = 0; p < m_incident.pods.size(); ++p) {
            const std::vector<Container>& containers = m_incident.pods[p].containers;
            for (std::uint32_t c = 0; c < containers.size(); ++c) {
                const Termination* t = containers[c].latest();
                if (t != nullptr && t->finished) {
                    m_pod_clock.add(p, {p, c}, *t->finished);
                }
            }
        }
    }

    // A container of the pod: the first that ended when the kill happened, else the one killed by a
    // signal, else the pod's only container.
    std::optional<Slot> in_pod(std::uint32_t p, const KernelEvent& e, Text& how) {
        file_ends();
        const Pod& pod = m_incident.pods[p];
        std::optional<std::uint32_t> first;
        m_pod_clock.visit(p, e, k_slack, [&](const Slot& slot) {
            Text when;
            if (!kill_at(e, *pod.containers[slot.second].latest()->finished, when)) {
                return KillClock::Next::more;
            }
            first = first ? std::min(*first, slot.second) : slot.second;
            return KillClock::Next::next_second;  // filed in container order: the rest of this second come later
        });
        if (first) {
            how = "its pod UID and the termination's Finished time";
            return Slot{p, *first};
        }
        if (p < m_killed_in_pod.size() && m_killed_in_pod[p].size() == 1) {
            how = "its pod UID (the pod's only container killed by SIGKILL)";
            return Slot{p, m_killed_in_pod[p].front()};
        }
        if (pod.containers.size() == 1) {
            how = "its pod UID";
            return Slot{p, 0};
        }
        return std::nullopt;
    }

    Incident& m_incident;
    ContainerIdIndex m_ids;
    std::unordered_map<Text, Slot> m_made_by_id;  // records made for kills only the kernel names
    std::unordered_map<Text, std::uint32_t> m_by_uid;
    std::unordered_map<std::string, std::uint64_t> m_labels;  // nodes' first labels, numbered from 1
    std::vector<Slot> m_killed;
    std::vector<std::vector<std::uint32_t>> m_killed_in_pod;
    std::vector<Slot> m_segfaulted;
    KillClock m_pod_clock;     // every container's end, by pod
    KillClock m_killed_clock;  // the SIGKILLed containers' ends, by whether their pod has a UID
    bool m_killed_filed = false;
    bool m_ends_filed = false;
};

// The year another input gives a yearless journal or syslog stamp: the container's own end, else the
// latest wall-clock time any termination of the incident printed; the record it came from.
std::optional<std::pair<int, Cite>> year_for(const Incident& incident, const KernelEvent& e) {
    const auto year_of = [](const TimePoint& t) { return std::atoi(format_rfc3339(t).substr(0, 4).c_str()); };
    if (e.pod_index != k_none_index) {
        const Termination* t = incident.pods[e.pod_index].containers[e.container_index].latest();
        if (t != nullptr && t->finished && t->finished->basis != TimeBasis::uptime &&
            t->finished->basis != TimeBasis::relative_to_capture) {
            return std::pair{year_of(*t->finished), t->at};
        }
    }
    std::optional<std::pair<int, Cite>> latest;
    std::int64_t latest_seconds = 0;
    for (const Pod& pod : incident.pods) {
        for (const Container& c : pod.containers) {
            const Termination* t = c.latest();
            if (t != nullptr && t->finished && t->finished->basis == TimeBasis::wall_with_offset &&
                (!latest || t->finished->seconds > latest_seconds)) {
                latest_seconds = t->finished->seconds;
                latest = std::pair{year_of(*t->finished), t->at};
            }
        }
    }
    return latest;
}

// Journal and syslog stamps have no year: the incident's other inputs give it, and the event says which.
void date_yearless(Incident& incident) {
    std::optional<std::pair<int, Cite>> any;
    bool looked = false;
    for (KernelEvent& e : incident.kernel_events) {
        if (e.time || !e.yearless_time) {
            continue;
        }
        std::optional<std::pair<int, Cite>> year;
        if (e.pod_index != k_none_index) {
            year = year_for(incident, e);
        } else {
            if (!looked) {
                any = year_for(incident, e);  // the same answer for every unclaimed event: looked up once
                looked = true;
            }
            year = any;
        }
        if (!year) {
            e.time_basis = TimeBasis::wall_no_offset;  // a clock time, whatever year it was
            continue;
        }
        if (const auto t = yearless_in_year(*e.yearless_time, year->first)) {
            e.time = t;
            e.time_basis = t->basis;
            e.year_from = year->second;
        }
    }
}

}  // namespace

void attach_kernel_events(Incident& incident) {
    collapse_kernel_duplicates(incident);
    if (incident.kernel_events.empty()) {
        return;  // no kernel log among the inputs: no index of the pods to build
    }
    Matcher match(incident);
    // Container IDs first: a kill they tie gives its pod the UID its cgroup path holds, so the same
    // pod's earlier kills (older container IDs) find it.
    for (KernelEvent& e : incident.kernel_events) {
        if (!e.container_id) {
            continue;
        }
        if (const auto slot = match.by_container_id(*e.container_id)) {
            e.pod_index = slot->first;
            e.container_index = slot->second;
            e.matched_by = "its container ID";
            match.give_uid(slot->first, e.pod_uid);
        }
    }
    for (KernelEvent& e : incident.kernel_events) {
        if ((e.kind != "oom-kill" && e.kind != "segfault" && e.kind != "page-allocation-failure") ||
            e.pod_index != k_none_index) {
            continue;
        }
        Text how;
        std::optional<Slot> slot;
        if (match.pod_known(e.pod_uid)) {
            slot = match.by_pod_uid(e, how);
        } else if (e.kind == "oom-kill" && (slot = match.by_time(e, how))) {
            match.give_uid(slot->first, e.pod_uid);  // the kill's cgroup path names the pod the describe did not
        } else if (e.kind == "oom-kill" && !e.container_id && !e.cgroup) {
            if ((slot = match.only_killed(e))) {
                how = "the only container in the inputs killed by SIGKILL";
            }
        } else if (e.kind == "segfault") {
            if ((slot = match.only_segfaulted(e))) {
                how = "the only container in the inputs that ended with SIGSEGV";
            }
        }
        if (!slot && e.kind == "oom-kill" && (e.pod_uid || e.container_id) && !match.pod_known(e.pod_uid)) {
            slot = match.make_record(e);
            how = "its cgroup path (no other input describes the pod)";
        }
        if (slot) {
            e.pod_index = slot->first;
            e.container_index = slot->second;
            e.matched_by = how;
        } else {
            match.say_why_not(e);
        }
    }
    date_yearless(incident);
    for (std::uint32_t i = 0; i < incident.kernel_events.size(); ++i) {
        const KernelEvent& e = incident.kernel_events[i];
        if (e.pod_index != k_none_index) {
            incident.pods[e.pod_index].containers[e.container_index].kernel_events.push_back(i);
        }
    }
}

}  // namespace pm
