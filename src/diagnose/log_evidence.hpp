// What a container's logs say about its end: the last fatal signature (a panic, an uncaught
// exception, a refused configuration) with its trace, or a log that ends without an error where
// something outside killed the process.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "diagnose/reading.hpp"

namespace pm {

// The logs of each container, found once: a bundle of thousands of logs is not searched per container.
class LogsByContainer {
public:
    explicit LogsByContainer(const Incident& incident);
    // The logs tied to the container, in input order.
    std::span<const ContainerLog* const> of(std::uint32_t pod, std::uint32_t container) const;

private:
    struct Entry {
        std::uint32_t pod;
        std::uint32_t container;
        const ContainerLog* log;
    };
    std::vector<Entry> m_entries;  // sorted by (pod, container), then input order
    std::vector<const ContainerLog*> m_logs;
};

bool has_log_signature(const LogsByContainer& logs, std::uint32_t pod, std::uint32_t container);

void weigh_container_logs(const Grammar& g, const LogsByContainer& logs, std::uint32_t pod, std::uint32_t container,
                          const Container& c, Reading& r);

}  // namespace pm
