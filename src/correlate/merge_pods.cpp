#include "correlate/merge_pods.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "evidence/keys.hpp"

namespace pm {

namespace {

using TimeKey = std::optional<std::tuple<int, std::int64_t, std::uint32_t>>;

TimeKey time_key(const OptTime& t) {
    if (!t) {
        return std::nullopt;
    }
    return std::make_tuple(static_cast<int>(t->basis), t->seconds, t->nanos);
}

// Two captures of one termination print the same reason, code and times.
using TerminationKey = std::tuple<OptText, OptInt, TimeKey, TimeKey>;

TerminationKey key_of(const Termination& t) {
    return {t.reason, t.exit_code, time_key(t.started), time_key(t.finished)};
}

// Oldest first by finish time, when every termination has one on a common clock; otherwise the
// order the inputs gave stands (a partial order cannot sort).
void order_terminations(Container& c) {
    if (c.terminations.size() < 2) {
        return;
    }
    for (const auto& t : c.terminations) {
        if (!t.finished || compare_times(*t.finished, *c.terminations.front().finished) ==
                               std::partial_ordering::unordered) {
            return;
        }
    }
    // Keys with a flag rather than optionals: GCC 12 warns falsely about optional<tuple> here.
    const bool has_state = c.state.termination != k_none_index;
    const bool has_last = c.last_termination != k_none_index;
    const TerminationKey state_key = has_state ? key_of(c.terminations[c.state.termination]) : TerminationKey{};
    const TerminationKey last_key = has_last ? key_of(c.terminations[c.last_termination]) : TerminationKey{};
    std::stable_sort(c.terminations.begin(), c.terminations.end(), [](const Termination& a, const Termination& b) {
        return compare_times(*a.finished, *b.finished) == std::partial_ordering::less;
    });
    // The indices follow their records.
    for (std::uint32_t i = 0; i < c.terminations.size(); ++i) {
        const TerminationKey key = key_of(c.terminations[i]);
        if (has_state && key == state_key) {
            c.state.termination = i;
        }
        if (has_last && key == last_key) {
            c.last_termination = i;
        }
    }
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
            auto it = c.name ? m_by_key.find({*c.name, c.type}) : m_by_key.end();
            if (it == m_by_key.end()) {
                m_into.containers.push_back(std::move(c));
                index(m_into.containers.size() - 1);
            } else {
                merge_container(it->second, std::move(c));
            }
        }
        for (auto& e : from.events) {
            m_into.events.push_back(e);
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
            order_terminations(c);
        }
    }

private:
    void index(size_t i) {
        Container& c = m_into.containers[i];
        if (!c.name) {
            return;
        }
        m_by_key.emplace(ContainerKey{*c.name, c.type}, i);
        auto& known = m_known[i];
        for (std::uint32_t k = 0; k < c.terminations.size(); ++k) {
            known.emplace(key_of(c.terminations[k]), k);
        }
    }

    // The index in `into` of `from`'s termination `k`, appending it when it is new.
    std::uint32_t take_termination(Container& into, std::map<TerminationKey, std::uint32_t>& known, Termination&& t) {
        auto [it, fresh] = known.emplace(key_of(t), static_cast<std::uint32_t>(into.terminations.size()));
        if (fresh) {
            into.terminations.push_back(std::move(t));
        }
        return it->second;
    }

    void merge_container(size_t i, Container&& from) {
        Container& into = m_into.containers[i];
        auto& known = m_known[i];
        std::vector<std::uint32_t> where(from.terminations.size());
        for (std::uint32_t k = 0; k < from.terminations.size(); ++k) {
            where[k] = take_termination(into, known, std::move(from.terminations[k]));
        }
        // The later capture (more restarts) holds the current state and the newest Last State.
        if (from.restart_count.value_or(-1) >= into.restart_count.value_or(-1)) {
            into.restart_count = from.restart_count;
            into.restart_cite = from.restart_cite;
            into.state = std::move(from.state);
            if (into.state.termination != k_none_index) {
                into.state.termination = where[into.state.termination];
            }
            into.last_termination = from.last_termination == k_none_index ? k_none_index : where[from.last_termination];
            into.ready = from.ready;
            into.container_id = from.container_id ? from.container_id : into.container_id;
        }
        if (!into.spec_complete && from.spec_complete) {
            into.limits = std::move(from.limits);
            into.requests = std::move(from.requests);
            into.memory_limit_cite = from.memory_limit_cite;
            into.probes = std::move(from.probes);
            into.mounts = std::move(from.mounts);
            into.environment = std::move(from.environment);
            into.spec_complete = true;
        }
        into.image = into.image ? into.image : from.image;
    }

    Pod& m_into;
    std::unordered_map<ContainerKey, size_t, ContainerKeyHash> m_by_key;
    std::map<size_t, std::map<TerminationKey, std::uint32_t>> m_known;
};

}  // namespace

namespace {

// A pod printed without its namespace (an event listing without -A) is the one pod of that name whose
// namespace another input gives; with two or more such namespaces it stays unplaced.
void place_unqualified_pods(Incident& incident) {
    if (std::none_of(incident.pods.begin(), incident.pods.end(),
                     [](const Pod& pod) { return pod.name && !pod.namespace_; })) {
        return;  // every named pod has its namespace (a describe always prints it)
    }
    std::unordered_map<std::string_view, std::optional<std::string_view>> namespace_of;  // nullopt: ambiguous
    for (const Pod& pod : incident.pods) {
        if (pod.name && pod.namespace_) {
            auto [it, fresh] = namespace_of.try_emplace(*pod.name, *pod.namespace_);
            if (!fresh && it->second && *it->second != *pod.namespace_) {
                it->second.reset();
            }
        }
    }
    for (Pod& pod : incident.pods) {
        if (pod.name && !pod.namespace_) {
            auto it = namespace_of.find(*pod.name);
            if (it != namespace_of.end() && it->second) {
                pod.namespace_ = *it->second;
            }
        }
    }
}

// Whether two named pods share a key: without that there is nothing to merge.
bool has_repeated_pods(const Incident& incident) {
    std::unordered_set<PodKey, PodKeyHash> seen;
    seen.reserve(incident.pods.size());
    for (const Pod& pod : incident.pods) {
        if (pod.name && !seen.insert(pod_key(pod)).second) {
            return true;
        }
    }
    return false;
}

}  // namespace

void drop_listed_copies(Incident& incident) {
    std::unordered_set<std::string_view> recorded;  // pods some input describes in full
    for (const Pod& pod : incident.pods) {
        if (!pod.listed_only && pod.name) {
            recorded.insert(*pod.name);
        }
    }
    if (recorded.empty()) {
        return;
    }
    // A listing without -A names no namespace: its row is the described pod of that name.
    std::erase_if(incident.pods, [&](const Pod& pod) { return pod.listed_only && pod.name && recorded.contains(*pod.name); });
}

void merge_pods(Incident& incident) {
    place_unqualified_pods(incident);
    if (!has_repeated_pods(incident)) {
        return;  // each pod captured once (the common case): the list stays as it is
    }
    std::vector<Pod> merged;
    merged.reserve(incident.pods.size());  // mergers hold references into it: it must never reallocate
    std::unordered_map<PodKey, size_t, PodKeyHash> by_key;
    by_key.reserve(incident.pods.size());
    std::map<size_t, PodMerger> mergers;
    for (auto& pod : incident.pods) {
        if (!pod.name) {
            merged.push_back(std::move(pod));
            continue;
        }
        const PodKey key = pod_key(pod);
        auto it = by_key.find(key);
        if (it == by_key.end()) {
            by_key.emplace(key, merged.size());
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
    incident.pods = std::move(merged);
}

}  // namespace pm
