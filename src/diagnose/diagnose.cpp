#include "diagnose/diagnose.hpp"

#include "diagnose/event_evidence.hpp"
#include "diagnose/finding_text.hpp"
#include "diagnose/termination_reading.hpp"

namespace pm {

namespace {

// The most recent termination: a terminated current state, else the Last State.
const Termination* latest_termination(const Container& c) {
    if (c.state.as_termination) {
        return &*c.state.as_termination;
    }
    if (c.last_termination) {
        return &*c.last_termination;
    }
    return c.terminations.empty() ? nullptr : &c.terminations.back();
}

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
        Candidate& c = ensure_candidate(r, cw.cause, rank_of(cw.confidence) == 3 ? 4 : rank_of(cw.confidence));
        if (pod.reason_cite) {
            c.evidence.push_back(*pod.reason_cite);
        }
    }
}

bool has_sandbox_failure(const Pod& pod) {
    for (const auto& e : pod.events) {
        if (e.reason && *e.reason == "FailedCreatePodSandBox" && !e.message_chain.empty()) {
            return true;
        }
    }
    return false;
}

}  // namespace

void diagnose_report(const Grammar& g, Report& report) {
    const RuntimeErrorIndex errors(report);  // report.runtime_errors does not change below
    for (auto& pod : report.pods) {
        const PodEvents events(g, errors, pod);  // once per pod: weighing is linear in events + containers
        for (auto& c : pod.containers) {
            const Termination* t = latest_termination(c);
            Reading r;
            if (t != nullptr) {
                r = read_termination(g, errors, pod, c, *t);
            } else if (c.state.status == "waiting" && c.state.reason && g.reason(*c.state.reason) != nullptr &&
                       !g.reason(*c.state.reason)->causes.empty()) {
                r = read_waiting(g, c, c.state);
            } else if (c.state.status == "waiting" && c.state.reason && *c.state.reason == "CrashLoopBackOff") {
                r = read_waiting(g, c, c.state);  // crashing, but the saved text lost the termination
            } else if (c.state.status == "waiting" && has_sandbox_failure(pod)) {
                r = read_waiting(g, c, c.state);  // ContainerCreating behind a sandbox that cannot start
                ensure_candidate(r, "oci-start-error", 1);
                r.never_ran = true;
            } else if (c.state.status == "unknown" && !pod.events.empty()) {
                r = read_waiting(g, c, c.state);  // known only from events: they alone may tell
                ensure_candidate(r, "oci-start-error", 1);
            } else {
                continue;  // running or starting, never terminated: nothing to explain
            }
            weigh_pod_reason(g, pod, r);
            events.weigh(g, c, r);
            c.diagnosis = build_finding(g, &pod, &c, r);
            report.findings.push_back(*c.diagnosis);
        }
    }
}

Finding diagnose_lone_runtime_error(const Grammar& g, const RuntimeError& error) {
    Reading r;
    // Whole: the writers redact first and cut after, so no secret is split by the cut.
    r.evidence.push_back({error.source, error.message});
    ensure_candidate(r, "oci-start-error", 2);
    apply_runtime_error(g, error, r);
    return build_finding(g, nullptr, nullptr, r);
}

}  // namespace pm
