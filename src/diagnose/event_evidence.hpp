// Weighs the pod's events (probe kills, evictions, sandbox changes…) with the grammar's event rules.
#pragma once

#include <string_view>
#include <unordered_map>
#include <vector>

#include "diagnose/reading.hpp"

namespace pm {

// What every container of one pod shares about its events, worked out once per pod so that
// weighing them costs O(events + containers), not their product.
class PodEvents {
public:
    PodEvents(const Grammar& g, const Incident& incident, const Pod& pod);

    // Applies every matching event rule to the reading; events about other containers are skipped.
    void weigh(const Grammar& g, const Container& c, Reading& r) const;

    // How many events were kept for weighing (tests: repeats of one kind are not).
    std::size_t kept() const { return m_facts.size(); }

private:
    struct RuleMatch {
        const EventRule* rule = nullptr;
        std::optional<std::string_view> container;  // the rule's (?P<container>) capture, when not empty
    };
    struct Facts {
        const Event* event = nullptr;
        std::optional<std::string_view> about;
        std::vector<RuleMatch> matches;
        const RuntimeError* error = nullptr;  // the runtime error the event carries
    };

    // A runtime error an event carries, for a container that could not start (its own, or the sandbox's).
    void weigh_error(const Grammar& g, const Facts& f, Reading& r) const;
    // A liveness kill's summary: how long after the Killing closest before the end the container ended.
    void note_kill_delay(const Container& c, const std::vector<std::size_t>& order, Reading& r) const;

    const Pod& m_pod;
    std::size_t m_start_failures = 0;
    std::vector<Facts> m_facts;
    // Events worth reading, in event order: at most a few of each kind per container they name (and
    // for those that name none), since later copies of one kind can add neither rank nor evidence.
    std::unordered_map<std::string_view, std::vector<std::size_t>> m_by_container;
    std::vector<std::size_t> m_unnamed;
    std::vector<std::size_t> m_all;  // for a container with no name: every kept event
};

}  // namespace pm
