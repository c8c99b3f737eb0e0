#include "diagnose/diagnose.hpp"

#include <algorithm>

#include "base/parallel.hpp"
#include "diagnose/event_evidence.hpp"
#include "diagnose/finding_text.hpp"
#include "diagnose/kernel_evidence.hpp"
#include "diagnose/log_evidence.hpp"
#include "diagnose/spec_clues.hpp"
#include "diagnose/termination_reading.hpp"

namespace pm {

namespace {

// Pod-level reasons (Evicted, …) settle every container of the pod.
void weigh_pod_reason(const Grammar& g, const Pod& pod, Reading& r) {
    if (!pod.reason) {
        return;
    }
    const ReasonRule* rule = g.reason(*pod.reason);
    if (rule == nullptr || rule->state != "pod") {
        return;
    }
    for (const auto& cw : rule->causes) {
        const int rank = cw.confidence == Confidence::high ? k_reported_rank : rank_of(cw.confidence);
        Candidate& c = ensure_candidate(r, cw.cause, rank);
        if (pod.reason_cite) {
            c.evidence.push_back(*pod.reason_cite);
        }
    }
}

// A pod-level reason that settles its containers (Evicted): they stopped for it even where the saved text
// shows no state of theirs (an evicted pod's describe prints none).
bool pod_reason_settles(const Grammar& g, const Pod& pod) {
    const ReasonRule* rule = pod.reason ? g.reason(*pod.reason) : nullptr;
    return rule != nullptr && rule->state == "pod" && !rule->causes.empty();
}

bool has_sandbox_failure(const Incident& incident, const Pod& pod) {
    for (const auto& e : pod.events) {
        if (e.reason && *e.reason == "FailedCreatePodSandBox" && e.runtime_error != k_none_index &&
            incident.runtime_errors[e.runtime_error].chain.size() > 1) {
            return true;
        }
    }
    return false;
}

// The first reading of a container, or nothing when it never terminated and waits for nothing telling.
std::optional<Reading> first_reading(const Grammar& g, const Incident& incident, const Pod& pod, const Container& c) {
    if (const Termination* t = c.latest()) {
        return read_termination(g, incident, c, *t);
    }
    const State& s = c.state;
    const ReasonRule* waiting = s.status == StateStatus::waiting && s.reason ? g.reason(*s.reason) : nullptr;
    if (waiting != nullptr && (!waiting->causes.empty() || waiting->crashing)) {
        // Waiting for a reason that explains itself, or crashing while the saved text lost the termination.
        return read_waiting(g, incident, s);
    }
    if (s.status == StateStatus::waiting && has_sandbox_failure(incident, pod)) {
        Reading r = read_waiting(g, incident, s);  // ContainerCreating behind a sandbox that cannot start
        ensure_candidate(r, "oci-start-error", 1);
        r.never_ran = true;
        return r;
    }
    if (s.status == StateStatus::unknown && !pod.events.empty()) {
        Reading r = read_waiting(g, incident, s);  // known only from events: they alone may tell
        ensure_candidate(r, "oci-start-error", 1);
        return r;
    }
    return std::nullopt;  // running or starting, never terminated: nothing to explain
}

// A container known only from events starts with a guess that it never started; once an event or its
// pod names a cause of its own (an eviction, a failed pull), the guess is no rival worth listing.
void drop_start_guess_once_told(const Container& c, Reading& r) {
    if (c.latest() != nullptr || c.state.status != StateStatus::unknown) {
        return;
    }
    const Candidate* guess = find_candidate(r, "oci-start-error");
    if (guess == nullptr || guess->rank > 1 || !guess->evidence.empty()) {
        return;
    }
    const bool told = std::any_of(r.candidates.begin(), r.candidates.end(), [](const Candidate& k) {
        return k.cause != "oci-start-error" && k.cause != "unknown" && k.rank >= 3;
    });
    if (told) {
        drop_candidate(r, "oci-start-error");
    }
}

// The container ended the way its kind ends (an init container that completed, a debug container
// that was closed, a Job's container that finished): nothing to explain.
bool ended_normally(const Grammar& g, const Pod& pod, const Container& c) {
    const Termination* t = c.latest();
    if (t == nullptr || !t->reason || (t->exit_code && *t->exit_code != 0) ||
        (c.restart_count && *c.restart_count > 0) || c.state.status == StateStatus::waiting) {
        return false;
    }
    const ReasonRule* rule = g.reason(*t->reason);
    if (rule == nullptr) {
        return false;
    }
    const bool run_once = pod.controlled_by && pod.controlled_by->starts_with("Job/");
    for (const std::string& kind : rule->ends_normally) {
        if ((kind == "init" && c.type == ContainerType::init) || (kind == "ephemeral" && c.type == ContainerType::ephemeral) ||
            (kind == "run-once" && run_once)) {
            return true;
        }
    }
    return false;
}

// How much a container looks like the incident, among findings of one cause rank and confidence:
// crashing or failing to start, restarted, exiting with a failure.
// Restarts the events tell of when no restart count was saved (an event listing alone): kubelet's
// Killing and BackOff rows about the container, with their counts; a BackOff means a loop.
struct RestartSigns {
    long long seen = 0;
    bool back_off = false;
};

RestartSigns restarts_in_events(const Pod& pod, const Container& c) {
    RestartSigns signs;
    for (const Event& e : pod.events) {
        if (!e.reason || (*e.reason != "Killing" && *e.reason != "BackOff") ||
            (e.container && c.name && *e.container != *c.name)) {
            continue;
        }
        signs.seen += e.count ? std::max<long long>(1, *e.count) : 1;
        signs.back_off = signs.back_off || *e.reason == "BackOff";
    }
    return signs;
}

int failing_weight(const Grammar& g, const Pod& pod, const Container& c) {
    int weight = 0;
    if (!c.restart_count) {
        const RestartSigns signs = restarts_in_events(pod, c);
        weight += signs.seen > 0 ? 2 : 0;
        weight += signs.seen >= 3 || signs.back_off ? 1 : 0;  // a loop, not one restart
    }
    if (c.state.status == StateStatus::waiting && c.state.reason) {
        const ReasonRule* rule = g.reason(*c.state.reason);
        weight += rule != nullptr && (rule->crashing || rule->classify_message) ? 4 : 0;
    }
    weight += c.restart_count && *c.restart_count > 0 ? 2 : 0;
    const Termination* t = c.latest();
    weight += t != nullptr && t->exit_code && *t->exit_code != 0 ? 1 : 0;
    return weight;
}

// A runtime error no container record holds (a pasted message).
Finding lone_error_finding(const Grammar& g, const RuntimeError& error) {
    Reading r;
    // Whole: the writers redact first and cut after, so no secret is split by the cut.
    r.evidence.push_back({error.at, error.message});
    ensure_candidate(r, "oci-start-error", 2);
    apply_runtime_error(g, error, r);
    return build_finding(g, nullptr, nullptr, r);
}

// One pod's findings, in container order; each knows its subject.
std::vector<Finding> diagnose_pod(const Grammar& g, const Incident& incident, const LogsByContainer& logs,
                                  const std::vector<std::uint32_t>& boots, std::uint32_t p) {
    std::vector<Finding> found;
    const Pod& pod = incident.pods[p];
    std::optional<PodEvents> events;  // once per pod: weighing is linear in events + containers
    for (std::uint32_t k = 0; k < pod.containers.size(); ++k) {
        const Container& c = pod.containers[k];
        Finding f;
        if (pod.lone_error != k_none_index) {
            f = lone_error_finding(g, incident.runtime_errors[pod.lone_error]);
        } else {
            if (ended_normally(g, pod, c)) {
                continue;
            }
            std::optional<Reading> r = first_reading(g, incident, pod, c);
            if (!r && (has_log_signature(logs, p, k) || !c.kernel_events.empty() || pod_reason_settles(g, pod))) {
                r = Reading{};  // known from its log, the kernel or its pod alone: what they say is the reading
            }
            if (!r) {
                continue;
            }
            if (!events) {
                events.emplace(g, incident, pod);
            }
            weigh_pod_reason(g, pod, *r);
            events->weigh(g, c, *r);
            drop_start_guess_once_told(c, *r);
            weigh_spec_clues(g, incident, c, *r);
            weigh_container_logs(g, logs, p, k, c, *r);
            weigh_kernel_events(g, incident, boots, c, *r);
            f = build_finding(g, &pod, &c, *r);
            f.rank += failing_weight(g, pod, c);
        }
        f.subject = {p, k, std::nullopt};
        found.push_back(std::move(f));
    }
    return found;
}

}  // namespace

constexpr std::size_t k_pods_per_task = 1024;  // pods one thread files in at a time

Diagnoses diagnose(const Grammar& g, const Incident& incident, unsigned jobs) {
    const LogsByContainer logs(incident);
    const std::vector<std::uint32_t> boots = kernel_boots(incident);
    // Pods are weighed apart (nothing in one decides another), then listed in pod order.
    std::vector<std::vector<Finding>> per_pod(incident.pods.size());
    parallel_for(incident.pods.size(), jobs, [&](std::size_t p) {
        per_pod[p] = diagnose_pod(g, incident, logs, boots, static_cast<std::uint32_t>(p));
    });
    Diagnoses out;
    // Each pod's findings go to their place in pod order: counted first, then moved on every thread
    // (a describe of 40,000 pods moves 40,000 findings).
    std::vector<std::uint32_t> first_of(incident.pods.size() + 1, 0);
    for (std::size_t p = 0; p < incident.pods.size(); ++p) {
        first_of[p + 1] = first_of[p] + static_cast<std::uint32_t>(per_pod[p].size());
    }
    out.findings.resize(first_of.back());
    out.by_container.resize(incident.pods.size());
    parallel_for((incident.pods.size() + k_pods_per_task - 1) / k_pods_per_task, jobs, [&](std::size_t task) {
        const std::size_t end = std::min(incident.pods.size(), (task + 1) * k_pods_per_task);
        for (std::size_t p = task * k_pods_per_task; p < end; ++p) {
            out.by_container[p].assign(incident.pods[p].containers.size(), k_none_index);
            std::uint32_t index = first_of[p];
            for (Finding& f : per_pod[p]) {
                out.by_container[p][f.subject.container] = index;
                out.findings[index++] = std::move(f);
            }
            std::vector<Finding>().swap(per_pod[p]);
        }
    });
    // The title names the worst diagnosis; ties keep report order, so the title is deterministic.
    int best = -1;
    for (std::uint32_t index = 0; index < out.findings.size(); ++index) {
        if (out.findings[index].rank > best) {
            best = out.findings[index].rank;
            out.headline = index;
        }
    }
    // The kernel's kills and boots that no container claims are findings about the node.
    for (Finding& f : kernel_node_findings(g, incident)) {
        const auto index = static_cast<std::uint32_t>(out.findings.size());
        if (f.rank > best) {
            best = f.rank;
            out.headline = index;
        }
        out.findings.push_back(std::move(f));
    }
    return out;
}

}  // namespace pm
