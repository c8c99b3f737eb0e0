#include "correlate/runtime_errors.hpp"

#include <map>

#include "oci/classify.hpp"

namespace pm {

namespace {

class Collector {
public:
    Collector(const Grammar& g, Report& report) : m_grammar(g), m_report(report) {
        for (size_t i = 0; i < report.runtime_errors.size(); ++i) {
            m_by_source.emplace(report.runtime_errors[i].source, i);
        }
    }

    // Returns the chain for a message at `source` ([] when it is not a nested runtime error).
    std::vector<std::string> chain_for(const std::optional<std::string>& message, const std::string& source) {
        if (!message || !looks_like_runtime_error(*message)) {
            return {};
        }
        auto it = m_by_source.find(source);
        if (it == m_by_source.end()) {
            m_report.runtime_errors.push_back(analyse_runtime_error(m_grammar, *message, source));
            it = m_by_source.emplace(source, m_report.runtime_errors.size() - 1).first;
        }
        const auto& error = m_report.runtime_errors[it->second];
        return error.chain.size() > 1 ? error.chain : std::vector<std::string>{};
    }

private:
    const Grammar& m_grammar;
    Report& m_report;
    std::map<std::string, size_t> m_by_source;
};

}  // namespace

void attach_runtime_errors(const Grammar& g, Report& report) {
    Collector collector(g, report);
    for (auto& pod : report.pods) {
        for (auto& container : pod.containers) {
            auto fill = [&](Termination& t) {
                t.message_chain = collector.chain_for(t.message, message_source(t.cites, t.source));
            };
            if (container.last_termination) {
                fill(*container.last_termination);
            }
            if (container.state.as_termination) {
                fill(*container.state.as_termination);
            } else if (container.state.message) {
                // A Waiting message (RunContainerError, CreateContainerError) carries the raw gRPC error.
                collector.chain_for(container.state.message,
                                    message_source(container.state.cites, container.state.source));
            }
            for (auto& t : container.terminations) {
                fill(t);
            }
        }
        for (auto& event : pod.events) {
            event.message_chain = collector.chain_for(event.message, event.source);
        }
    }
}

std::string message_source(const std::vector<Evidence>& cites, const std::string& record) {
    for (const auto& c : cites) {
        if (c.text.rfind("Message:", 0) == 0) {
            return c.source;
        }
    }
    return record;
}

RuntimeErrorIndex::RuntimeErrorIndex(const Report& report) {
    for (const auto& error : report.runtime_errors) {
        m_by_source.emplace(error.source, &error);  // the first one at a source wins, as when they were made
    }
}

const RuntimeError* RuntimeErrorIndex::at(const std::string& source) const {
    auto it = m_by_source.find(source);
    return it == m_by_source.end() ? nullptr : it->second;
}

}  // namespace pm
