// An input keeps at most its last k_max_kernel_events events of each builder: the latest kills are
// the ones that ended the incident's containers; older ones are counted, so memory stays bounded.
#pragma once

#include <cstdint>
#include <vector>

#include "evidence/records.hpp"

namespace pm {

inline constexpr std::size_t k_max_kernel_events = 10000;

// Appends `e`; once twice the cap is held, the oldest are dropped (amortised linear) and counted.
inline void keep_recent(std::vector<KernelEvent>& events, KernelEvent e, std::uint64_t& dropped) {
    events.push_back(std::move(e));
    if (events.size() >= 2 * k_max_kernel_events) {
        const std::size_t drop = events.size() - k_max_kernel_events;
        events.erase(events.begin(), events.begin() + static_cast<std::ptrdiff_t>(drop));
        dropped += drop;
    }
}

// Leaves the last k_max_kernel_events.
inline void trim_to_cap(std::vector<KernelEvent>& events, std::uint64_t& dropped) {
    if (events.size() > k_max_kernel_events) {
        const std::size_t drop = events.size() - k_max_kernel_events;
        events.erase(events.begin(), events.begin() + static_cast<std::ptrdiff_t>(drop));
        dropped += drop;
    }
}

}  // namespace pm
