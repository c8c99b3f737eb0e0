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
            const std::size_t index = list_runtime_error(m_report, analyse_runtime_error(m_grammar, *message, source));
            it = m_by_source.emplace(source, index).first;
        }
        const auto& error = m_report.runtime_errors[it->second];
        return error.chain.size() > 1 ? error.chain : std::vector<std::string>{};
    }

private:
    const Grammar& m_grammar;
    Report& m_report;
    std::map<std::string, size_t> m_by_source;
};

// The key two copies of one error share: the chain as unwrapped (the envelope's time stamps are
// peeled off), or the message when nothing was unwrapped.
std::string repeat_key(const RuntimeError& e) {
    if (e.chain.empty()) {
        return e.message;
    }
    std::string key;
    for (const auto& layer : e.chain) {
        key += layer;
        key += '\x1f';
    }
    return key;
}

}  // namespace

std::size_t list_runtime_error(Report& report, RuntimeError error, bool* listed) {
    auto [it, fresh] = report.runtime_error_repeats.try_emplace(repeat_key(error));
    RepeatCount& count = it->second;
    if (!fresh && count.listed >= k_max_identical_runtime_errors) {
        ++report.runtime_errors[count.first].occurrences;
        ++report.runtime_errors_counted;
        if (listed != nullptr) {
            *listed = false;
        }
        return count.first;
    }
    if (fresh) {
        count.first = report.runtime_errors.size();
    } else {
        ++report.runtime_errors[count.first].occurrences;
    }
    ++count.listed;
    report.runtime_errors.push_back(std::move(error));
    if (listed != nullptr) {
        *listed = true;
    }
    return report.runtime_errors.size() - 1;
}

void warn_counted_runtime_errors(Report& report) {
    if (report.runtime_errors_counted == 0) {
        return;
    }
    report.warnings.push_back(
        {"", std::to_string(report.runtime_errors_counted) +
                 " runtime errors identical to ones already listed were counted, not listed: podmortem lists at most " +
                 std::to_string(k_max_identical_runtime_errors) +
                 " copies of each error, and the first copy's `occurrences` gives the total"});
}

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
