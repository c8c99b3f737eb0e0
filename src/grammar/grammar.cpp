#include "grammar/grammar.hpp"

#include <algorithm>

namespace pm {

const std::vector<std::string>& contract_causes() {
    static const std::vector<std::string> causes = {
        "cgroup-oom",  "system-oom",       "liveness-probe-kill", "external-kill",     "app-error",
        "app-exit-normal", "segfault",     "abort",               "node-reboot",       "memory-fragmentation",
        "configmap-subpath", "exec-not-found", "permission-denied", "exec-format-error", "oci-start-error",
        "config-error", "image-pull",      "evicted",             "unknown"};
    return causes;
}

bool is_contract_cause(const std::string& cause) {
    const auto& all = contract_causes();
    return std::find(all.begin(), all.end(), cause) != all.end();
}

bool is_confidence(const std::string& confidence) {
    return confidence == "high" || confidence == "medium" || confidence == "low";
}

int confidence_rank(const std::string& confidence) {
    if (confidence == "high") {
        return 3;
    }
    if (confidence == "medium") {
        return 2;
    }
    if (confidence == "low") {
        return 1;
    }
    return 0;
}

const ExitRule* Grammar::exit_rule(long long code) const {
    const ExitRule* best = nullptr;
    for (const auto& rule : exits) {
        if (code < rule.low || code > rule.high) {
            continue;
        }
        if (best == nullptr || rule.high - rule.low < best->high - best->low) {
            best = &rule;
        }
    }
    return best;
}

const SignalInfo* Grammar::signal(int number) const {
    auto it = signals.find(number);
    return it == signals.end() ? nullptr : &it->second;
}

const ReasonRule* Grammar::reason(const std::string& name) const {
    auto it = reasons.find(name);
    return it == reasons.end() ? nullptr : &it->second;
}

const CauseInfo* Grammar::cause(const std::string& name) const {
    auto it = causes.find(name);
    return it == causes.end() ? nullptr : &it->second;
}

}  // namespace pm
