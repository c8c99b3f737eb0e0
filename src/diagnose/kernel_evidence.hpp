// What the node's kernel log says about a container's end: an OOM kill of its cgroup (memcg) or
// of the node (global), a segfault of its process, a page allocation failure while memory was free,
// a reboot of its node between its start and its end.
#pragma once

#include <span>
#include <vector>

#include "diagnose/findings.hpp"
#include "diagnose/reading.hpp"

namespace pm {

// The boots in the kernel events (indices), found once for every container.
std::vector<std::uint32_t> kernel_boots(const Incident& incident);
// The grammar's kernel rules (grammars/kernel-events.rules) say which cause each event confirms.
void weigh_kernel_events(const Grammar& g, const Incident& incident, std::span<const std::uint32_t> boots,
                         const Container& c, Reading& r);
// Findings about the node: OOM kills no container in the inputs can claim (a header lost to the
// ratelimit, a host daemon), at most a few; the rest stay in the kernel events.
std::vector<Finding> kernel_node_findings(const Grammar& g, const Incident& incident);

}  // namespace pm
