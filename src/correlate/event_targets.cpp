#include "correlate/event_targets.hpp"

#include <re2/re2.h>

#include <unordered_set>

namespace pm {

namespace {

re2::StringPiece piece(std::string_view text) {
    return {text.data(), text.size()};
}

std::string_view view(const re2::StringPiece& p) {
    return {p.data(), p.size()};
}

// kubelet's eviction message names the container that used most above its request: "… Container api
// was using 1538392Ki, request is 512Mi, …" (or "…, which exceeds its request of 0.").
std::optional<std::string_view> container_over_request(std::string_view message) {
    constexpr std::string_view k_marker = "Container ";
    const std::size_t at = message.find(k_marker);
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    const std::size_t start = at + k_marker.size();
    const std::size_t end = message.find(' ', start);
    if (end == std::string_view::npos || message.substr(end).rfind(" was using", 0) != 0 || end == start) {
        return std::nullopt;
    }
    return message.substr(start, end - start);
}

// A pod known only from its events (a saved Events table) gets the containers they name, so the
// evidence they carry reaches a diagnosis.
void add_containers_named_by_events(Pod& pod) {
    if (!pod.containers.empty()) {
        return;
    }
    std::unordered_set<std::string_view> named;
    bool anonymous_evidence = false;
    std::optional<std::string_view> over_request;
    for (const auto& e : pod.events) {
        if (e.container) {
            if (named.insert(*e.container).second) {
                Container c;
                c.name = *e.container;
                c.at = e.at;
                pod.containers.push_back(std::move(c));
            }
        } else if (e.runtime_error != k_none_index || (e.type && *e.type == "Warning")) {
            anonymous_evidence = true;  // a failed pull, a missing secret, an eviction: about a container unnamed
            if (!over_request && e.reason && *e.reason == "Evicted") {
                over_request = container_over_request(e.message);
            }
        }
    }
    if (pod.containers.empty() && anonymous_evidence) {
        Container c;
        c.name = over_request;  // an eviction names the container above its request; otherwise unknown
        c.at = pod.at;
        pod.containers.push_back(std::move(c));
    }
}

}  // namespace

std::optional<std::string_view> event_container(const Event& e) {
    static const RE2 object_path(R"(spec\.(?:initContainers|containers|ephemeralContainers)\{([^}]+)\})");
    // Only kubelet's own sentences name a container (formats.md §2.3); "container create failed" does not.
    static const RE2 in_message(
        R"(^(?:Back-off restarting failed container|Container|Stopping container|Created container:?|Started container) )"
        R"(([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)(?: in pod|$|,| failed| definition))");
    // Old kubelets' FailedSync: failed to "StartContainer" for "NAME" with RunContainerError: "…".
    static const RE2 failed_sync(R"re(^failed to "StartContainer" for "([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)")re");
    // Every event of every pod comes here: a regex runs only where the literal (or, for the
    // anchored sentences, the first letter) it needs is present.
    const auto names_path = [](std::string_view text) { return text.find("ontainers{") != std::string_view::npos; };
    const std::string_view message = e.message;
    re2::StringPiece name;
    if (message.starts_with("failed to \"StartContainer\"") && RE2::PartialMatch(piece(message), failed_sync, &name)) {
        return view(name);
    }
    if (e.object && names_path(*e.object) && RE2::PartialMatch(piece(*e.object), object_path, &name)) {
        return view(name);
    }
    if (names_path(message) && RE2::PartialMatch(piece(message), object_path, &name)) {
        return view(name);
    }
    const char first = message.empty() ? '\0' : message.front();
    if ((first == 'B' || first == 'C' || first == 'S') && RE2::PartialMatch(piece(message), in_message, &name)) {
        return view(name);
    }
    return std::nullopt;
}

void attribute_events(Incident& incident) {
    for (auto& pod : incident.pods) {
        for (auto& e : pod.events) {
            e.container = event_container(e);
        }
        add_containers_named_by_events(pod);
    }
}

}  // namespace pm
