// How pods as JSON and YAML are recognised (formats.md §8).
#include "readers/pod_objects/signatures.hpp"

#include <array>

#include "regions/line_shape.hpp"

namespace pm {

namespace {

using T = LineTest;

// kubectl get pod -o json
constexpr std::array k_pod_json_signatures = {
    Signature{T::contains, "\"kind\": \"Pod\"", nullptr, 8, 4, 1},
    Signature{T::contains, "\"kind\":\"Pod\"", nullptr, 8, 4, 1},
    Signature{T::contains, "\"kind\": \"PodList\"", nullptr, 8, 4, 1},
    Signature{T::contains, "\"kind\":\"PodList\"", nullptr, 8, 4, 1},
    Signature{T::contains, "\"containerStatuses\":", nullptr, 6, 4, 1},
    // Fragments: a status's state blocks cut out of a pod (formats.md §8).
    Signature{T::prefix, "\"terminated\": {", nullptr, 6, 4, 1},
    Signature{T::prefix, "\"lastState\": {", nullptr, 6, 4, 1},
    Signature{T::prefix, "\"exitCode\": ", nullptr, 4, 4, 1},
    Signature{T::contains, "\"kind\": \"List\"", nullptr, 2, 4, 0},
    Signature{T::contains, "\"apiVersion\": \"v1\"", nullptr, 2, 4, 0},
    Signature{T::contains, "\"lastState\":", nullptr, 2, 8, 0},
    Signature{T::contains, "\"exitCode\":", nullptr, 2, 8, 0},
    Signature{T::contains, "\"restartCount\":", nullptr, 2, 8, 0},
    Signature{T::shape, {}, is_json_line, 0.5, 400, 0},
};

// kubectl get pod -o yaml
constexpr std::array k_pod_yaml_signatures = {
    Signature{T::equals, "kind: Pod", nullptr, 8, 4, 1},
    Signature{T::equals, "kind: PodList", nullptr, 8, 4, 1},
    Signature{T::equals, "containerStatuses:", nullptr, 6, 4, 1},
    Signature{T::equals, "kind: List", nullptr, 2, 4, 0},
    Signature{T::equals, "apiVersion: v1", nullptr, 2, 4, 0},
    Signature{T::equals, "lastState:", nullptr, 4, 8, 1},
    Signature{T::equals, "terminated:", nullptr, 4, 8, 1},
    Signature{T::prefix, "exitCode: ", nullptr, 4, 8, 1},
    // A container's resources block pasted alone (`kubectl get deploy -o yaml`, an editor).
    Signature{T::equals, "resources:", nullptr, 2, 2, 0},
    Signature{T::equals, "limits:", nullptr, 3, 2, 1},
    Signature{T::prefix, "restartCount: ", nullptr, 2, 8, 0},
    Signature{T::shape, {}, is_yaml_key_line, 0.5, 400, 0},
};

// kubectl get events -o json, watch events (-w -o json), events.k8s.io objects as JSON
constexpr std::array k_event_json_signatures = {
    Signature{T::contains, "\"kind\": \"Event\"", nullptr, 10, 4, 1},
    Signature{T::contains, "\"kind\":\"Event\"", nullptr, 10, 4, 1},
    Signature{T::contains, "\"involvedObject\": {", nullptr, 8, 4, 1},
    Signature{T::contains, "\"involvedObject\":{", nullptr, 8, 4, 1},
    Signature{T::contains, "\"regarding\": {", nullptr, 8, 4, 1},
    Signature{T::shape, {}, is_json_line, 0.5, 400, 0},
};

// kubectl get events -o yaml, events.k8s.io/v1 objects
constexpr std::array k_event_yaml_signatures = {
    Signature{T::equals, "kind: Event", nullptr, 10, 4, 1},
    Signature{T::equals, "kind: EventList", nullptr, 10, 4, 1},
    Signature{T::equals, "involvedObject:", nullptr, 8, 4, 1},
    Signature{T::equals, "regarding:", nullptr, 8, 4, 1},
    Signature{T::shape, {}, is_yaml_key_line, 0.5, 400, 0},
};

}  // namespace

std::span<const Signature> event_json_signatures() {
    return k_event_json_signatures;
}

std::span<const Signature> event_yaml_signatures() {
    return k_event_yaml_signatures;
}

std::span<const Signature> pod_json_signatures() {
    return k_pod_json_signatures;
}

std::span<const Signature> pod_yaml_signatures() {
    return k_pod_yaml_signatures;
}

}  // namespace pm
