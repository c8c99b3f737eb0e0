#include "base/vocabulary.hpp"

#include <array>

namespace pm {

namespace {

constexpr std::array<std::string_view, 19> k_causes = {
    "cgroup-oom",        "system-oom",     "liveness-probe-kill", "external-kill",     "app-error",
    "app-exit-normal",   "segfault",       "abort",               "node-reboot",       "memory-fragmentation",
    "configmap-subpath", "exec-not-found", "permission-denied",   "exec-format-error", "oci-start-error",
    "config-error",      "image-pull",     "evicted",             "unknown"};

constexpr std::array<std::string_view, 9> k_input_kinds = {"describe", "events",  "container-log", "kernel-log", "pod-json",
                                                           "pod-yaml", "bundle", "oci-message",   "unknown"};

constexpr std::array<std::string_view, 3> k_time_bases = {"wall-clock-with-offset", "wall-clock-no-offset", "uptime"};
constexpr std::array<std::string_view, 2> k_oom_scopes = {"memcg", "global"};

bool contains(std::span<const std::string_view> list, std::string_view value) {
    for (const std::string_view word : list) {
        if (word == value) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::span<const std::string_view> contract_causes() {
    return k_causes;
}

bool is_contract_cause(std::string_view cause) {
    return contains(k_causes, cause);
}

std::string_view confidence_name(Confidence c) {
    switch (c) {
    case Confidence::high:
        return "high";
    case Confidence::medium:
        return "medium";
    case Confidence::low:
        return "low";
    }
    return "low";
}

std::optional<Confidence> parse_confidence(std::string_view text) {
    if (text == "high") {
        return Confidence::high;
    }
    if (text == "medium") {
        return Confidence::medium;
    }
    if (text == "low") {
        return Confidence::low;
    }
    return std::nullopt;
}

std::span<const std::string_view> contract_input_kinds() {
    return k_input_kinds;
}

bool is_contract_input_kind(std::string_view kind) {
    return contains(k_input_kinds, kind);
}

std::string_view container_type_name(ContainerType t) {
    switch (t) {
    case ContainerType::init:
        return "init";
    case ContainerType::ephemeral:
        return "ephemeral";
    case ContainerType::app:
        return "app";
    }
    return "app";
}

std::string_view state_status_name(StateStatus s) {
    switch (s) {
    case StateStatus::running:
        return "running";
    case StateStatus::waiting:
        return "waiting";
    case StateStatus::terminated:
        return "terminated";
    case StateStatus::unknown:
        return "unknown";
    }
    return "unknown";
}

StateStatus state_status_from_describe(std::string_view word) {
    if (word == "Running") {
        return StateStatus::running;
    }
    if (word == "Waiting") {
        return StateStatus::waiting;
    }
    if (word == "Terminated") {
        return StateStatus::terminated;
    }
    return StateStatus::unknown;
}

std::span<const std::string_view> contract_time_bases() {
    return k_time_bases;
}

std::span<const std::string_view> contract_oom_scopes() {
    return k_oom_scopes;
}

std::optional<EventEffect> parse_event_effect(std::string_view text) {
    if (text == "confirms") {
        return EventEffect::confirms;
    }
    if (text == "supports") {
        return EventEffect::supports;
    }
    if (text == "seen") {
        return EventEffect::seen;
    }
    return std::nullopt;
}

std::string_view in_vocabulary(std::string_view value, std::span<const std::string_view> allowed,
                               std::string_view fallback) {
    return contains(allowed, value) ? value : fallback;
}

}  // namespace pm
