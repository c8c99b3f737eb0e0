#include "correlate/kernel_events.hpp"

#include "readers/kernel_log/envelope.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace pm {

namespace {

using Slot = std::pair<std::uint32_t, std::uint32_t>;

// `containerd://46b3…` -> `46b3…`.
Text bare_id(Text id) {
    const std::size_t scheme = id.find("://");
    return scheme == Text::npos ? id : id.substr(scheme + 3);
}

bool same_id(Text a, Text b) {
    a = bare_id(a);
    b = bare_id(b);
    const std::size_t n = std::min(a.size(), b.size());
    return n >= 12 && a.substr(0, n) == b.substr(0, n);
}

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

// Within `seconds` of each other, when the two times can be compared at all.
std::optional<bool> near(const OptTime& a, const OptTime& b, long long seconds) {
    if (!a || !b || compare_times(*a, *b) == std::partial_ordering::unordered) {
        return std::nullopt;
    }
    return std::llabs(a->seconds - b->seconds) <= seconds;
}

// One kill saved twice (dmesg and its -T tail, a journal and syslog): the same process killed at
// the same moment of the same boot.
bool same_event(const KernelEvent& a, const KernelEvent& b) {
    if (a.kind != b.kind || !a.pid || a.pid != b.pid || a.process != b.process) {
        return false;
    }
    if (a.cgroup && b.cgroup && *a.cgroup != *b.cgroup) {
        return false;
    }
    if (a.uptime_s && b.uptime_s && a.at.input != b.at.input) {
        return std::fabs(*a.uptime_s - *b.uptime_s) <= 1.0;
    }
    if (const auto close = near(a.time, b.time, 1)) {
        return *close;
    }
    return a.at.input != b.at.input;  // in two captures without comparable stamps: taken as one
}

std::optional<Slot> by_container_id(const Incident& incident, Text id) {
    for (std::uint32_t p = 0; p < incident.pods.size(); ++p) {
        for (std::uint32_t c = 0; c < incident.pods[p].containers.size(); ++c) {
            const OptText& cid = incident.pods[p].containers[c].container_id;
            if (cid && same_id(*cid, id)) {
                return Slot{p, c};
            }
        }
    }
    return std::nullopt;
}

// A container of the pod: the one that ended when the kill happened, else the one killed by a
// signal, else the pod's only container.
std::optional<Slot> in_pod(const Incident& incident, std::uint32_t p, const KernelEvent& e, Text& how) {
    const Pod& pod = incident.pods[p];
    std::vector<std::uint32_t> killed;
    for (std::uint32_t c = 0; c < pod.containers.size(); ++c) {
        const Termination* t = pod.containers[c].latest();
        Text when;
        if (t != nullptr && t->finished && kill_at(e, *t->finished, when)) {
            how = "its pod UID and the termination's Finished time";
            return Slot{p, c};
        }
        if (killed_by_signal(pod.containers[c])) {
            killed.push_back(c);
        }
    }
    if (killed.size() == 1) {
        how = "its pod UID (the pod's only container killed by SIGKILL)";
        return Slot{p, killed.front()};
    }
    if (pod.containers.size() == 1) {
        how = "its pod UID";
        return Slot{p, 0};
    }
    return std::nullopt;
}

std::optional<Slot> by_pod_uid(const Incident& incident, Text uid, const KernelEvent& e, Text& how) {
    for (std::uint32_t p = 0; p < incident.pods.size(); ++p) {
        if (incident.pods[p].uid && *incident.pods[p].uid == uid) {
            return in_pod(incident, p, e, how);
        }
    }
    return std::nullopt;
}

// A container killed by SIGKILL whose end is the kill's moment (its pod's UID unknown or the same).
std::optional<Slot> by_time(const Incident& incident, const KernelEvent& e, Text& how) {
    std::optional<Slot> found;
    for (std::uint32_t p = 0; p < incident.pods.size(); ++p) {
        const Pod& pod = incident.pods[p];
        if (pod.uid && e.pod_uid && *pod.uid != *e.pod_uid) {
            continue;
        }
        for (std::uint32_t c = 0; c < pod.containers.size(); ++c) {
            const Termination* t = pod.containers[c].latest();
            Text when;
            if (killed_by_signal(pod.containers[c]) && t->finished && kill_at(e, *t->finished, when)) {
                if (found) {
                    return std::nullopt;
                }
                found = Slot{p, c};
                how = when;
            }
        }
    }
    return found;
}

// With nothing in the kernel line to go by: the one container in the inputs a kill could have ended.
std::optional<Slot> only_candidate(const Incident& incident) {
    std::optional<Slot> found;
    for (std::uint32_t p = 0; p < incident.pods.size(); ++p) {
        for (std::uint32_t c = 0; c < incident.pods[p].containers.size(); ++c) {
            if (killed_by_signal(incident.pods[p].containers[c])) {
                if (found) {
                    return std::nullopt;
                }
                found = Slot{p, c};
            }
        }
    }
    return found;
}

// A pod (and container) only the kernel names: its UID and container ID make the record; the same
// pod's (or, without a UID, the same container's) other kills share it.
Slot make_record(Incident& incident, const KernelEvent& e) {
    for (std::uint32_t p = 0; p < incident.pods.size(); ++p) {
        const Pod& pod = incident.pods[p];
        if (pod.containers.empty()) {
            continue;
        }
        const OptText& cid = pod.containers.front().container_id;
        if ((e.pod_uid && pod.uid == e.pod_uid) || (!e.pod_uid && !pod.uid && cid && e.container_id && *cid == *e.container_id)) {
            return {p, 0};
        }
    }
    Pod pod;
    pod.uid = e.pod_uid;
    pod.at = e.at;
    Container c;
    c.container_id = e.container_id;
    c.at = e.at;
    pod.containers.push_back(std::move(c));
    incident.pods.push_back(std::move(pod));
    return {static_cast<std::uint32_t>(incident.pods.size() - 1), 0};
}

bool pod_known(const Incident& incident, const OptText& uid) {
    return uid && std::any_of(incident.pods.begin(), incident.pods.end(), [&](const Pod& p) { return p.uid == uid; });
}

// A segfault line names no cgroup: the one container that ended with SIGSEGV.
std::optional<Slot> only_segfaulted(const Incident& incident) {
    std::optional<Slot> found;
    for (std::uint32_t p = 0; p < incident.pods.size(); ++p) {
        for (std::uint32_t c = 0; c < incident.pods[p].containers.size(); ++c) {
            const Termination* t = incident.pods[p].containers[c].latest();
            if (t != nullptr && t->exit_code && *t->exit_code == 139) {
                if (found) {
                    return std::nullopt;
                }
                found = Slot{p, c};
            }
        }
    }
    return found;
}

void collapse_duplicates(Incident& incident) {
    std::vector<KernelEvent> kept;
    kept.reserve(incident.kernel_events.size());
    for (KernelEvent& e : incident.kernel_events) {
        bool merged = false;
        // Only the last few kept can be the same moment: the events of one capture are in order.
        for (std::size_t i = kept.size(); i-- > 0 && kept.size() - i <= 64;) {
            if (same_event(kept[i], e)) {
                if (e.quotes.size() > kept[i].quotes.size()) {
                    std::swap(kept[i], e);  // the fuller copy (with its report's header) leads
                }
                for (const Quote& q : e.quotes) {
                    kept[i].quotes.push_back(q);  // every citation is kept
                }
                if (!kept[i].time && e.time) {
                    kept[i].time = e.time;
                    kept[i].time_basis = e.time_basis;
                }
                if (!kept[i].uptime_s && e.uptime_s) {
                    kept[i].uptime_s = e.uptime_s;
                }
                merged = true;
                break;
            }
        }
        if (!merged) {
            kept.push_back(std::move(e));
        }
    }
    incident.kernel_events = std::move(kept);
}

}  // namespace

void attach_kernel_events(Incident& incident) {
    collapse_duplicates(incident);
    // Container IDs first: a kill they tie gives its pod the UID its cgroup path holds, so the same
    // pod's earlier kills (older container IDs) find it.
    for (KernelEvent& e : incident.kernel_events) {
        if (!e.container_id) {
            continue;
        }
        if (const auto slot = by_container_id(incident, *e.container_id)) {
            e.pod_index = slot->first;
            e.container_index = slot->second;
            e.matched_by = "its container ID";
            Pod& pod = incident.pods[slot->first];
            if (!pod.uid && e.pod_uid && !pod_known(incident, e.pod_uid)) {
                pod.uid = e.pod_uid;
            }
        }
    }
    for (std::size_t i = 0; i < incident.kernel_events.size(); ++i) {
        KernelEvent& e = incident.kernel_events[i];
        if ((e.kind != "oom-kill" && e.kind != "segfault" && e.kind != "page-allocation-failure") ||
            e.pod_index != k_none_index) {
            continue;
        }
        Text how;
        std::optional<Slot> slot;
        if (e.pod_uid && pod_known(incident, e.pod_uid)) {
            slot = by_pod_uid(incident, *e.pod_uid, e, how);
        } else if (e.kind == "oom-kill" && (slot = by_time(incident, e, how))) {
            Pod& pod = incident.pods[slot->first];
            if (!pod.uid && e.pod_uid) {
                pod.uid = e.pod_uid;  // the kill's cgroup path names the pod the describe did not
            }
        } else if (e.kind == "oom-kill" && !e.container_id && !e.cgroup) {
            if ((slot = only_candidate(incident))) {
                how = "the only container in the inputs killed by SIGKILL";
            }
        } else if (e.kind == "segfault") {
            if ((slot = only_segfaulted(incident))) {
                how = "the only container in the inputs that ended with SIGSEGV";
            }
        }
        if (!slot && e.kind == "oom-kill" && (e.pod_uid || e.container_id) && !pod_known(incident, e.pod_uid)) {
            slot = make_record(incident, e);
            how = "its cgroup path (no other input describes the pod)";
        }
        if (slot) {
            e.pod_index = slot->first;
            e.container_index = slot->second;
            e.matched_by = how;
        }
    }
}

}  // namespace pm
