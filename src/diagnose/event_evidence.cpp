#include "diagnose/event_evidence.hpp"

#include <algorithm>

#include "correlate/runtime_errors.hpp"
#include "diagnose/termination_reading.hpp"

namespace pm {

namespace {

constexpr size_t k_max_event_evidence = 4;  // per cause: a few rows make the point

std::string event_line(const Event& e) {
    if (!e.row_text.empty()) {
        return e.row_text;
    }
    std::string text = e.reason.value_or("");  // an event rebuilt without its row: say what it held
    return text + ": " + e.message;
}

}  // namespace

std::optional<std::string> event_container(const Event& e) {
    static const RE2 object_path(R"(spec\.(?:initContainers|containers|ephemeralContainers)\{([^}]+)\})");
    // Only kubelet's own sentences name a container (formats.md §2.3); "container create failed" does not.
    static const RE2 in_message(
        R"(^(?:Back-off restarting failed container|Container|Stopping container|Created container:?|Started container) )"
        R"(([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)(?: in pod|$|,| failed| definition))");
    // Old kubelets' FailedSync: failed to "StartContainer" for "NAME" with RunContainerError: "…".
    static const RE2 failed_sync(R"re(^failed to "StartContainer" for "([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)")re");
    std::string name;
    if (RE2::PartialMatch(e.message, failed_sync, &name)) {
        return name;
    }
    if (e.object && RE2::PartialMatch(*e.object, object_path, &name)) {
        return name;
    }
    if (RE2::PartialMatch(e.message, object_path, &name)) {
        return name;
    }
    if (RE2::PartialMatch(e.message, in_message, &name)) {
        return name;
    }
    return std::nullopt;
}

// Containers whose state says the runtime could not start them (StartError, RunContainerError, …).
size_t start_failures(const Grammar& g, const Pod& pod) {
    size_t count = 0;
    for (const auto& c : pod.containers) {
        const OptStr& reason = c.last_termination ? c.last_termination->reason : c.state.reason;
        const OptStr& now = c.state.reason;
        bool failed = false;
        for (const OptStr* r : {&reason, &now}) {
            const ReasonRule* rule = *r ? g.reason(**r) : nullptr;
            failed = failed || (rule != nullptr && rule->classify_message);
        }
        count += failed ? 1 : 0;
    }
    return count;
}

// A probe failure that names no container fits only a container whose probe could have said it.
bool probe_event_fits(const Pod& pod, const Container& c, const Event& e) {
    if (pod.containers.size() < 2) {
        return true;
    }
    bool http = e.message.find("HTTP probe") != std::string::npos || e.message.find("Get \"http") != std::string::npos;
    bool grpc = e.message.find("rpc error") != std::string::npos || e.message.find("grpc") != std::string::npos;
    for (const auto& p : c.probes) {
        if (p.kind != "liveness" && p.kind != "startup") {
            continue;
        }
        bool is_http = p.spec.rfind("http-get", 0) == 0;
        bool is_grpc = p.spec.rfind("grpc", 0) == 0;
        if ((http && is_http) || (grpc && is_grpc) || (!http && !grpc && !is_http && !is_grpc)) {
            return true;
        }
    }
    return false;
}

void weigh_events(const Grammar& g, const RuntimeErrorIndex& errors, const Pod& pod, const Container& c, Reading& r) {
    for (const auto& e : pod.events) {
        auto about = event_container(e);
        if (about && c.name && *about != *c.name) {
            continue;
        }
        if (!about && e.reason && *e.reason == "Unhealthy" && !probe_event_fits(pod, c, e)) {
            continue;
        }
        // A runtime error in an event explains a container that could not start: the one it names, the
        // pod's only start failure, or - a sandbox failure - every container. A container whose own
        // termination message was classified keeps it over an event that names nobody.
        if (!e.message_chain.empty()) {
            const RuntimeError* error = errors.at(e.source);
            bool start_failure = find_candidate(r, "oci-start-error") != nullptr;
            bool sandbox = e.reason && *e.reason == "FailedCreatePodSandBox";
            bool ours = about.has_value() || sandbox || (start_failures(g, pod) <= 1 && r.runtime_rule == nullptr);
            if (error != nullptr && start_failure && ours) {
                apply_runtime_error(g, *error, r);
            }
        }
        for (const auto& rule : g.event_rules) {
            if (!e.reason || !RE2::FullMatch(*e.reason, *rule.reason)) {
                continue;
            }
            // One match, capturing the (?P<container>) group when the rule has one.
            const auto& groups = rule.pattern->NamedCapturingGroups();  // RE2 keeps it: no copy
            std::vector<re2::StringPiece> parts(rule.pattern->NumberOfCapturingGroups() + 1);
            if (!rule.pattern->Match(e.message, 0, e.message.size(), RE2::UNANCHORED, parts.data(),
                                     static_cast<int>(parts.size()))) {
                continue;
            }
            if (auto named = groups.find("container"); named != groups.end()) {
                re2::StringPiece who = parts[named->second];
                if (!who.empty() && c.name && std::string_view(who.data(), who.size()) != *c.name) {
                    continue;
                }
            }
            Candidate* existing = find_candidate(r, rule.cause);
            if (rule.effect == "confirms") {
                // Beside a cause the runtime itself reported, an event (e.g. an earlier probe kill) only contributes.
                bool reported = std::any_of(r.candidates.begin(), r.candidates.end(), [&](const Candidate& c) {
                    return c.rank >= 4 && c.cause != rule.cause;
                });
                existing = &ensure_candidate(r, rule.cause, reported ? 2 : 3);
            } else if (rule.effect == "supports" && existing != nullptr) {
                existing->rank = std::max(existing->rank, 2);  // support alone never makes a cause certain
            }
            if (existing != nullptr && existing->evidence.size() < k_max_event_evidence) {
                existing->evidence.push_back({e.source, event_line(e)});
                if (existing->why.empty()) {
                    existing->why = rule.explain;
                }
            }
        }
    }
}

}  // namespace pm
