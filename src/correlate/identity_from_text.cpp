#include "correlate/identity_from_text.hpp"

#include <algorithm>
#include <vector>

#include "evidence/identity_hints.hpp"

namespace pm {

namespace {

void add_text(IdentityHints& hints, OptText text) {
    if (text && !text->empty()) {
        hints.fill_from(find_identity_hints(*text));
    }
}

void add_runtime_error(IdentityHints& hints, const Incident& incident, std::uint32_t index) {
    if (index != k_none_index && index < incident.runtime_errors.size()) {
        add_text(hints, incident.runtime_errors[index].message);
    }
}

// What the container's own messages say.
IdentityHints container_hints(const Incident& incident, const Container& c) {
    IdentityHints hints;
    for (const Termination& t : c.terminations) {
        add_text(hints, t.message);
        add_runtime_error(hints, incident, t.runtime_error);
    }
    add_text(hints, c.state.message);
    add_runtime_error(hints, incident, c.state.runtime_error);
    return hints;
}

void set_if_missing(Incident& incident, OptText& slot, const std::optional<std::string>& value) {
    if (!slot && value) {
        slot = incident.keep(*value);
    }
}

}  // namespace

void name_from_text(Incident& incident) {
    for (Pod& pod : incident.pods) {
        const bool wants = !pod.name || !pod.uid || !pod.namespace_ ||
                           std::any_of(pod.containers.begin(), pod.containers.end(),
                                       [](const Container& c) { return !c.name; });
        if (!wants) {
            continue;
        }
        IdentityHints pod_hints;
        add_runtime_error(pod_hints, incident, pod.lone_error);
        add_text(pod_hints, pod.message);
        for (const Event& e : pod.events) {
            add_text(pod_hints, e.message);
            add_text(pod_hints, e.object);
        }
        std::vector<IdentityHints> own;
        for (const Container& c : pod.containers) {
            own.push_back(container_hints(incident, c));
            pod_hints.fill_from(own.back());
        }
        // A pod's name and namespace come together, or not at all: half a key would join wrong pods.
        if (!pod.name && !pod.namespace_ && pod_hints.pod && pod_hints.namespace_) {
            set_if_missing(incident, pod.name, pod_hints.pod);
            set_if_missing(incident, pod.namespace_, pod_hints.namespace_);
        }
        set_if_missing(incident, pod.uid, pod_hints.pod_uid);
        for (std::size_t k = 0; k < pod.containers.size(); ++k) {
            Container& c = pod.containers[k];
            if (c.name) {
                continue;
            }
            // Its own messages first; the pod's only when there is no other container to mean.
            if (own[k].container) {
                c.name = incident.keep(*own[k].container);
            } else if (pod.containers.size() == 1 && pod_hints.container) {
                c.name = incident.keep(*pod_hints.container);
            }
        }
    }
}

}  // namespace pm
