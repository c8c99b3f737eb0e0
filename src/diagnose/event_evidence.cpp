#include "diagnose/event_evidence.hpp"

#include <algorithm>
#include <iterator>

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

namespace {

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

// Events of one kind beyond this many add nothing: evidence per cause is capped lower.
constexpr size_t k_kept_per_kind = 2 * k_max_event_evidence;

// Two events are of one kind when every container would read them alike.
std::string kind_key(const std::optional<std::string>& about, const std::vector<std::string>& rule_ids,
                     const RuntimeError* error, const Event& e) {
    std::string key = about.value_or("") + '\x1f';
    for (const auto& id : rule_ids) {
        key += id;
        key += ',';
    }
    key += '\x1f';
    if (error != nullptr) {
        key += error->rule + '/' + error->cause;
    }
    key += '\x1f';
    // Probe kinds decide which container an unnamed probe failure fits.
    key += e.message.find("HTTP probe") != std::string::npos ? 'h' : '-';
    key += e.message.find("rpc error") != std::string::npos ? 'g' : '-';
    return key;
}

}  // namespace

PodEvents::PodEvents(const Grammar& g, const RuntimeErrorIndex& errors, const Pod& pod)
    : m_pod(pod), m_start_failures(start_failures(g, pod)) {
    std::unordered_map<std::string, size_t> kept_of_kind;
    m_facts.reserve(pod.events.size());
    for (const auto& e : pod.events) {
        Facts f;
        f.event = &e;
        f.about = event_container(e);
        if (!e.message_chain.empty()) {
            f.error = errors.at(e.source);
        }
        std::vector<std::string> rule_ids;
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
            RuleMatch match{&rule, std::nullopt};
            if (auto named = groups.find("container"); named != groups.end() && !parts[named->second].empty()) {
                match.container = std::string(parts[named->second].data(), parts[named->second].size());
            }
            rule_ids.push_back(rule.id + ":" + match.container.value_or(""));
            f.matches.push_back(std::move(match));
        }
        if (f.matches.empty() && f.error == nullptr) {
            continue;  // nothing any container could read from it
        }
        size_t& kept = kept_of_kind[kind_key(f.about, rule_ids, f.error, e)];
        if (kept >= k_kept_per_kind) {
            continue;
        }
        ++kept;
        const size_t index = m_facts.size();
        if (f.about) {
            m_by_container[*f.about].push_back(index);
        } else {
            m_unnamed.push_back(index);
        }
        m_all.push_back(index);
        m_facts.push_back(std::move(f));
    }
}

void PodEvents::weigh(const Grammar& g, const Container& c, Reading& r) const {
    // This container's events and the unnamed ones, merged back into event order.
    std::vector<size_t> order;
    if (!c.name) {
        order = m_all;
    } else {
        auto own = m_by_container.find(*c.name);
        const std::vector<size_t> none;
        const std::vector<size_t>& mine = own == m_by_container.end() ? none : own->second;
        order.reserve(mine.size() + m_unnamed.size());
        std::merge(mine.begin(), mine.end(), m_unnamed.begin(), m_unnamed.end(), std::back_inserter(order));
    }
    for (size_t index : order) {
        const Facts& f = m_facts[index];
        const Event& e = *f.event;
        if (!f.about && e.reason && *e.reason == "Unhealthy" && !probe_event_fits(m_pod, c, e)) {
            continue;
        }
        // A runtime error in an event explains a container that could not start: the one it names, the
        // pod's only start failure, or - a sandbox failure - every container. A container whose own
        // termination message was classified keeps it over an event that names nobody.
        if (f.error != nullptr) {
            bool start_failure = find_candidate(r, "oci-start-error") != nullptr;
            bool sandbox = e.reason && *e.reason == "FailedCreatePodSandBox";
            bool ours = f.about.has_value() || sandbox || (m_start_failures <= 1 && r.runtime_rule == nullptr);
            if (start_failure && ours) {
                apply_runtime_error(g, *f.error, r);
            }
        }
        for (const auto& match : f.matches) {
            const EventRule& rule = *match.rule;
            if (match.container && c.name && *match.container != *c.name) {
                continue;
            }
            Candidate* existing = find_candidate(r, rule.cause);
            if (rule.effect == "confirms") {
                // Beside a cause the runtime itself reported, an event (e.g. an earlier probe kill) only contributes.
                bool reported = std::any_of(r.candidates.begin(), r.candidates.end(), [&](const Candidate& k) {
                    return k.rank >= 4 && k.cause != rule.cause;
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
