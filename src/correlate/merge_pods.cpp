#include "correlate/merge_pods.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "diagnose/event_evidence.hpp"

namespace pm {

namespace {

// Two captures of one termination print the same reason, code and times.
using TerminationKey = std::tuple<OptStr, OptInt, OptStr, OptStr>;

TerminationKey key_of(const Termination& t) {
    return {t.reason, t.exit_code, t.started, t.finished};
}

// Oldest first by finish time where both have one (RFC 3339 with offsets: compare as printed is only
// safe for equal offsets, so an unordered pair keeps its input order).
bool finished_before(const Termination& a, const Termination& b) {
    if (!a.finished || !b.finished || a.finished->size() != b.finished->size()) {
        return false;
    }
    return a.finished->substr(19) == b.finished->substr(19) && *a.finished < *b.finished;
}

// Folds later captures into the first one; every lookup is indexed, so 20,000 captures stay fast.
class PodMerger {
public:
    explicit PodMerger(Pod& into) : m_into(into) {
        for (size_t i = 0; i < into.containers.size(); ++i) {
            index(i);
        }
    }

    void add(Pod&& from) {
        for (auto& c : from.containers) {
            auto it = c.name ? m_by_name.find({*c.name, c.type}) : m_by_name.end();
            if (it == m_by_name.end()) {
                m_into.containers.push_back(std::move(c));
                index(m_into.containers.size() - 1);
            } else {
                merge_container(it->second, std::move(c));
            }
        }
        for (auto& e : from.events) {
            m_into.events.push_back(std::move(e));
        }
        m_into.node = m_into.node ? m_into.node : from.node;
        m_into.uid = m_into.uid ? m_into.uid : from.uid;
        if (from.status) {
            m_into.status = from.status;
            m_into.status_cite = from.status_cite;
        }
        if (from.reason) {
            m_into.reason = from.reason;
            m_into.reason_cite = from.reason_cite;
            m_into.message = from.message;
        }
    }

    void finish() {
        for (auto& c : m_into.containers) {
            std::stable_sort(c.terminations.begin(), c.terminations.end(), finished_before);
        }
    }

private:
    void index(size_t i) {
        Container& c = m_into.containers[i];
        if (!c.name) {
            return;
        }
        m_by_name.emplace(std::make_pair(*c.name, c.type), i);
        auto& known = m_known[i];
        for (const auto& t : c.terminations) {
            known.insert(key_of(t));
        }
    }

    void merge_container(size_t i, Container&& from) {
        Container& into = m_into.containers[i];
        auto& known = m_known[i];
        for (auto& t : from.terminations) {
            if (known.insert(key_of(t)).second) {
                into.terminations.push_back(std::move(t));
            }
        }
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

    Pod& m_into;
    std::map<std::pair<std::string, std::string>, size_t> m_by_name;  // (name, type) -> container
    std::map<size_t, std::set<TerminationKey>> m_known;
};

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
    merged.reserve(report.pods.size());  // mergers hold references into it: it must never reallocate
    std::map<std::pair<std::string, std::string>, size_t> by_name;
    std::map<size_t, PodMerger> mergers;
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
            continue;
        }
        auto m = mergers.find(it->second);
        if (m == mergers.end()) {
            m = mergers.emplace(it->second, PodMerger(merged[it->second])).first;
        }
        m->second.add(std::move(pod));
    }
    for (auto& [index, merger] : mergers) {
        merger.finish();
    }
    for (auto& pod : merged) {
        add_containers_named_by_events(pod);
    }
    report.pods = std::move(merged);
}

}  // namespace pm
