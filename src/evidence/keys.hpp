// Typed identities: records are joined on these, never on formatted text.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

#include "evidence/records.hpp"

namespace pm {

// A pod by namespace and name; a pod printed without a namespace is in "default".
struct PodKey {
    std::string_view namespace_;
    std::string_view name;

    friend bool operator==(const PodKey&, const PodKey&) = default;
};

struct PodKeyHash {
    std::size_t operator()(const PodKey& key) const {
        const std::size_t a = std::hash<std::string_view>{}(key.namespace_);
        return a ^ (std::hash<std::string_view>{}(key.name) + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
    }
};

inline PodKey pod_key(const Pod& pod) {
    return {pod.namespace_.value_or("default"), pod.name.value_or("")};
}

// A container within its pod: its name and type (an init and an app container may share a name).
struct ContainerKey {
    std::string_view name;
    ContainerType type = ContainerType::app;

    friend bool operator==(const ContainerKey&, const ContainerKey&) = default;
};

struct ContainerKeyHash {
    std::size_t operator()(const ContainerKey& key) const {
        return std::hash<std::string_view>{}(key.name) * 3 + static_cast<std::size_t>(key.type);
    }
};

// The bare 64-hex (or shorter, as printed) runtime ID of `containerd://5fb8…`, `docker://…`, `cri-o://…`.
std::string_view container_id_hex(std::string_view printed);

}  // namespace pm
