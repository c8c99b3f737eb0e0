#include "oci/classify.hpp"

namespace pm {

namespace {

std::string join_layers(const UnwrappedError& unwrapped) {
    std::string out;
    for (const auto& layer : unwrapped.layers) {
        if (!out.empty()) {
            out += ": ";
        }
        out += layer;
    }
    // Hints the wrappers append after the chain (Docker's "Are you trying to mount…") classify too.
    for (const auto& note : unwrapped.notes) {
        out += "\n" + note;
    }
    return out;
}

}  // namespace

const RuntimeRule* match_runtime_rule(const Grammar& g, const UnwrappedError& unwrapped, std::string_view message) {
    std::string chain = unwrapped.layers.empty() ? std::string(message) : join_layers(unwrapped);
    const std::string& innermost = unwrapped.layers.empty() ? chain : unwrapped.innermost;
    for (const auto& rule : g.runtime_rules) {
        const std::string& subject = rule.scope == "innermost" ? innermost : chain;
        if (RE2::PartialMatch(subject, rule.pattern.get())) {
            return &rule;
        }
    }
    return nullptr;
}

RuntimeError analyse_runtime_error(const Grammar& g, Text message, Cite at, Incident& incident) {
    RuntimeError out;
    out.at = at;
    out.message = message;
    auto unwrapped = unwrap_runtime_error(message);
    out.chain.reserve(unwrapped.layers.size());
    for (const auto& layer : unwrapped.layers) {
        out.chain.push_back(incident.keep(layer));
    }
    out.innermost = unwrapped.layers.empty() ? message : out.chain.back();
    out.truncated = unwrapped.truncated;
    const RuntimeRule* rule = match_runtime_rule(g, unwrapped, message);
    if (rule != nullptr) {
        out.cause = rule->cause;
        out.rule = rule->id;
        out.explanation = rule->explain;
    } else if (unwrapped.layers.empty()) {
        out.cause = "unknown";
        out.explanation = "This does not read as a container runtime error: no wrapper layer podmortem knows was "
                          "found, so there is nothing to unwrap.";
    } else {
        out.cause = "oci-start-error";
        out.explanation = "The container runtime could not start the container; the innermost error above is "
                          "the runtime's own words.";
    }
    return out;
}

}  // namespace pm
