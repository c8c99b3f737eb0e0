#include "diagnose/event_evidence.hpp"

#include <algorithm>
#include <iterator>

#include "diagnose/kill_delay.hpp"
#include "diagnose/probe_target.hpp"
#include "diagnose/termination_reading.hpp"

namespace pm {

namespace {

constexpr size_t k_max_event_evidence = 4;  // per cause: a few rows make the point

Text event_line(const Event& e) {
    // An event rebuilt without its row (from JSON, say) is quoted by its message.
    return e.row_text.empty() ? e.message : e.row_text;
}

}  // namespace

namespace {

// Containers whose state says the runtime could not start them (StartError, RunContainerError, …).
size_t start_failures(const Grammar& g, const Pod& pod) {
    size_t count = 0;
    for (const auto& c : pod.containers) {
        const OptText& reason = c.last() != nullptr ? c.last()->reason : c.state.reason;
        const OptText& now = c.state.reason;
        bool failed = false;
        for (const OptText* r : {&reason, &now}) {
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
    const ProbeTarget knocked = probe_message_target(e.message);
    for (const auto& p : c.probes) {
        if (p.kind != "liveness" && p.kind != "startup") {
            continue;
        }
        bool is_http = p.spec.starts_with("http-get");
        bool is_grpc = p.spec.starts_with("grpc");
        bool same_kind = (http && is_http) || (grpc && is_grpc) || (!http && !grpc && !is_http && !is_grpc);
        // Two HTTP probes are told apart by the port and path the failure quotes.
        if (same_kind && targets_agree(probe_spec_target(p.spec), knocked)) {
            return true;
        }
    }
    return false;
}

// Events of one kind beyond this many add nothing: evidence per cause is capped lower.
constexpr size_t k_kept_per_kind = 2 * k_max_event_evidence;

// Two events are of one kind when every container would read them alike.
std::string kind_key(const std::optional<std::string_view>& about, const std::vector<std::string>& rule_ids,
                     const RuntimeError* error, const Event& e) {
    std::string key(about.value_or(""));
    key += '\x1f';
    for (const auto& id : rule_ids) {
        key += id;
        key += ',';
    }
    key += '\x1f';
    if (error != nullptr) {
        key += error->rule;
        key += '/';
        key += error->cause;
    }
    key += '\x1f';
    // Probe kinds decide which container an unnamed probe failure fits.
    key += e.message.find("HTTP probe") != std::string::npos ? 'h' : '-';
    key += e.message.find("rpc error") != std::string::npos ? 'g' : '-';
    return key;
}

}  // namespace

PodEvents::PodEvents(const Grammar& g, const Incident& incident, const Pod& pod)
    : m_pod(pod), m_start_failures(start_failures(g, pod)) {
    std::unordered_map<std::string, size_t> kept_of_kind;
    m_facts.reserve(pod.events.size());
    for (const auto& e : pod.events) {
        Facts f;
        f.event = &e;
        f.about = e.container;
        // Only an unwrapped chain is an error to weigh; a plain message that merely looked like one is not.
        if (e.runtime_error != k_none_index && incident.runtime_errors[e.runtime_error].chain.size() > 1) {
            f.error = &incident.runtime_errors[e.runtime_error];
        }
        std::vector<std::string> rule_ids;
        for (const auto& rule : g.event_rules) {
            if (!e.reason || !RE2::FullMatch(re2::StringPiece(e.reason->data(), e.reason->size()), rule.reason.get())) {
                continue;
            }
            // One match, capturing the (?P<container>) group when the rule has one.
            const RE2& pattern = rule.pattern.get();
            const auto& groups = pattern.NamedCapturingGroups();  // RE2 keeps it: no copy
            std::vector<re2::StringPiece> parts(pattern.NumberOfCapturingGroups() + 1);
            if (!pattern.Match(re2::StringPiece(e.message.data(), e.message.size()), 0, e.message.size(),
                               RE2::UNANCHORED, parts.data(), static_cast<int>(parts.size()))) {
                continue;
            }
            RuleMatch match{&rule, std::nullopt};
            if (auto named = groups.find("container"); named != groups.end() && !parts[named->second].empty()) {
                match.container = std::string_view(parts[named->second].data(), parts[named->second].size());
            }
            rule_ids.push_back(rule.id + ":" + std::string(match.container.value_or("")));
            f.matches.push_back(match);
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
    r.events_saved = r.events_saved || !m_pod.events.empty();
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
        weigh_error(g, f, r);
        for (const auto& match : f.matches) {
            const EventRule& rule = *match.rule;
            if (match.container && c.name && *match.container != *c.name) {
                continue;
            }
            r.matched_event_rules.push_back(rule.id);
            Candidate* existing = find_candidate(r, rule.cause);
            if (rule.effect == EventEffect::confirms) {
                // Beside a cause the runtime itself reported, an event (e.g. an earlier probe kill) only contributes.
                bool reported = std::any_of(r.candidates.begin(), r.candidates.end(), [&](const Candidate& k) {
                    return k.rank >= 4 && k.cause != rule.cause;
                });
                existing = &ensure_candidate(r, rule.cause, reported ? 2 : 3);
                if (existing->decisive.empty()) {
                    existing->decisive.push_back({e.at, event_line(e)});
                }
            } else if (rule.effect == EventEffect::supports && existing != nullptr) {
                existing->rank = std::max(existing->rank, 2);  // support alone never makes a cause certain
            }
            if (existing != nullptr && existing->evidence.size() < k_max_event_evidence) {
                existing->evidence.push_back({e.at, event_line(e)});
                if (existing->why.empty()) {
                    existing->why = rule.explain;
                }
            }
            // What this event explains away drops below it, unless the runtime itself reported it.
            if (existing != nullptr) {
                for (const std::string& other : rule.outranks) {
                    Candidate* rival = find_candidate(r, other);
                    if (rival != nullptr && rival->rank < k_reported_rank && rival->rank >= existing->rank) {
                        rival->rank = std::max(1, existing->rank - 1);
                        rival->why = "Less likely: " + rule.explain;
                    }
                }
            }
        }
    }
    note_kill_delay(c, order, r);
}

void PodEvents::weigh_error(const Grammar& g, const Facts& f, Reading& r) const {
    if (f.error == nullptr) {
        return;
    }
    const Event& e = *f.event;
    bool start_failure = find_candidate(r, "oci-start-error") != nullptr;
    bool sandbox = e.reason && *e.reason == "FailedCreatePodSandBox";
    bool ours = f.about.has_value() || sandbox || (m_start_failures <= 1 && r.runtime_rule == nullptr);
    if (start_failure && ours) {
        apply_runtime_error(g, *f.error, r);
    }
}

void PodEvents::note_kill_delay(const Container& c, const std::vector<size_t>& order, Reading& r) const {
    const Termination* ended = c.latest();
    Candidate* probe = find_candidate(r, "liveness-probe-kill");
    if (ended == nullptr || probe == nullptr) {
        return;
    }
    std::optional<long long> closest;  // the Killing closest before the end, when both are clock times
    for (size_t index : order) {
        const Facts& f = m_facts[index];
        for (const auto& match : f.matches) {
            const bool kill = match.rule->cause == "liveness-probe-kill" && match.rule->effect == EventEffect::confirms;
            if (!kill || (match.container && c.name && *match.container != *c.name)) {
                continue;
            }
            if (auto delay = seconds_from_kill_to_end(*f.event, *ended); delay && (!closest || *delay < *closest)) {
                closest = delay;
            }
        }
    }
    if (closest) {
        probe->clues.push_back(kill_delay_sentence(*closest, *ended));
    }
}

}  // namespace pm
