#include "readers/kernel_log/cgroup_path.hpp"

#include <array>

#include "evidence/identity_hints.hpp"

namespace pm {

namespace {

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

// A path component as a container ID: `cri-containerd-<id>.scope`, `crio-<id>`, `docker-<id>.scope`, `<id>`.
std::optional<std::string> container_of(std::string_view part) {
    if (part.ends_with(".scope")) {
        part.remove_suffix(6);
    }
    static constexpr std::array<std::string_view, 4> prefixes = {"cri-containerd-", "crio-", "docker-", "libpod-"};
    for (const std::string_view p : prefixes) {
        if (part.starts_with(p)) {
            part.remove_prefix(p.size());
            break;
        }
    }
    if (part.size() != 64) {
        return std::nullopt;
    }
    for (const char c : part) {
        if (!is_hex(c)) {
            return std::nullopt;
        }
    }
    return std::string(part);
}

}  // namespace

CgroupIds decode_cgroup_path(std::string_view path) {
    CgroupIds ids;
    // Every `pod` followed by a UID (with `-` or the systemd driver's `_`); nested prefixes (kind,
    // LXC, k3s) only add components before it.
    for (std::size_t at = path.find("pod"); at != std::string_view::npos; at = path.find("pod", at + 3)) {
        if (const auto uid = canonical_pod_uid(path.substr(at + 3, 36))) {
            ids.pod_uid = uid;
            const std::string_view before = path.substr(0, at);
            ids.qos = before.find("besteffort") != std::string_view::npos  ? "besteffort"
                      : before.find("burstable") != std::string_view::npos ? "burstable"
                                                                            : "guaranteed";
            break;
        }
    }
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::string_view part = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (auto id = container_of(part)) {
            ids.container_id = std::move(id);  // the last one: the container level
        }
        if (slash == std::string_view::npos) {
            break;
        }
        start = slash + 1;
    }
    return ids;
}

}  // namespace pm
