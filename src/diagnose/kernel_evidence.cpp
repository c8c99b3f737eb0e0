#include "diagnose/kernel_evidence.hpp"

#include <algorithm>
#include <cstdlib>
#include <span>

#include "correlate/node_names.hpp"
#include "diagnose/finding_text.hpp"

namespace pm {

namespace {

// Kernel figures in MiB, as the report prints them.
std::string mib(long long kb) {
    return std::to_string((kb + 512) / 1024) + " MiB";
}

bool ended_by_sigkill(const Termination* t) {
    return t != nullptr && ((t->reason && *t->reason == "OOMKilled") || (t->exit_code && *t->exit_code == 137));
}

// The kill that ended this run: the last tied to its container ID, else the last one tied at all;
// a kill whose time is far from the run's end is an earlier run's.
const KernelEvent* deciding_kill(const Incident& incident, const Container& c, const Termination* t, bool& earlier) {
    const KernelEvent* by_id = nullptr;
    const KernelEvent* any = nullptr;
    for (const std::uint32_t i : c.kernel_events) {
        const KernelEvent& e = incident.kernel_events[i];
        if (e.kind != "oom-kill") {
            continue;
        }
        any = &e;
        if (c.container_id && e.container_id && c.container_id->ends_with(*e.container_id)) {
            by_id = &e;
        }
    }
    const KernelEvent* e = by_id != nullptr ? by_id : any;
    // A group kill lists one event per process: the report's first victim speaks for it.
    for (const std::uint32_t i : c.kernel_events) {
        const KernelEvent& other = incident.kernel_events[i];
        if (e != nullptr && &other != e && other.kind == "oom-kill" && other.at == e->at) {
            e = &other;
            break;
        }
    }
    earlier = false;
    if (e != nullptr && t != nullptr && t->finished && e->time &&
        compare_times(*e->time, *t->finished) != std::partial_ordering::unordered) {
        earlier = std::llabs(e->time->seconds - t->finished->seconds) > 120;
    }
    return e;
}

// Lowers what the kernel rule explains away, unless the runtime itself reported it.
void explain_away(Reading& r, const KernelRule& rule) {
    for (Candidate& k : r.candidates) {
        if (k.cause != rule.cause && k.rank < k_reported_rank &&
            std::find(rule.outranks.begin(), rule.outranks.end(), k.cause) != rule.outranks.end()) {
            k.rank = 1;
            k.why = "Less likely: " + rule.explain;
        }
    }
}

void add_lines(Candidate& k, const KernelEvent& e) {
    for (const Quote& q : e.quotes) {
        k.evidence.push_back(q);
    }
}

Quote line_starting(const KernelEvent& e, std::string_view prefix) {
    for (const Quote& q : e.quotes) {
        if (q.text.starts_with(prefix) || q.text.find(prefix) != std::string_view::npos) {
            return q;
        }
    }
    return e.quotes.empty() ? Quote{e.at, {}} : e.quotes.back();
}

std::string kill_sentence(const KernelEvent& e, const Incident& incident, const Container& c) {
    std::string s = "The kernel's OOM report (" + incident.where(e.at) + ") killed " +
                    std::string(e.process.value_or("a process")) +
                    (e.pid ? " (pid " + std::to_string(*e.pid) + ")" : std::string());
    if (e.anon_rss_kb) {
        s += " with " + mib(*e.anon_rss_kb) + " of anonymous memory";
    }
    if (e.oom_scope && *e.oom_scope == "memcg" && e.memcg_limit_kb && e.memcg_usage_kb) {
        s += "; its memory cgroup was at " + mib(*e.memcg_usage_kb) + " of a " + mib(*e.memcg_limit_kb) + " limit";
    }
    if (e.chosen_pid) {
        s += "; the kernel chose pid " + std::to_string(*e.chosen_pid) + " and killed its child instead";
    }
    if (e.group_kill) {
        std::string others;
        for (const std::uint32_t i : c.kernel_events) {
            const KernelEvent& other = incident.kernel_events[i];
            if (&other != &e && other.kind == "oom-kill" && other.at == e.at && other.pid) {
                others += (others.empty() ? "" : ", ") + std::string(other.process.value_or("?")) + " " +
                          std::to_string(*other.pid);
            }
        }
        s += "; memory.oom.group killed every process of the cgroup" + (others.empty() ? std::string() : " (also " + others + ")");
    }
    s += " (matched by " + std::string(e.matched_by) + ").";
    return s;
}

void weigh_oom(const Grammar& g, const Incident& incident, const Container& c, const KernelEvent& e, const Termination* t,
               bool earlier, Reading& r) {
    const bool memcg = e.oom_scope && *e.oom_scope == "memcg";
    const bool global = e.oom_scope && *e.oom_scope == "global";
    const KernelRule* rule = g.kernel_rule("oom-kill", e.oom_scope.value_or(""));
    if ((!memcg && !global) || rule == nullptr) {
        return;
    }
    const Text cause = rule->cause;
    // A kill of this container's cgroup at its end settles it; one far from its end, or of a process
    // while the container ended otherwise, only supports it.
    const bool by_id = e.matched_by == "its container ID";
    const bool decisive = !earlier && (ended_by_sigkill(t) || by_id || t == nullptr);
    Candidate& k = ensure_candidate(r, cause, decisive ? k_reported_rank : 2);
    if (decisive) {
        k.rank = k_reported_rank;
        const Quote kill = line_starting(e, "Killed process");
        const Quote scope = memcg ? (e.constraint ? line_starting(e, "oom-kill:") : line_starting(e, "Task in "))
                                  : (e.constraint ? line_starting(e, "oom-kill:") : kill);
        k.decisive.insert(k.decisive.begin(), kill);
        if (scope.text != kill.text) {
            k.decisive.insert(k.decisive.begin(), scope);
        }
    }
    add_lines(k, e);
    k.clues.push_back(kill_sentence(e, incident, c));
    if (earlier) {
        k.clues.push_back("That kill was minutes away from this run's end: it ended an earlier run.");
    }
    if (memcg && e.kmem_usage_kb && e.memcg_usage_kb && *e.kmem_usage_kb * 2 >= *e.memcg_usage_kb) {
        k.clues.push_back("Kernel memory (kmem: " + mib(*e.kmem_usage_kb) + " of " + mib(*e.memcg_usage_kb) +
                          ") filled the cgroup, not the process: cgroup v1 kernel-memory accounting (slab such as "
                          "dentries) hit the limit; on 3.10-era kernels it is not reclaimed, so raising the limit only "
                          "delays the next kill. Use a newer kernel or boot with cgroup.memory=nokmem, then drain and "
                          "reboot the node.");
    }
    if (memcg && e.oom_memcg && e.cgroup && *e.oom_memcg != *e.cgroup && e.oom_memcg->find("pod") != Text::npos &&
        e.cgroup->starts_with(*e.oom_memcg)) {
        k.clues.push_back("The limit that tripped is the pod's (" + std::string(*e.oom_memcg) +
                          "), not the container's own.");
    }
    if (global) {
        k.clues.push_back("The kernel found no memory cgroup at its limit (" +
                          std::string(e.constraint.value_or("Out of memory")) +
                          "): the whole node ran out of memory. Reserve memory for the system with kubelet "
                          "--kube-reserved/--system-reserved and look for processes outside Kubernetes.");
        if (Candidate* own = find_candidate(r, "cgroup-oom"); own != nullptr && decisive) {
            own->rank = std::min(own->rank, 2);  // kubelet says OOMKilled for any OOM kill of its process
            own->why = "Less likely: the kernel's report names no memory cgroup at its limit.";
        }
    }
    if (decisive) {
        explain_away(r, *rule);
    }
}

void weigh_segfault(const Grammar& g, const Incident& incident, const Container& c, Reading& r) {
    const KernelRule* rule = g.kernel_rule("segfault", "");
    const KernelEvent* last = nullptr;
    for (const std::uint32_t i : c.kernel_events) {
        const KernelEvent& e = incident.kernel_events[i];
        if (e.kind == "segfault") {
            last = &e;
        }
    }
    if (last == nullptr || rule == nullptr) {
        return;
    }
    Candidate& k = ensure_candidate(r, rule->cause, 3);
    k.decisive.insert(k.decisive.begin(), last->quotes.front());
    add_lines(k, *last);
    // The same library offset in several crashes is one bug, whatever the address layout was.
    std::size_t same = 0;
    for (const std::uint32_t i : c.kernel_events) {
        const KernelEvent& e = incident.kernel_events[i];
        same += e.kind == "segfault" && e.detail && e.detail == last->detail ? 1 : 0;
    }
    k.clues.push_back("The kernel logged " + std::string(last->process.value_or("its process")) + "'s segfault (" +
                      incident.where(last->at) + ")" +
                      (last->detail ? " in " + std::string(*last->detail) : std::string()) +
                      (same > 1 ? " (the same fault in " + std::to_string(same) + " crashes)" : std::string()) +
                      ", matched by " + std::string(last->matched_by) + ".");
    explain_away(r, *rule);
}

// A userspace OOM killer's kill tied to this container (systemd-oomd names its cgroup): a kill from outside.
void weigh_userspace_kill(const Grammar& g, const Incident& incident, const Container& c, Reading& r) {
    const KernelRule* rule = g.kernel_rule("userspace-oom-kill", "");
    for (const std::uint32_t i : c.kernel_events) {
        const KernelEvent& e = incident.kernel_events[i];
        if (e.kind != "userspace-oom-kill" || rule == nullptr) {
            continue;
        }
        Candidate& k = ensure_candidate(r, rule->cause, 2);
        add_lines(k, e);
        k.clues.push_back(rule->explain + " (" + incident.where(e.at) + ")");
        return;
    }
}

void weigh_fragmentation(const Grammar& g, const Incident& incident, const Container& c, Reading& r) {
    const KernelRule* rule = g.kernel_rule("page-allocation-failure", "");
    const KernelEvent* last = nullptr;
    for (const std::uint32_t i : c.kernel_events) {
        const KernelEvent& e = incident.kernel_events[i];
        // Order ≥ 1 failing while at least 256 MiB was free and no block of that order was: fragmentation.
        if (e.kind == "page-allocation-failure" && e.order &&
            *e.order >= 1 && e.free_kb && *e.free_kb >= 256LL * 1024 && e.largest_free_order &&
            *e.largest_free_order < *e.order) {
            last = &e;
        }
    }
    if (last == nullptr || rule == nullptr) {
        return;
    }
    Candidate& k = ensure_candidate(r, rule->cause, 3);
    k.decisive.insert(k.decisive.begin(), last->quotes.front());
    add_lines(k, *last);
    k.clues.push_back("The kernel could not find " + std::to_string(4LL << *last->order) + " kB of contiguous memory (order " +
                      std::to_string(*last->order) + ") for " + std::string(last->process.value_or("its process")) +
                      " (" + incident.where(last->at) + ") while " + mib(*last->free_kb) +
                      " was free: no free block of that order was left outside DMA.");
    explain_away(r, *rule);
}

// Seconds from `from` to `to` when the two can be compared; a clock printed without offset (dmesg -T)
// against an instant is read as UTC, as a kill's time is (`as_utc` then set).
std::optional<long long> seconds_between(const TimePoint& from, const TimePoint& to, bool& as_utc) {
    if (compare_times(from, to) != std::partial_ordering::unordered) {
        return to.seconds - from.seconds;
    }
    const bool mixed = (from.basis == TimeBasis::wall_no_offset && to.basis == TimeBasis::wall_with_offset) ||
                       (from.basis == TimeBasis::wall_with_offset && to.basis == TimeBasis::wall_no_offset);
    if (!mixed) {
        return std::nullopt;
    }
    as_utc = true;
    return to.seconds - from.seconds;  // a time without offset holds its printed clock as if UTC
}

// A boot of the node between the run's start and shortly after its end (a runtime restored after
// the reboot reports the old container with a made-up end).
void weigh_reboot(const Grammar& g, const Incident& incident, std::span<const std::uint32_t> boots, const Termination* t,
                  Reading& r) {
    const KernelRule* rule = g.kernel_rule("boot", "");
    if (t == nullptr || !t->finished || rule == nullptr) {
        return;
    }
    for (const std::uint32_t i : boots) {
        const KernelEvent& e = incident.kernel_events[i];
        bool as_utc = false;
        const auto to_end = e.time && (e.boot != 0 || t->started) ? seconds_between(*e.time, *t->finished, as_utc)
                                                                  : std::nullopt;
        if (!to_end) {
            continue;
        }
        bool start_as_utc = false;
        const long long after_start = t->started ? seconds_between(*t->started, *e.time, start_as_utc).value_or(0) : 0;
        const long long before_end = *to_end;
        if (after_start < 0 || before_end < -120 || before_end > 600) {
            continue;
        }
        Candidate& k = ensure_candidate(r, rule->cause, 3);
        for (std::size_t q = 0; q < e.quotes.size(); ++q) {
            if (q + 2 >= e.quotes.size()) {
                k.decisive.push_back(e.quotes[q]);  // the marker and the banner (the last line before: evidence)
            }
            k.evidence.push_back(e.quotes[q]);
        }
        // A journal's boot separator names no kernel release; a banner does.
        std::string clue = "The node booted again (" + incident.where(e.at) +
                           (e.detail ? ", Linux " + std::string(*e.detail) : std::string()) +
                           ") just before the container's recorded end" +
                           (as_utc ? std::string(" (the kernel's clock read as UTC).") : std::string("."));
        if (e.previous_boot_end && *e.previous_boot_end == "no shutdown messages" && e.quotes.size() >= 2) {
            clue += " The boot before it stops at " + incident.where(e.quotes.front().at) +
                    " without shutdown messages: a crash, a power loss or a hard reset, not a planned reboot.";
        } else if (e.previous_boot_end) {
            clue += " The boot before it shut down in order: a planned reboot.";
        }
        k.clues.push_back(std::move(clue));
        explain_away(r, *rule);
        return;
    }
}

constexpr std::size_t k_max_node_findings = 10;

}  // namespace

std::vector<Finding> kernel_node_findings(const Grammar& g, const Incident& incident) {
    std::vector<Finding> out;
    for (const KernelEvent& e : incident.kernel_events) {
        if (e.kind == "userspace-oom-kill" && e.pod_index == k_none_index && out.size() < k_max_node_findings) {
            if (const KernelRule* rule = g.kernel_rule(e.kind, "")) {
                Reading r;
                // Whose process it was is unknown: the kill itself is certain, its bearing on a container is not.
                Candidate& k = ensure_candidate(r, rule->cause, 1);
                add_lines(k, e);
                k.decisive.push_back(e.quotes.front());
                k.clues.push_back(std::string(e.trigger.value_or("A userspace OOM killer")) + " on the node killed " +
                                  std::string(e.process.value_or(e.cgroup.value_or("a process"))) +
                                  (e.pid ? " (pid " + std::to_string(*e.pid) + ")" : std::string()) +
                                  (e.detail ? " (" + std::string(*e.detail) + ")" : std::string()) +
                                  ": the node was short of memory; no container of the inputs is tied to it.");
                std::string summary = k.clues.back();
                Finding f = build_finding(g, nullptr, nullptr, r);
                f.subject = {k_none_index, k_none_index, known_host(e.host)};
                f.summary = std::move(summary);  // the cause's sentence speaks of a container; this is the node
                out.push_back(std::move(f));
            }
            continue;
        }
        if (e.kind != "oom-kill" || e.pod_index != k_none_index || !e.oom_scope || out.size() >= k_max_node_findings) {
            continue;
        }
        const bool memcg = *e.oom_scope == "memcg";
        const KernelRule* rule = g.kernel_rule("oom-kill", *e.oom_scope);
        if (rule == nullptr) {
            continue;
        }
        Reading r;
        // A memcg kill with no cgroup printed names no pod: its cause is known, whose it was is not.
        Candidate& k = ensure_candidate(r, rule->cause, memcg ? 2 : 3);
        add_lines(k, e);
        k.decisive.push_back(line_starting(e, "Killed process"));
        std::string who = e.cgroup ? "its cgroup " + std::string(*e.cgroup) + " is no container of the inputs"
                                   : "the kernel printed no cgroup for it";
        if (e.header_lost) {
            who += " (the report's header was lost to the kernel's ratelimit)";
        }
        if (e.not_matched_because) {
            who += "; it is tied to no container, as " + std::string(*e.not_matched_because);
        }
        const OptText host = known_host(e.host);
        k.clues.push_back("A kernel OOM kill of " + std::string(e.process.value_or("a process")) +
                          (e.pid ? " (pid " + std::to_string(*e.pid) + ")" : std::string()) +
                          (host ? " on node " + std::string(*host) : std::string(" on the node")) + " (" +
                          (memcg ? "a memory cgroup at its limit" : "the node out of memory") + "): " + who + ".");
        std::string summary = k.clues.back();
        Finding f = build_finding(g, nullptr, nullptr, r);
        f.subject = {k_none_index, k_none_index, host};  // the journal's host names the node
        f.summary = std::move(summary);  // the cause's sentence speaks of a container; this is the node
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<std::uint32_t> kernel_boots(const Incident& incident) {
    std::vector<std::uint32_t> out;
    for (std::uint32_t i = 0; i < incident.kernel_events.size(); ++i) {
        if (incident.kernel_events[i].kind == "boot") {
            out.push_back(i);
        }
    }
    return out;
}

void weigh_kernel_events(const Grammar& g, const Incident& incident, std::span<const std::uint32_t> boots,
                         const Container& c, Reading& r) {
    const Termination* t = c.latest();
    bool earlier = false;
    if (const KernelEvent* kill = deciding_kill(incident, c, t, earlier)) {
        weigh_oom(g, incident, c, *kill, t, earlier, r);
    }
    weigh_segfault(g, incident, c, r);
    weigh_userspace_kill(g, incident, c, r);
    weigh_fragmentation(g, incident, c, r);
    weigh_reboot(g, incident, boots, t, r);
}

}  // namespace pm
