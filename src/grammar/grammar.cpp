#include "grammar/grammar.hpp"

#include <cstdint>

#include "base/exit_code.hpp"


namespace pm {

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

const NtStatusRule* Grammar::windows_status(long long printed) const {
    const std::optional<std::uint32_t> bits = windows_status_bits(printed);
    if (!bits) {
        return nullptr;
    }
    auto it = ntstatus.find(*bits);
    return it == ntstatus.end() ? nullptr : &it->second;
}

const ReasonRule* Grammar::reason(std::string_view name) const {
    auto it = reasons.find(name);
    return it == reasons.end() ? nullptr : &it->second;
}

const CauseInfo* Grammar::cause(std::string_view name) const {
    auto it = causes.find(name);
    return it == causes.end() ? nullptr : &it->second;
}

const RuntimeRule* Grammar::runtime_rule(std::string_view id) const {
    for (const auto& rule : runtime_rules) {
        if (rule.id == id) {
            return &rule;
        }
    }
    return nullptr;
}

const KernelRule* Grammar::kernel_rule(std::string_view event, std::string_view scope) const {
    for (const auto& rule : kernel_rules) {
        if (rule.event == event && (rule.scope.empty() || rule.scope == scope)) {
            return &rule;
        }
    }
    return nullptr;
}

}  // namespace pm
