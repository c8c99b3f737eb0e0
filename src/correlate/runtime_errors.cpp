#include "correlate/runtime_errors.hpp"

#include <map>

#include "oci/classify.hpp"
#include "oci/unwrap.hpp"

namespace pm {

namespace {

class Collector {
public:
    Collector(const Grammar& g, Incident& incident) : m_grammar(g), m_incident(incident) {
        for (std::uint32_t i = 0; i < incident.runtime_errors.size(); ++i) {
            m_by_cite.emplace(incident.runtime_errors[i].at, i);  // a reader listed it already
        }
    }

    // The runtime error a message at `at` holds, or k_none_index when it holds none.
    std::uint32_t error_for(const OptText& message, Cite at) {
        if (!message || !looks_like_runtime_error(*message)) {
            return k_none_index;
        }
        auto it = m_by_cite.find(at);
        if (it == m_by_cite.end()) {
            const std::uint32_t index =
                m_incident.list_runtime_error(analyse_runtime_error(m_grammar, *message, at, m_incident));
            it = m_by_cite.emplace(at, index).first;
        }
        return it->second;
    }

private:
    const Grammar& m_grammar;
    Incident& m_incident;
    std::map<Cite, std::uint32_t> m_by_cite;
};

Cite message_cite(Cite message_at, Cite record) {
    return message_at.known() ? message_at : record;
}

}  // namespace

void attach_runtime_errors(const Grammar& g, Incident& incident) {
    Collector collector(g, incident);
    for (auto& pod : incident.pods) {
        for (auto& container : pod.containers) {
            for (auto& t : container.terminations) {
                t.runtime_error = collector.error_for(t.message, message_cite(t.message_at, t.at));
            }
            State& s = container.state;
            if (s.termination == k_none_index && s.message) {
                // A Waiting message (RunContainerError, CreateContainerError) carries the raw gRPC error.
                s.runtime_error = collector.error_for(s.message, message_cite(s.message_at, s.at));
            }
        }
        for (auto& event : pod.events) {
            event.runtime_error = collector.error_for(event.message, event.at);
        }
    }
}

void warn_counted_runtime_errors(Incident& incident) {
    if (incident.runtime_errors_counted() == 0) {
        return;
    }
    incident.warn_file("", 0,
                       std::to_string(incident.runtime_errors_counted()) +
                           " runtime errors identical to ones already listed were counted, not listed: podmortem "
                           "lists at most " +
                           std::to_string(k_max_identical_runtime_errors) +
                           " copies of each error, and the first copy's `occurrences` gives the total");
}

}  // namespace pm
