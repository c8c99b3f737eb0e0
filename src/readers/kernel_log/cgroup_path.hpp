// A Kubernetes workload's cgroup path as the kernel prints it (formats.md §3.3) decoded to the pod
// UID, QoS class and container ID: cgroupfs and systemd drivers, docker/containerd/CRI-O, nested prefixes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pm {

struct CgroupIds {
    std::optional<std::string> pod_uid;       // canonical (dashes), from `pod<uid>`
    std::optional<std::string> container_id;  // the 64-hex ID without runtime prefix or `.scope`
    std::optional<std::string> qos;           // burstable | besteffort | guaranteed
};

CgroupIds decode_cgroup_path(std::string_view path);

}  // namespace pm
