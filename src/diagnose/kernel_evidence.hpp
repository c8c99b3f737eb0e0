// What the node's kernel log says about a container's end: an OOM kill of its cgroup (memcg) or
// of the node (global), a segfault of its process, a page allocation failure while memory was free,
// a reboot of its node between its start and its end.
#pragma once

#include "diagnose/findings.hpp"
#include "diagnose/reading.hpp"

namespace pm {

void weigh_kernel_events(const Incident& incident, std::uint32_t pod, std::uint32_t container, const Container& c,
                         Reading& r);
// Whether a kernel event is tied to this container (a container known only from the kernel has no
// termination, and this is its reading).
bool has_kernel_event(const Incident& incident, std::uint32_t pod, std::uint32_t container);
// Findings about the node: OOM kills no container in the inputs can claim (a header lost to the
// ratelimit, a host daemon), at most a few; the rest stay in the kernel events.
std::vector<Finding> kernel_node_findings(const Grammar& g, const Incident& incident);

}  // namespace pm
