// kubelet journal lines (formats.md §7.3) read into the events they stand for: structured klog
// (1.21+, `%+v` or JSON values) and printf (≤1.20), keyed on message text, never on file:line.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "evidence/records.hpp"

namespace pm {

// Whom a kubelet line is about.
enum class KubeletScope {
    pod,      // the pod (and container) it names
    by_id,    // only a container ID: the pod is the one an earlier line tied to that ID
    node,     // the node (SystemOOM, EvictionThresholdMet, NodeShutdown, Starting)
    reclaim,  // the eviction manager's resource under pressure, named for the evictions that follow
};

struct KubeletReading {
    KubeletScope scope = KubeletScope::pod;
    std::string namespace_;
    std::string name;
    std::string container;
    std::string container_id;  // the runtime's ID the line carries (hex, without `containerd://`)
    Event event;               // type and reason set; message below, kept once the line matters
    std::string message;       // `{}` stands for the container, named once its ID is tied to a name
    std::string resource;      // the eviction manager's resource under pressure (`memory`)
    bool died = false;         // PLEG saw the container die
    bool may_tell = true;      // false: the line alone is no failure (a kill kubelet logs for every stop)
};

// The event a kubelet message body (after the klog header) stands for; nullopt when none.
std::optional<KubeletReading> read_kubelet_line(std::string_view body);

}  // namespace pm
