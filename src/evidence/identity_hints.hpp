// Names and IDs that kubelet, the runtimes and klog print inside free text: a pod's UID and its
// container in kubelet paths, `Back-off restarting failed container X in pod NAME_NS(UID)`, an
// event's `spec.containers{X}`, klog's `pod="ns/name" podUID=… containerName=…`, Docker's
// `k8s_<container>_<pod>_<ns>_<uid>_<n>` names. They name a pod known only from an error or an
// event, and the UID is how kernel OOM cgroup paths find their pod.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pm {

struct IdentityHints {
    std::optional<std::string> namespace_;
    std::optional<std::string> pod;
    std::optional<std::string> pod_uid;  // canonical form: lower-case, dashes (a cgroup's `_` undone)
    std::optional<std::string> container;

    bool empty() const { return !namespace_ && !pod && !pod_uid && !container; }
    // Fills what this one lacks from `other` (the first text to name a field wins).
    void fill_from(const IdentityHints& other);
};

// Every hint `text` holds (the first of each kind). Linear in the text.
IdentityHints find_identity_hints(std::string_view text);

// A pod UID as kubelet prints it, or as a systemd cgroup slice spells it (`_` for `-`), in
// canonical form; nullopt when `text` is no UID.
std::optional<std::string> canonical_pod_uid(std::string_view text);

}  // namespace pm
