#include "correlate/merge_pods.hpp"

#include <map>
#include <tuple>

#include "diagnose/event_evidence.hpp"

namespace pm {

namespace {

// Two captures of one termination print the same reason, code and times.
bool same_termination(const Termination& a, const Termination& b) {
    return std::tie(a.reason, a.exit_code, a.started, a.finished) == std::tie(b.reason, b.exit_code, b.started, b.finished);
}

// Oldest first by finish time where both have one (RFC 3339 with offsets: compare as printed is only
// safe for equal offsets, so an unordered pair keeps its input order).
bool finished_before(const Termination& a, const Termination& b) {
    if (!a.finished || !b.finished || a.finished->size() != b.finished->size()) {
        return false;
    }
    return a.finished->substr(19) == b.finished->substr(19) && *a.finished < *b.finished;
}

void merge_container(Container& into, Container&& from) {
    for (auto& t : from.terminations) {
        bool known = false;
        for (const auto& have : into.terminations) {
            known = known || same_termination(have, t);
        }
        if (!known) {
            into.terminations.push_back(std::move(t));
        }
    }
    std::stable_sort(into.terminations.begin(), into.terminations.end(), finished_before);
    // The later capture (more restarts) holds the current state and the newest Last State.
    if (from.restart_count.value_or(-1) >= into.restart_count.value_or(-1)) {
        into.restart_count = from.restart_count;
        into.restart_cite = from.restart_cite;
        into.state = std::move(from.state);
        into.last_termination = std::move(from.last_termination);
        into.ready = from.ready;
        into.container_id = from.container_id ? from.container_id : into.container_id;
    }
    if (!into.spec_complete && from.spec_complete) {
        into.limits = std::move(from.limits);
        into.requests = std::move(from.requests);
        into.memory_limit_cite = std::move(from.memory_limit_cite);
        into.probes = std::move(from.probes);
        into.mounts = std::move(from.mounts);
        into.environment = std::move(from.environment);
        into.spec_complete = true;
    }
    into.image = into.image ? into.image : from.image;
}

void merge_pod(Pod& into, Pod&& from) {
    for (auto& c : from.containers) {
        Container* same = nullptr;
        for (auto& have : into.containers) {
            if (have.name && c.name && *have.name == *c.name && have.type == c.type) {
                same = &have;
            }
        }
        if (same != nullptr) {
            merge_container(*same, std::move(c));
        } else {
            into.containers.push_back(std::move(c));
        }
    }
    for (auto& e : from.events) {
        into.events.push_back(std::move(e));
    }
    into.node = into.node ? into.node : from.node;
    into.uid = into.uid ? into.uid : from.uid;
    if (from.status) {
        into.status = from.status;
        into.status_cite = from.status_cite;
    }
    if (from.reason) {
        into.reason = from.reason;
        into.reason_cite = from.reason_cite;
        into.message = from.message;
    }
}

// A pod known only from its events (a saved Events table) gets the containers they name, so the
// evidence they carry reaches a diagnosis.
void add_containers_named_by_events(Pod& pod) {
    if (!pod.containers.empty()) {
        return;
    }
    std::map<std::string, bool> named;
    bool anonymous_runtime_error = false;
    for (const auto& e : pod.events) {
        if (auto name = event_container(e)) {
            if (named.emplace(*name, true).second) {
                Container c;
                c.name = *name;
                c.source = e.source;
                pod.containers.push_back(std::move(c));
            }
        } else if (!e.message_chain.empty()) {
            anonymous_runtime_error = true;
        }
    }
    if (pod.containers.empty() && anonymous_runtime_error) {
        Container c;
        c.source = pod.source;
        pod.containers.push_back(std::move(c));
    }
}

}  // namespace

void merge_pods(Report& report) {
    std::vector<Pod> merged;
    std::map<std::pair<std::string, std::string>, size_t> by_name;
    for (auto& pod : report.pods) {
        if (!pod.name) {
            merged.push_back(std::move(pod));
            continue;
        }
        auto key = std::make_pair(pod.namespace_.value_or("default"), *pod.name);
        auto it = by_name.find(key);
        if (it == by_name.end()) {
            by_name.emplace(key, merged.size());
            merged.push_back(std::move(pod));
        } else {
            merge_pod(merged[it->second], std::move(pod));
        }
    }
    for (auto& pod : merged) {
        add_containers_named_by_events(pod);
    }
    report.pods = std::move(merged);
}

}  // namespace pm
